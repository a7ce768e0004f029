-- Answers to the reflection reminder's questions (issue 21): one row per person, question and
-- occurrence in a channel, so answering again updates the row (INSERT … ON CONFLICT DO UPDATE),
-- and several instances answering at once keep every answer once. The person is the salted
-- hash of their user id (as for feedback), never the id; the count of rows says how many
-- answered, never who answered what. A note has passed the personal-data check before it
-- is written. case_alias: the channel's /goals case the answer belongs to, when it has one.
CREATE TABLE reflection_answers (
  platform text NOT NULL CHECK (platform IN ('slack', 'teams', 'web')),
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  channel_id text NOT NULL CHECK (channel_id <> ''),
  occurrence timestamptz NOT NULL,
  prompt_id text NOT NULL CHECK (prompt_id <> ''),
  user_hash text NOT NULL,
  reminder_id text NOT NULL,
  case_alias text,
  rating smallint CHECK (rating BETWEEN 1 AND 5),
  note text CHECK (char_length(note) <= 500),
  answered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform, tenant_id, channel_id, occurrence, prompt_id, user_hash)
);
-- The trend and the export read a channel's answers of the last weeks.
CREATE INDEX reflection_answers_channel_time ON reflection_answers (platform, tenant_id, channel_id, occurrence);
