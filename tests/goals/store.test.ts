import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { goalsFor } from '../../src/goals/index.js';
import { checkForm, type CaseContent } from '../../src/goals/model.js';
import { CaseConflictError, createGoalStore, NothingToUndoError, PersonalDataError } from '../../src/goals/store.js';
import { goalsFailure } from '../../src/conversation/goals.js';
import { plainText } from '../../src/conversation/markup.js';
import { DatabaseUnavailableError, migrate, openDatabase, type Database } from '../../src/storage/index.js';
import { describeStorage, freshSpace, TEST_DATABASE_URL } from '../storage/helpers.js';
import { validForm } from './fixtures.js';

const knowledge = loadKnowledge();

function content(change: Partial<Record<string, string>> = {}): CaseContent {
  const r = checkForm({ ...validForm(), ...change }, 'nl');
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.content;
}

/** A Slack team's tenant: the store is always opened for a platform and a tenant id. */
const slack = (tenantId: string) => ({ platform: 'slack' as const, tenantId });

async function count(db: Database, table: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row.n;
}

describeStorage('goal cases', (kind) => {
  it('keeps cases and their versions across a restart', async () => {
    const space = await freshSpace(kind);
    let db = await space.open();
    await migrate(db);
    const cases = createGoalStore(db).channel(slack('T1'), 'C1');
    expect((await cases.open('gezin-A7')).created).toBe(true);
    expect((await cases.open('GEZIN-a7')).created).toBe(false);
    await cases.save('gezin-A7', content(), 0);
    await cases.save('gezin-A7', content({ chair: 'JGZ-verpleegkundige' }), 1);
    await cases.setLanguage('en');
    await db.close();

    db = await space.open();
    await migrate(db);
    const again = createGoalStore(db).channel(slack('T1'), 'C1');
    const stored = await again.get('gezin-a7');
    expect(stored?.alias).toBe('gezin-A7');
    expect(stored?.version).toBe(2);
    expect(stored?.content?.meetings.chair).toBe('JGZ-verpleegkundige');
    expect((await again.history('gezin-A7')).map((v) => v.version)).toEqual([1, 2]);
    expect(await again.language()).toBe('en');
    expect((await again.list()).map((c) => c.alias)).toEqual(['gezin-A7']);
  });

  it('refuses a save from a stale version and shows the newer one; undo restores the previous content', async () => {
    const db = await (await freshSpace(kind)).open();
    await migrate(db);
    const cases = createGoalStore(db).channel(slack('T1'), 'C1');
    await cases.save('gezin-B2', content(), 0); // a new case straight from the form
    // Two people opened version 1; the first saves.
    await cases.save('gezin-B2', content({ chair: 'Eerste' }), 1);
    const error = await cases.save('gezin-B2', content({ chair: 'Tweede' }), 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaseConflictError);
    expect((error as CaseConflictError).current.version).toBe(2);
    expect((error as CaseConflictError).current.content?.meetings.chair).toBe('Eerste');
    // Creating a case that already exists is a conflict too.
    await expect(cases.save('gezin-B2', content(), 0)).rejects.toBeInstanceOf(CaseConflictError);
    expect(await count(db, 'goal_case_versions')).toBe(2);

    const undone = await cases.undo('gezin-B2');
    expect(undone).toMatchObject({ version: 3, restoredFrom: 1 });
    expect(undone.content?.meetings.chair).toBe(validForm().chair);
    const history = await cases.history('gezin-B2');
    expect(history.at(-1)).toMatchObject({ version: 3, restoredFrom: 1 });

    await cases.open('gezin-C3');
    await expect(cases.undo('gezin-C3')).rejects.toBeInstanceOf(NothingToUndoError);
  });

  it('stores nothing when the content holds personal data', async () => {
    const db = await (await freshSpace(kind)).open();
    await migrate(db);
    const goals = goalsFor(db, knowledge, 'nl');
    const channel = goals.channel(slack('T1'), 'C1');
    const outcome = await channel.submit({ ...validForm(), contact: 'bel moeder op 06-12345678' }, 0, 'nl');
    expect(outcome.kind).toBe('personal-data');
    // Even past the form check, the store refuses it.
    const raw = createGoalStore(db).channel(slack('T1'), 'C1');
    await expect(raw.save('gezin-D4', { ...content(), contact: 'BSN 123456782' }, 0)).rejects.toBeInstanceOf(PersonalDataError);
    await expect(raw.open('cliënt Jan de Vries')).rejects.toBeInstanceOf(PersonalDataError);
    expect(await count(db, 'goal_cases')).toBe(0);
    expect(await count(db, 'goal_case_versions')).toBe(0);
    // Planning dates are not mistaken for dates of birth.
    expect((await channel.submit(validForm('gezin-D4'), 0, 'nl')).kind).toBe('saved');
  });

  it('keeps tenants and channels apart', async () => {
    const db = await (await freshSpace(kind)).open();
    await migrate(db);
    const store = createGoalStore(db);
    await store.channel(slack('T1'), 'C1').save('gezin-A7', content({ chair: 'T1' }), 0);
    await store.channel(slack('T2'), 'C1').save('gezin-A7', content({ chair: 'T2' }), 0);
    expect((await store.channel(slack('T1'), 'C1').get('gezin-A7'))?.content?.meetings.chair).toBe('T1');
    expect((await store.channel(slack('T2'), 'C1').get('gezin-A7'))?.content?.meetings.chair).toBe('T2');
    expect(await store.channel(slack('T1'), 'C2').get('gezin-A7')).toBeUndefined();
    expect(await store.channel(slack('T3'), 'C1').list()).toEqual([]);
    expect(await store.channel(slack('T2'), 'C1').history('gezin-A7')).toHaveLength(1);
  });

  it('writes nothing half when a save fails midway', async () => {
    const db = await (await freshSpace(kind)).open();
    await migrate(db);
    const cases = createGoalStore(db).channel(slack('T1'), 'C1');
    await cases.save('gezin-E5', content(), 0);
    // Make the version insert fail after the case row was updated, in the same transaction.
    await db.query(`INSERT INTO goal_case_versions (platform, tenant_id, channel_id, alias_key, version, content)
                    VALUES ('slack', 'T1', 'C1', 'gezin-e5', 2, '{}'::jsonb)`);
    await expect(cases.save('gezin-E5', content({ chair: 'Half' }), 1)).rejects.toThrow();
    const stored = await cases.get('gezin-E5');
    expect(stored?.version).toBe(1);
    expect(stored?.content?.meetings.chair).toBe(validForm().chair);
  });

  it('reports a database that is down clearly, without crashing, and writes nothing', async () => {
    const space = await freshSpace(kind);
    let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;
    let db: Database;
    if (kind === 'postgres') {
      proxy = await startProxy(new URL(TEST_DATABASE_URL!));
      const viaProxy = new URL(TEST_DATABASE_URL!);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      db = await openDatabase({ ...space.options, databaseUrl: viaProxy.toString() });
    } else {
      db = await space.open();
    }
    try {
      await migrate(db);
      const channel = goalsFor(db, knowledge, 'en').channel(slack('T1'), 'C1');
      expect((await channel.submit(validForm(), 0, 'en')).kind).toBe('saved');
      if (proxy) await proxy.stop();
      else await db.close();
      const error = await channel.submit({ ...validForm(), chair: 'Nieuw' }, 1, 'en').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      const message = plainText(goalsFailure(error, 'en'));
      if (kind === 'postgres') {
        expect(error).toBeInstanceOf(DatabaseUnavailableError);
        expect(message).toMatch(/database is unavailable.*Nothing was half-saved/);
        proxy = await startProxy(new URL(TEST_DATABASE_URL!), proxy!.port);
        const stored = await channel.get('gezin-A7');
        expect(stored?.version).toBe(1);
        expect(stored?.content?.meetings.chair).toBe(validForm().chair);
      } else {
        expect(message).toMatch(/Nothing was half-saved/);
      }
    } finally {
      await db.close();
      await proxy?.stop();
    }
  });
});

/** A loopback TCP proxy to the test server that can be stopped and started again on the same port. */
async function startProxy(target: URL, port = 0) {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ]) {
      sockets.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async stop() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

describe('goalsFailure', () => {
  it('tells the user the database is down and nothing was half-saved', () => {
    expect(plainText(goalsFailure(new DatabaseUnavailableError('down'), 'nl'))).toMatch(/database is nu niet bereikbaar/);
  });
});
