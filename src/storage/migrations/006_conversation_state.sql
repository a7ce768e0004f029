-- The conversation state every instance shares (issue 19; src/conversation/database-state.ts):
-- what was handled, the turns of the conversations Samen answered in, rate-limit hits and which
-- findings an answer cited. Every row is keyed by platform and tenant and expires: reads skip
-- expired rows and writes now and then delete them. Ids, conversation ids and rate-limit keys
-- are stored as keyed hashes (HMAC with the user-hash salt), never as they came: no user id,
-- channel id or IP address is written here.

-- Deliveries handled (a Slack event or message, a Teams activity): the primary key makes the
-- first instance to insert one the only one to handle it.
CREATE TABLE conversation_handled (
  platform text NOT NULL CHECK (platform IN ('slack', 'teams', 'web')),
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  id_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (platform, tenant_id, id_hash)
);
CREATE INDEX conversation_handled_expires ON conversation_handled (expires_at);

-- The last few turns of a conversation (a Slack thread, a Teams reply chain, a web chat client),
-- oldest first, as a JSON array of {question, answer?}: the questions redacted of personal data,
-- the answers a short gist. Updated under a row lock, so concurrent turns are not lost.
CREATE TABLE conversation_turns (
  platform text NOT NULL CHECK (platform IN ('slack', 'teams', 'web')),
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  conversation_hash text NOT NULL,
  turns jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (platform, tenant_id, conversation_hash)
);
CREATE INDEX conversation_turns_expires ON conversation_turns (expires_at);

-- One row per question counted against a rate limit (a sliding window per key). Counting and
-- inserting happen under a transaction-scoped advisory lock on the key, so instances counting
-- the same key at once take turns.
CREATE TABLE conversation_hits (
  platform text NOT NULL CHECK (platform IN ('slack', 'teams', 'web')),
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  key_hash text NOT NULL,
  at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX conversation_hits_key ON conversation_hits (platform, tenant_id, key_hash, at);
CREATE INDEX conversation_hits_expires ON conversation_hits (expires_at);

-- The findings an answer cited, by the message id the platform gave it (Teams feedback names
-- only that id). No question, no answer text.
CREATE TABLE conversation_answers (
  platform text NOT NULL CHECK (platform IN ('slack', 'teams', 'web')),
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  message_hash text NOT NULL,
  finding_ids text[] NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (platform, tenant_id, message_hash)
);
CREATE INDEX conversation_answers_expires ON conversation_answers (expires_at);
