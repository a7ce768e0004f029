import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskPassword, openDatabase, type Database } from '../../src/storage/database.js';
import { migrate } from '../../src/storage/migrate.js';
import { createStore, type FeedbackInput } from '../../src/storage/store.js';
import { describeStorage, freshSpace, TEST_DATABASE_URL } from './helpers.js';

// Every migration file, in order (other features add theirs: 002_goal_cases.sql, …).
const MIGRATIONS = readdirSync(new URL('../../src/storage/migrations/', import.meta.url))
  .filter((f) => /^\d+_.+\.sql$/.test(f))
  .sort();

const feedback = (over: Partial<FeedbackInput> = {}): FeedbackInput => ({
  channelId: 'C1',
  findingIds: ['f1', 'f2'],
  rating: 'helpful',
  userId: 'U1',
  ...over,
});

/** A Teams tenant: the store is always opened for a platform and a tenant id. */
const teams = (tenantId: string) => ({ platform: 'teams' as const, tenantId });

async function count(db: Database, table: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row.n;
}

describeStorage('database', (kind) => {
  it('migrates an empty database, and running again changes nothing', async () => {
    const db = await (await freshSpace(kind)).open();
    expect(await migrate(db)).toEqual(MIGRATIONS);
    expect(await migrate(db)).toEqual([]);
    const applied = await db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations');
    expect(applied).toEqual(MIGRATIONS.map((name) => ({ version: parseInt(name, 10), name })));
    expect(await count(db, 'feedback')).toBe(0);
    expect(await count(db, 'conversation_references')).toBe(0);
  });

  it('keeps tenants apart', async () => {
    const db = await (await freshSpace(kind)).open();
    await migrate(db);
    const store = await createStore(db);
    const a = store.tenant(teams('T-A'));
    const b = store.tenant(teams('T-B'));

    await a.feedback.record(feedback({ rating: 'helpful' }));
    await a.feedback.record(feedback({ rating: 'not_helpful', findingIds: ['f2'] }));
    await b.feedback.record(feedback({ rating: 'not_helpful', findingIds: ['f9'] }));
    // The same conversation id in two tenants is two separate rows.
    await a.conversations.save('conv-1', { owner: 'A' });
    await b.conversations.save('conv-1', { owner: 'B' });
    await b.conversations.save('conv-2', { owner: 'B' });

    expect(await a.feedback.summary()).toEqual({
      helpful: 1,
      notHelpful: 1,
      byFinding: [
        { findingId: 'f1', helpful: 1, notHelpful: 0 },
        { findingId: 'f2', helpful: 1, notHelpful: 1 },
      ],
    });
    expect(await b.feedback.summary()).toEqual({
      helpful: 0,
      notHelpful: 1,
      byFinding: [{ findingId: 'f9', helpful: 0, notHelpful: 1 }],
    });
    expect(await a.conversations.get('conv-1')).toEqual({ owner: 'A' });
    expect(await a.conversations.get('conv-2')).toBeUndefined();
    expect((await a.conversations.list()).map((c) => c.reference)).toEqual([{ owner: 'A' }]);
    expect((await b.conversations.list()).map((c) => c.conversationId)).toEqual(['conv-1', 'conv-2']);
    expect(await store.tenant(teams('T-C')).feedback.summary()).toEqual({ helpful: 0, notHelpful: 0, byFinding: [] });
    expect(() => store.tenant(teams(''))).toThrow(/tenant id/);
  });

  it('replaces a saved conversation reference', async () => {
    const db = await (await freshSpace(kind)).open();
    await migrate(db);
    const t = (await createStore(db)).tenant(teams('T1'));
    await t.conversations.save('conv-1', { serviceUrl: 'https://a.example', nested: { n: 1 } });
    const [first] = await t.conversations.list();
    await t.conversations.save('conv-1', { serviceUrl: 'https://b.example' });
    const all = await t.conversations.list();
    expect(all).toHaveLength(1);
    expect(all[0].reference).toEqual({ serviceUrl: 'https://b.example' });
    expect(all[0].updatedAt.getTime()).toBeGreaterThanOrEqual(first.updatedAt.getTime());
  });

  it('stores a salted hash of the user, never the id, question or name', async () => {
    const db = await (await freshSpace(kind)).open();
    await migrate(db);
    const t = (await createStore(db, { hashSalt: 'pepper' })).tenant(teams('T1'));
    await t.feedback.record(feedback({ userId: 'U123' }));
    const [row] = await db.query<{ user_hash: string }>('SELECT user_hash FROM feedback');
    expect(row.user_hash).toBe(createHmac('sha256', 'pepper').update('U123').digest('hex'));
    // Extra fields are refused rather than silently dropped.
    await expect(t.feedback.record({ ...feedback(), question: 'Wie is de regisseur?' } as FeedbackInput)).rejects.toThrow();
    await expect(t.feedback.record(feedback({ rating: 'meh' as 'helpful' }))).rejects.toThrow();
    expect(await count(db, 'feedback')).toBe(1);

    // Without SAMEN_HASH_SALT the database's own generated salt is used, and kept.
    const hashWithDefault = async () => {
      await (await createStore(db)).tenant(teams('T1')).feedback.record(feedback({ userId: 'U123', channelId: 'C-default' }));
      const [r] = await db.query<{ user_hash: string }>(
        `SELECT user_hash FROM feedback WHERE channel_id = 'C-default' ORDER BY id DESC LIMIT 1`,
      );
      return r.user_hash;
    };
    const first = await hashWithDefault();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(first).not.toBe(row.user_hash);
    expect(await hashWithDefault()).toBe(first);
  });

  it('leaves nothing half-written when a transaction fails midway', async () => {
    const db = await (await freshSpace(kind)).open();
    await migrate(db);
    const t = (await createStore(db)).tenant(teams('T1'));

    await expect(
      t.transaction(async (tx) => {
        await tx.feedback.record(feedback());
        await tx.conversations.save('conv-1', { a: 1 });
        throw new Error('crash in the middle');
      }),
    ).rejects.toThrow('crash in the middle');

    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO feedback (platform, tenant_id, channel_id, finding_ids, rating, user_hash)
                        VALUES ('teams', 'T1', 'C1', '{f1}', 'helpful', 'h')`);
        await tx.query(`INSERT INTO feedback (platform, tenant_id, channel_id, finding_ids, rating, user_hash)
                        VALUES ('teams', 'T1', 'C1', '{f1}', 'not a rating', 'h')`);
      }),
    ).rejects.toThrow(/check constraint/);

    expect(await count(db, 'feedback')).toBe(0);
    expect(await count(db, 'conversation_references')).toBe(0);
    // The database is still usable, and a transaction that succeeds commits both writes.
    await t.transaction(async (tx) => {
      await tx.feedback.record(feedback());
      await tx.conversations.save('conv-1', { a: 1 });
    });
    expect(await count(db, 'feedback')).toBe(1);
    expect(await t.conversations.get('conv-1')).toEqual({ a: 1 });
  });

  it.runIf(kind === 'embedded')('keeps its data across a restart', async () => {
    const space = await freshSpace(kind);
    let db = await space.open();
    await migrate(db);
    const first = (await createStore(db)).tenant(teams('T1'));
    await first.feedback.record(feedback());
    await first.conversations.save('conv-1', { kept: true });
    const [before] = await db.query<{ user_hash: string }>('SELECT user_hash FROM feedback');
    await db.close();

    db = await space.open();
    expect(db.describe()).toContain(space.options.dataDir);
    expect(await migrate(db)).toEqual([]);
    const t = (await createStore(db)).tenant(teams('T1'));
    expect((await t.feedback.summary()).helpful).toBe(1);
    expect(await t.conversations.get('conv-1')).toEqual({ kept: true });
    // The generated salt is part of the data dir, so hashes stay comparable.
    await t.feedback.record(feedback());
    const hashes = await db.query<{ user_hash: string }>('SELECT DISTINCT user_hash FROM feedback');
    expect(hashes).toEqual([before]);
  });

  it.runIf(kind === 'embedded')('refuses a data directory that a running process has open', async () => {
    const space = await freshSpace(kind);
    const lockFile = join(space.options.dataDir, 'samen.lock');
    const db = await space.open();
    await expect(openDatabase(space.options)).rejects.toThrow(/SAMEN_DATA_DIR\): it is in use by process/);
    await db.close();
    // A lock left by a process that still runs (here: vitest's main process) stops it too,
    writeFileSync(lockFile, String(process.ppid));
    await expect(openDatabase(space.options)).rejects.toThrow(`in use by process ${process.ppid}`);
    // and one left by a process that has gone (as after kill -9) does not.
    writeFileSync(lockFile, String(spawnSync('true').pid));
    await (await space.open()).ping();
  });

  it.runIf(kind === 'postgres')('lets two instances migrate at once, applying each migration once', async () => {
    const space = await freshSpace(kind);
    const [one, two] = await Promise.all([space.open(), space.open()]);
    const results = await Promise.all([migrate(one), migrate(two)]);
    expect(results.flat()).toEqual(MIGRATIONS);
    expect(await count(one, 'schema_migrations')).toBe(MIGRATIONS.length);
    // Both can use the schema straight away.
    await (await createStore(one)).tenant(teams('T1')).feedback.record(feedback());
    expect((await (await createStore(two)).tenant(teams('T1')).feedback.summary()).helpful).toBe(1);
  });
});

describe('describe() and error messages', () => {
  it('mask the password of a database URL', () => {
    expect(maskPassword('postgres://samen:s3cret@db.example:5432/samen')).toBe('postgres://samen:***@db.example:5432/samen');
    expect(maskPassword('postgres://db.example/samen?password=s3cret&sslmode=require')).toBe(
      'postgres://db.example/samen?password=***&sslmode=require',
    );
    expect(maskPassword('postgres://samen@db.example/samen')).toBe('postgres://samen@db.example/samen');
    expect(maskPassword('not a url s3cret')).not.toContain('s3cret');
  });

  it.skipIf(!TEST_DATABASE_URL)('describe() shows where the data is', async () => {
    const url = new URL(TEST_DATABASE_URL!);
    url.password = 'pw-not-shown';
    // Trust auth ignores the password, so this connects.
    const db = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused' });
    try {
      expect(db.kind).toBe('postgres');
      expect(db.describe()).toContain(`${url.hostname}:${url.port}`);
      expect(db.describe()).not.toContain('pw-not-shown');
    } finally {
      await db.close();
    }
  });
});
