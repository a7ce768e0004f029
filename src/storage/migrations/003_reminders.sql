-- Weekly reflection reminders, one per channel of a tenant (Slack team, Teams tenant).
-- The schedule is a weekday and a wall-clock time in an IANA zone; next_run_at is the
-- instant of the next occurrence, for which a job waits on the queue.
CREATE TABLE reminders (
  id text PRIMARY KEY,
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  platform text NOT NULL CHECK (platform IN ('slack', 'teams')),
  channel_id text NOT NULL CHECK (channel_id <> ''),
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
  minute smallint NOT NULL CHECK (minute BETWEEN 0 AND 59),
  time_zone text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  -- Why it paused: 'user', or the channel error that paused it (channel_not_found, …).
  paused_reason text,
  next_run_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, platform, channel_id)
);

-- One row per occurrence that was handled. Inserted before posting: the unique key makes
-- an occurrence post at most once however many instances run.
CREATE TABLE reminder_deliveries (
  reminder_id text NOT NULL REFERENCES reminders (id) ON DELETE CASCADE,
  occurrence timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('scheduled', 'now', 'snooze')),
  status text NOT NULL CHECK (status IN ('posting', 'posted', 'missed', 'done', 'skipped', 'snoozed', 'failed')),
  -- Where the message is (Slack ts, Teams activity id), for thread replies and updates.
  message_ref text,
  handled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reminder_id, occurrence)
);
