-- Tenant-scoped rows are keyed by platform and tenant (issue 18): a tenant id is only
-- unique within its platform, so a Slack request with team_id "web" must not reach the
-- web chat's rows, nor a Teams activity claiming any tenant id another platform's.
-- (reminders carry a platform since 003, in their unique key.)

-- The platform of a row written before this migration, from its tenant id: "web" is the
-- web chat, Slack team ids look like T0123ABC (E… for Enterprise Grid), the rest is Teams
-- (Entra tenant GUIDs, and "local" for the Emulator and Playground).
CREATE FUNCTION samen_inferred_platform(tenant_id text) RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT CASE WHEN tenant_id = 'web' THEN 'web'
                    WHEN tenant_id ~ '^[TE][A-Z0-9]+$' THEN 'slack'
                    ELSE 'teams' END $$;

-- /goals: the versions' foreign key and every primary key gain the platform.
ALTER TABLE goal_case_versions DROP CONSTRAINT goal_case_versions_tenant_id_channel_id_alias_key_fkey;
ALTER TABLE goal_case_versions DROP CONSTRAINT goal_case_versions_pkey;
ALTER TABLE goal_cases DROP CONSTRAINT goal_cases_pkey;
ALTER TABLE goal_channel_settings DROP CONSTRAINT goal_channel_settings_pkey;

ALTER TABLE goal_cases ADD COLUMN platform text;
UPDATE goal_cases SET platform = samen_inferred_platform(tenant_id);
ALTER TABLE goal_cases
  ALTER COLUMN platform SET NOT NULL,
  ADD CONSTRAINT goal_cases_platform_check CHECK (platform IN ('slack', 'teams', 'web')),
  ADD PRIMARY KEY (platform, tenant_id, channel_id, alias_key);

ALTER TABLE goal_case_versions ADD COLUMN platform text;
UPDATE goal_case_versions SET platform = samen_inferred_platform(tenant_id);
ALTER TABLE goal_case_versions
  ALTER COLUMN platform SET NOT NULL,
  ADD CONSTRAINT goal_case_versions_platform_check CHECK (platform IN ('slack', 'teams', 'web')),
  ADD PRIMARY KEY (platform, tenant_id, channel_id, alias_key, version),
  ADD FOREIGN KEY (platform, tenant_id, channel_id, alias_key)
    REFERENCES goal_cases (platform, tenant_id, channel_id, alias_key) ON DELETE CASCADE;

ALTER TABLE goal_channel_settings ADD COLUMN platform text;
UPDATE goal_channel_settings SET platform = samen_inferred_platform(tenant_id);
ALTER TABLE goal_channel_settings
  ALTER COLUMN platform SET NOT NULL,
  ADD CONSTRAINT goal_channel_settings_platform_check CHECK (platform IN ('slack', 'teams', 'web')),
  ADD PRIMARY KEY (platform, tenant_id, channel_id);

-- Feedback: summaries are read per platform and tenant.
ALTER TABLE feedback ADD COLUMN platform text;
UPDATE feedback SET platform = samen_inferred_platform(tenant_id);
ALTER TABLE feedback
  ALTER COLUMN platform SET NOT NULL,
  ADD CONSTRAINT feedback_platform_check CHECK (platform IN ('slack', 'teams', 'web'));
DROP INDEX feedback_tenant_created;
CREATE INDEX feedback_platform_tenant_created ON feedback (platform, tenant_id, created_at);

-- Conversation references: only the Teams bot ever stored them.
ALTER TABLE conversation_references DROP CONSTRAINT conversation_references_pkey;
ALTER TABLE conversation_references ADD COLUMN platform text;
UPDATE conversation_references SET platform = 'teams';
ALTER TABLE conversation_references
  ALTER COLUMN platform SET NOT NULL,
  ADD CONSTRAINT conversation_references_platform_check CHECK (platform IN ('slack', 'teams', 'web')),
  ADD PRIMARY KEY (platform, tenant_id, conversation_id);

DROP FUNCTION samen_inferred_platform(text);
