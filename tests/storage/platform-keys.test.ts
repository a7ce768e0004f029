/**
 * Issue 18, defect 6: every tenant-scoped row is keyed by platform and tenant. Migration
 * 005 gives rows written before it their platform and keeps them readable; after it, the
 * same tenant id and channel on two platforms are two separate sets of rows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { checkForm, type CaseContent } from '../../src/goals/model.js';
import { createGoalStore } from '../../src/goals/store.js';
import { goalsHook } from '../../src/reminders/goals-hook.js';
import { reminderRepository } from '../../src/reminders/store.js';
import type { Database } from '../../src/storage/database.js';
import { migrate } from '../../src/storage/migrate.js';
import { createStore, type FeedbackInput } from '../../src/storage/store.js';
import type { Platform } from '../../src/storage/tenant.js';
import { validForm } from '../goals/fixtures.js';
import { describeStorage, freshSpace } from './helpers.js';

const MIGRATIONS_DIR = new URL('../../src/storage/migrations/', import.meta.url);
const TEAMS_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TEAMS_CHANNEL = '19:2b8c9e6f0a4d4f3c9d7e1b5a6c8d0e2f@thread.tacv2';

function content(change: Record<string, string> = {}): CaseContent {
  const r = checkForm({ ...validForm(), ...change }, 'nl');
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.content;
}

const feedback = (over: Partial<FeedbackInput> = {}): FeedbackInput => ({
  channelId: 'web',
  findingIds: ['f1'],
  rating: 'helpful',
  userId: 'U1',
  ...over,
});

/** Applies the migrations up to and including `last` the way migrate() records them: the schema of an older release. */
async function migrateUpTo(db: Database, last: number): Promise<void> {
  await db.query(`CREATE TABLE schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
  for (const name of files.filter((f) => parseInt(f, 10) <= last)) {
    await db.query(readFileSync(new URL(name, MIGRATIONS_DIR), 'utf8'));
    await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [parseInt(name, 10), name]);
  }
}

describeStorage('platform keys', (kind) => {
  it('migration 005 gives rows written under the old schema their platform, and they stay readable', async () => {
    const db = await (await freshSpace(kind)).open();
    await migrateUpTo(db, 4);
    const saved = JSON.stringify(content());
    // Rows as release 004 wrote them: a Slack team, an Enterprise Grid org, the web chat,
    // a Teams tenant, and the Teams Emulator's "local".
    await db.query(
      `INSERT INTO goal_cases (tenant_id, channel_id, alias_key, alias, version, content) VALUES
         ('T0SLACK1', 'C0GOALS', 'gezin-a7', 'gezin-A7', 1, $1::jsonb),
         ('web', 'web', 'gezin-w1', 'gezin-W1', 0, NULL),
         ($2, $3, 'gezin-t1', 'gezin-T1', 0, NULL),
         ('local', 'a:1personal', 'gezin-l1', 'gezin-L1', 0, NULL)`,
      [saved, TEAMS_TENANT, TEAMS_CHANNEL],
    );
    await db.query(
      `INSERT INTO goal_case_versions (tenant_id, channel_id, alias_key, version, content)
       VALUES ('T0SLACK1', 'C0GOALS', 'gezin-a7', 1, $1::jsonb)`,
      [saved],
    );
    await db.query(
      `INSERT INTO goal_channel_settings (tenant_id, channel_id, language)
       VALUES ('T0SLACK1', 'C0GOALS', 'en'), ('web', 'web', 'en'), ($1, $2, 'nl')`,
      [TEAMS_TENANT, TEAMS_CHANNEL],
    );
    await db.query(
      `INSERT INTO feedback (tenant_id, channel_id, finding_ids, rating, user_hash) VALUES
         ('T0SLACK1', 'C0GOALS', '{f1}', 'helpful', 'h'),
         ('E0GRID1', 'C0GRID', '{f1}', 'helpful', 'h'),
         ('web', 'web', '{f2}', 'not_helpful', 'h'),
         ($1, $2, '{f3}', 'helpful', 'h')`,
      [TEAMS_TENANT, TEAMS_CHANNEL],
    );
    await db.query(
      `INSERT INTO conversation_references (tenant_id, conversation_id, reference)
       VALUES ($1, $2, '{"serviceUrl": "https://smba.example/emea/"}'), ('local', 'a:1personal', '{}')`,
      [TEAMS_TENANT, TEAMS_CHANNEL],
    );
    await db.query(
      `INSERT INTO reminders (id, tenant_id, platform, channel_id, weekday, hour, minute, time_zone)
       VALUES ('r1', 'T0SLACK1', 'slack', 'C0GOALS', 4, 14, 0, 'Europe/Amsterdam')`,
    );

    expect((await migrate(db))[0]).toBe('005_platform_keys.sql');

    expect(await db.query('SELECT platform, tenant_id, alias FROM goal_cases ORDER BY alias_key')).toEqual([
      { platform: 'slack', tenant_id: 'T0SLACK1', alias: 'gezin-A7' },
      { platform: 'teams', tenant_id: 'local', alias: 'gezin-L1' },
      { platform: 'teams', tenant_id: TEAMS_TENANT, alias: 'gezin-T1' },
      { platform: 'web', tenant_id: 'web', alias: 'gezin-W1' },
    ]);
    expect(await db.query('SELECT platform FROM goal_case_versions')).toEqual([{ platform: 'slack' }]);
    expect(await db.query('SELECT platform, tenant_id FROM goal_channel_settings ORDER BY platform')).toEqual([
      { platform: 'slack', tenant_id: 'T0SLACK1' },
      { platform: 'teams', tenant_id: TEAMS_TENANT },
      { platform: 'web', tenant_id: 'web' },
    ]);
    expect(await db.query('SELECT platform, tenant_id FROM feedback ORDER BY id')).toEqual([
      { platform: 'slack', tenant_id: 'T0SLACK1' },
      { platform: 'slack', tenant_id: 'E0GRID1' },
      { platform: 'web', tenant_id: 'web' },
      { platform: 'teams', tenant_id: TEAMS_TENANT },
    ]);
    expect(await db.query('SELECT DISTINCT platform FROM conversation_references')).toEqual([{ platform: 'teams' }]);

    // Readable through the stores under their platform, and only there.
    const goals = createGoalStore(db);
    const slackCases = goals.channel({ platform: 'slack', tenantId: 'T0SLACK1' }, 'C0GOALS');
    expect(await slackCases.get('gezin-A7')).toMatchObject({ version: 1, content: content() });
    expect((await slackCases.history('gezin-A7')).map((v) => v.version)).toEqual([1]);
    expect(await slackCases.language()).toBe('en');
    // The new keys hold: the next version and an undo write through the versions' foreign key.
    await slackCases.save('gezin-A7', content({ chair: 'Nieuw' }), 1);
    expect(await slackCases.undo('gezin-A7')).toMatchObject({ version: 3, restoredFrom: 1 });
    expect(await goals.channel({ platform: 'teams', tenantId: 'T0SLACK1' }, 'C0GOALS').get('gezin-A7')).toBeUndefined();

    const webCases = goals.channel({ platform: 'web', tenantId: 'web' }, 'web');
    expect((await webCases.list()).map((c) => c.alias)).toEqual(['gezin-W1']);
    expect(await webCases.language()).toBe('en');
    expect(await goals.channel({ platform: 'slack', tenantId: 'web' }, 'web').list()).toEqual([]);
    expect(await goals.channel({ platform: 'teams', tenantId: TEAMS_TENANT }, TEAMS_CHANNEL).get('gezin-T1')).toBeDefined();
    expect(await goals.channel({ platform: 'teams', tenantId: TEAMS_TENANT }, TEAMS_CHANNEL).language()).toBe('nl');
    expect(await goals.channel({ platform: 'teams', tenantId: 'local' }, 'a:1personal').get('gezin-L1')).toBeDefined();

    const store = await createStore(db);
    expect((await store.tenant({ platform: 'slack', tenantId: 'T0SLACK1' }).feedback.summary()).helpful).toBe(1);
    expect((await store.tenant({ platform: 'slack', tenantId: 'E0GRID1' }).feedback.summary()).helpful).toBe(1);
    expect((await store.tenant({ platform: 'web', tenantId: 'web' }).feedback.summary()).notHelpful).toBe(1);
    expect((await store.tenant({ platform: 'teams', tenantId: TEAMS_TENANT }).feedback.summary()).helpful).toBe(1);
    expect(await store.tenant({ platform: 'teams', tenantId: TEAMS_TENANT }).conversations.get(TEAMS_CHANNEL)).toEqual({
      serviceUrl: 'https://smba.example/emea/',
    });
    expect(await store.tenant({ platform: 'teams', tenantId: 'local' }).conversations.get('a:1personal')).toEqual({});
    expect(await reminderRepository(db, { platform: 'slack', tenantId: 'T0SLACK1' }).forChannel('C0GOALS')).toMatchObject({ id: 'r1' });

    // A row cannot be written without a platform, or with one Samen does not know.
    await expect(
      db.query(`INSERT INTO goal_cases (tenant_id, channel_id, alias_key, alias) VALUES ('T1', 'C1', 'a', 'a')`),
    ).rejects.toThrow(/null value|not-null/);
    await expect(
      db.query(`INSERT INTO feedback (platform, tenant_id, channel_id, finding_ids, rating, user_hash)
                VALUES ('irc', 'T1', 'C1', '{f1}', 'helpful', 'h')`),
    ).rejects.toThrow(/check constraint/);
    // The helper function used to infer the platforms is gone again.
    await expect(db.query(`SELECT samen_inferred_platform('web')`)).rejects.toThrow(/does not exist/);
  });

  it('keeps the cases, settings, feedback and references of the same tenant id and channel on two platforms apart', async () => {
    const db = await (await freshSpace(kind)).open();
    await migrate(db);
    const goals = createGoalStore(db);
    const store = await createStore(db);
    // The web chat's ids, which a Slack team or a Teams tenant could claim too.
    const on = (platform: Platform) => ({ platform, tenantId: 'web' });
    const web = goals.channel(on('web'), 'web');
    const slack = goals.channel(on('slack'), 'web');
    const teams = goals.channel(on('teams'), 'web');

    await web.save('gezin-A7', content({ chair: 'web' }), 0);
    await slack.save('gezin-A7', content({ chair: 'slack' }), 0);
    await slack.save('gezin-A7', content({ chair: 'slack again' }), 1);
    await web.open('gezin-W1');
    expect((await web.get('gezin-A7'))?.content?.meetings.chair).toBe('web');
    expect((await slack.get('gezin-A7'))?.content?.meetings.chair).toBe('slack again');
    expect((await web.history('gezin-A7')).map((v) => v.version)).toEqual([1]);
    expect((await web.list()).map((c) => c.alias)).toEqual(['gezin-A7', 'gezin-W1']);
    expect((await slack.list()).map((c) => c.alias)).toEqual(['gezin-A7']);
    expect(await slack.get('gezin-W1')).toBeUndefined();
    expect(await teams.list()).toEqual([]);
    // An undo in one platform's channel leaves the other's case as it is.
    await slack.undo('gezin-A7');
    expect((await web.get('gezin-A7'))?.version).toBe(1);

    await web.setLanguage('en');
    await slack.setLanguage('nl');
    expect(await web.language()).toBe('en');
    expect(await slack.language()).toBe('nl');
    expect(await teams.language()).toBeUndefined();

    // The reminders read /goals through the same store.
    const hook = goalsHook(goals);
    const aliases = async (platform: 'web' | 'slack') => (await hook.summary(on(platform), 'web', 'en'))?.cases.map((c) => c.alias);
    expect(await aliases('web')).toContain('gezin-W1');
    expect(await aliases('slack')).not.toContain('gezin-W1');
    expect(await hook.summary(on('teams'), 'web', 'en')).toBeUndefined();
    expect(await hook.language(on('slack'), 'web')).toBe('nl');

    await store.tenant(on('web')).feedback.record(feedback({ rating: 'helpful' }));
    await store.tenant(on('slack')).feedback.record(feedback({ rating: 'not_helpful', findingIds: ['f9'] }));
    expect(await store.tenant(on('web')).feedback.summary()).toEqual({
      helpful: 1,
      notHelpful: 0,
      byFinding: [{ findingId: 'f1', helpful: 1, notHelpful: 0 }],
    });
    expect(await store.tenant(on('slack')).feedback.summary()).toEqual({
      helpful: 0,
      notHelpful: 1,
      byFinding: [{ findingId: 'f9', helpful: 0, notHelpful: 1 }],
    });
    expect((await store.tenant(on('teams')).feedback.summary()).helpful).toBe(0);

    await store.tenant(on('teams')).conversations.save('web', { owner: 'teams' });
    expect(await store.tenant(on('teams')).conversations.get('web')).toEqual({ owner: 'teams' });
    expect(await store.tenant(on('web')).conversations.list()).toEqual([]);

    // Without a known platform nothing opens.
    expect(() => goals.channel({ tenantId: 'web' } as never, 'web')).toThrow(/platform/);
    expect(() => store.tenant({ platform: 'irc', tenantId: 'web' } as never)).toThrow(/platform/);
    expect(() => reminderRepository(db, { tenantId: 'web' } as never)).toThrow(/platform/);
  });
});
