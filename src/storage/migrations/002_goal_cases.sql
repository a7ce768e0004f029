-- /goals working agreements, one per case alias in a channel of a tenant. The alias is a
-- code chosen by the professionals; the content holds no client identifiers (refused
-- before anything is written). Every save is kept in goal_case_versions.
CREATE TABLE goal_cases (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  channel_id text NOT NULL CHECK (channel_id <> ''),
  alias_key text NOT NULL CHECK (alias_key <> ''),
  alias text NOT NULL,
  -- 0: posted, not filled in yet; every save adds one.
  version integer NOT NULL DEFAULT 0 CHECK (version >= 0),
  content jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, channel_id, alias_key)
);

CREATE TABLE goal_case_versions (
  tenant_id text NOT NULL,
  channel_id text NOT NULL,
  alias_key text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  content jsonb NOT NULL,
  -- For an undo: the version whose content this one restores.
  restored_from integer,
  saved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, channel_id, alias_key, version),
  FOREIGN KEY (tenant_id, channel_id, alias_key) REFERENCES goal_cases ON DELETE CASCADE
);

-- Per-channel settings of /goals, such as its language.
CREATE TABLE goal_channel_settings (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  channel_id text NOT NULL CHECK (channel_id <> ''),
  language text NOT NULL CHECK (language IN ('nl', 'en')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, channel_id)
);
