-- Key/value settings that belong to this database, such as the generated user-hash salt.
CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

-- Answer feedback. Deliberately no question text and no names: only which findings
-- the answer cited, the rating, and a salted hash of the user id.
CREATE TABLE feedback (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  channel_id text NOT NULL,
  finding_ids text[] NOT NULL,
  rating text NOT NULL CHECK (rating IN ('helpful', 'not_helpful')),
  user_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feedback_tenant_created ON feedback (tenant_id, created_at);

-- Teams conversation references, needed to post proactively (reminders) later.
CREATE TABLE conversation_references (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  conversation_id text NOT NULL,
  reference jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, conversation_id)
);
