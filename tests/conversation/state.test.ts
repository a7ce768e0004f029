/**
 * The conversation-state port's contract, run against each implementation: in memory, the
 * database on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set. The clock is injected,
 * so expiry is tested without waiting; concurrency with many calls in parallel (on PostgreSQL
 * through several connection pools, as several instances would).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_TURNS } from '../../src/answer/history.js';
import type { Turn } from '../../src/answer/llm/composer.js';
import { createDatabaseState, type DatabaseState } from '../../src/conversation/database-state.js';
import { MemoryState } from '../../src/conversation/memory-state.js';
import { failOpen, type ConversationState } from '../../src/conversation/state.js';
import { openDatabase, type Database, type OpenDatabaseOptions } from '../../src/storage/database.js';
import { migrate } from '../../src/storage/migrate.js';
import type { Tenant } from '../../src/storage/tenant.js';
import { dropSchemas, freshSpace, TEST_DATABASE_URL } from '../storage/helpers.js';

type Kind = 'memory' | 'embedded' | 'postgres';

// Fresh tenants for every test: the contract tests share one database per kind (opening one costs seconds).
let SLACK: Tenant;
let TEAMS: Tenant;
let OTHER: Tenant;
let tests = 0;
beforeEach(() => {
  tests += 1;
  SLACK = { platform: 'slack', tenantId: `T0ACME${tests}` };
  TEAMS = { platform: 'teams', tenantId: `T0ACME${tests}` };
  OTHER = { platform: 'slack', tenantId: `T0OTHER${tests}` };
});
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function clock() {
  let t = Date.parse('2026-03-02T09:00:00Z');
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

interface Setup {
  state: ConversationState;
  /** More states on the same data, each with its own connections (PostgreSQL); for memory and PGlite the same one. */
  instances(n: number): Promise<ConversationState[]>;
  /** The database's rows, for the privacy checks (undefined in memory). */
  rows?: (table: string) => Promise<Record<string, unknown>[]>;
  /** The same data, opened again (a restart); undefined in memory. */
  reopen?: () => Promise<ConversationState>;
  purge?: () => Promise<number>;
  /** Another state on the same database that deletes expired rows on every write. */
  cleaning?: () => Promise<ConversationState>;
}

/** One migrated database for a describe block's contract tests: on PostgreSQL three connection pools to it, as three instances. */
interface Shared {
  dbs: Database[];
  close(): Promise<void>;
}

async function sharedDatabase(kind: 'embedded' | 'postgres'): Promise<Shared> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samen-state-'));
  const schema = `samen_test_state_${randomBytes(6).toString('hex')}`;
  const options: OpenDatabaseOptions = kind === 'embedded' ? { dataDir } : { databaseUrl: TEST_DATABASE_URL, dataDir, schema };
  const first = await openDatabase(options);
  await migrate(first);
  // One process holds a PGlite directory: one database there.
  const dbs = kind === 'embedded' ? [first] : [first, await openDatabase(options), await openDatabase(options)];
  return {
    dbs,
    async close() {
      await Promise.all(dbs.map((db) => db.close()));
      if (kind === 'postgres') await dropSchemas(schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The implementation under test: on the shared database when given, else on a fresh one of this test's own. */
async function setUpOn(kind: Kind, now: () => number, shared?: Shared): Promise<Setup> {
  if (kind === 'memory') {
    const state = new MemoryState({ now });
    return { state, instances: async (n) => Array.from({ length: n }, () => state) };
  }
  if (shared) {
    const open = (db: Database) => createDatabaseState(db, { now, cleanupChance: 0 });
    const state = await open(shared.dbs[0]);
    return { state, instances: async (n) => Promise.all(Array.from({ length: n }, (_, i) => open(shared.dbs[i % shared.dbs.length]))) };
  }
  const space = await freshSpace(kind);
  let db = await space.open();
  await migrate(db);
  const open = async (d = db) => createDatabaseState(d, { now, cleanupChance: 0 });
  let state: DatabaseState = await open();
  return {
    state,
    instances: async (n) =>
      kind === 'postgres' ? Promise.all(Array.from({ length: n }, async () => open(await space.open()))) : Array.from({ length: n }, () => state),
    rows: (table) => db.query(`SELECT * FROM ${table}`),
    reopen: async () => {
      await db.close();
      db = await space.open();
      state = await open(db);
      return state;
    },
    purge: () => state.purgeExpired(),
    cleaning: () => createDatabaseState(db, { now, cleanupChance: 1 }),
  };
}

const KINDS: Kind[] = ['memory', 'embedded', 'postgres'];
const q = (question: string, answer?: string): Turn => (answer === undefined ? { question } : { question, answer });

for (const kind of KINDS) {
  describe.skipIf(kind === 'postgres' && !TEST_DATABASE_URL)(`conversation state (${kind})`, { timeout: 60_000 }, () => {
    let shared: Shared | undefined;
    beforeAll(async () => {
      if (kind !== 'memory') shared = await sharedDatabase(kind);
    }, 120_000);
    afterAll(() => shared?.close());
    const setUp = (k: Kind, now: () => number) => setUpOn(k, now, shared);
    const setUpFresh = (k: Kind, now: () => number) => setUpOn(k, now);

    describe('firstSighting', () => {
      it('is true the first time an id is seen and false after, per platform and tenant', async () => {
        const { state } = await setUp(kind, clock().now);
        expect(await state.firstSighting(SLACK, 'event:Ev1', HOUR)).toBe(true);
        expect(await state.firstSighting(SLACK, 'event:Ev1', HOUR)).toBe(false);
        expect(await state.firstSighting(SLACK, 'event:Ev2', HOUR)).toBe(true);
        // The same id in another tenant, or on another platform under the same tenant id, is another delivery.
        expect(await state.firstSighting(OTHER, 'event:Ev1', HOUR)).toBe(true);
        expect(await state.firstSighting(TEAMS, 'event:Ev1', HOUR)).toBe(true);
      });

      it('forgets an id after its time to live, and takes it again exactly once', async () => {
        const c = clock();
        const { state, instances } = await setUp(kind, c.now);
        expect(await state.firstSighting(SLACK, 'event:Ev1', HOUR)).toBe(true);
        c.advance(HOUR);
        expect(await state.firstSighting(SLACK, 'event:Ev1', HOUR)).toBe(false);
        c.advance(1);
        const all = await instances(3);
        const results = await Promise.all(Array.from({ length: 12 }, (_, i) => all[i % all.length].firstSighting(SLACK, 'event:Ev1', HOUR)));
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('is true for exactly one of many parallel calls', async () => {
        const { instances } = await setUp(kind, clock().now);
        const all = await instances(3);
        for (const id of ['event:EvA', 'event:EvB', 'msg:C1:1700000000.000100']) {
          const results = await Promise.all(Array.from({ length: 30 }, (_, i) => all[i % all.length].firstSighting(SLACK, id, HOUR)));
          expect(results.filter(Boolean)).toHaveLength(1);
        }
      });

      it('refuses a scope without a platform or a tenant', async () => {
        const { state } = await setUp(kind, clock().now);
        await expect(state.firstSighting({ platform: 'slack', tenantId: '' }, 'x', HOUR)).rejects.toThrow(/tenant id/);
        await expect(state.firstSighting({ tenantId: 'T1' } as Tenant, 'x', HOUR)).rejects.toThrow(/platform/);
      });
    });

    describe('turns', () => {
      it('has no turns for a conversation Samen has not answered in', async () => {
        const { state } = await setUp(kind, clock().now);
        expect(await state.turns(SLACK, 'C1:1.1')).toBeUndefined();
      });

      it('keeps the last few turns per conversation, oldest first, scoped by tenant', async () => {
        const { state } = await setUp(kind, clock().now);
        await state.remember(SLACK, 'C1:1.1', q('Wat helpt bij onduidelijke rollen?', 'Heldere afspraken.'), HOUR);
        await state.remember(SLACK, 'C1:1.1', q('en voor scholen?'), HOUR);
        expect(await state.turns(SLACK, 'C1:1.1')).toEqual([q('Wat helpt bij onduidelijke rollen?', 'Heldere afspraken.'), q('en voor scholen?')]);
        expect(await state.turns(OTHER, 'C1:1.1')).toBeUndefined();
        expect(await state.turns(TEAMS, 'C1:1.1')).toBeUndefined();
        expect(await state.turns(SLACK, 'C1:2.2')).toBeUndefined();

        for (const f of ['en voor de GGZ?', 'en bij huisartsen?', 'en bij de politie?', 'en in het onderwijs?']) await state.remember(SLACK, 'C1:1.1', q(f), HOUR);
        const kept = (await state.turns(SLACK, 'C1:1.1'))!;
        expect(kept).toHaveLength(MAX_TURNS);
        // The question the later ones continue stays (withTurn).
        expect(kept[0].question).toBe('Wat helpt bij onduidelijke rollen?');
        expect(kept.at(-1)!.question).toBe('en in het onderwijs?');
      });

      it('forgets a conversation its time to live after its last turn; a new turn starts afresh', async () => {
        const c = clock();
        const { state } = await setUp(kind, c.now);
        await state.remember(SLACK, 'C1:1.1', q('one'), HOUR);
        c.advance(HOUR / 2);
        await state.remember(SLACK, 'C1:1.1', q('two'), HOUR);
        c.advance(HOUR / 2 + 1);
        // Expiry counts from the last turn.
        expect(await state.turns(SLACK, 'C1:1.1')).toEqual([q('one'), q('two')]);
        c.advance(HOUR / 2);
        expect(await state.turns(SLACK, 'C1:1.1')).toBeUndefined();
        await state.remember(SLACK, 'C1:1.1', q('three'), HOUR);
        expect(await state.turns(SLACK, 'C1:1.1')).toEqual([q('three')]);
      });

      it('loses no turn when several are remembered at once', async () => {
        const { instances } = await setUp(kind, clock().now);
        const all = await instances(3);
        const questions = ['a?', 'b?', 'c?'];
        await Promise.all(questions.map((question, i) => all[i % all.length].remember(SLACK, 'C1:9.9', q(question), HOUR)));
        const turns = (await all[0].turns(SLACK, 'C1:9.9'))!;
        expect(turns.map((t) => t.question).sort()).toEqual(questions);
      });
    });

    describe('hit', () => {
      it('allows limit hits in a sliding window, then says how long to wait; a refused hit is not counted', async () => {
        const c = clock();
        const { state } = await setUp(kind, c.now);
        expect(await state.hit(SLACK, 'user:U1', 2, MINUTE)).toEqual({ allowed: true });
        c.advance(20_000);
        expect(await state.hit(SLACK, 'user:U1', 2, MINUTE)).toEqual({ allowed: true });
        c.advance(10_000);
        expect(await state.hit(SLACK, 'user:U1', 2, MINUTE)).toEqual({ allowed: false, retryAfterMs: 30_000 });
        // Other keys, tenants and platforms are not affected.
        expect(await state.hit(SLACK, 'user:U2', 2, MINUTE)).toEqual({ allowed: true });
        expect(await state.hit(OTHER, 'user:U1', 2, MINUTE)).toEqual({ allowed: true });
        expect(await state.hit(TEAMS, 'user:U1', 2, MINUTE)).toEqual({ allowed: true });
        // Sliding: once the first hit is a minute old, one more fits, not two.
        c.advance(30_000);
        expect(await state.hit(SLACK, 'user:U1', 2, MINUTE)).toEqual({ allowed: true });
        expect(await state.hit(SLACK, 'user:U1', 2, MINUTE)).toEqual({ allowed: false, retryAfterMs: 20_000 });
      });

      it('allows exactly limit of many parallel hits', async () => {
        const { instances } = await setUp(kind, clock().now);
        const all = await instances(3);
        const results = await Promise.all(Array.from({ length: 15 }, (_, i) => all[i % all.length].hit(SLACK, 'channel:C1', 4, MINUTE)));
        expect(results.filter((r) => r.allowed)).toHaveLength(4);
      });
    });

    describe('answers', () => {
      it('remembers which findings an answer cited, per tenant, until it expires', async () => {
        const c = clock();
        const { state } = await setUp(kind, c.now);
        expect(await state.answerFindings(TEAMS, 'm1')).toBeUndefined();
        await state.rememberAnswer(TEAMS, 'm1', ['f1', 'f2'], HOUR);
        expect(await state.answerFindings(TEAMS, 'm1')).toEqual(['f1', 'f2']);
        expect(await state.answerFindings({ platform: 'teams', tenantId: 'other' }, 'm1')).toBeUndefined();
        await state.rememberAnswer(TEAMS, 'm2', [], HOUR);
        expect(await state.answerFindings(TEAMS, 'm2')).toEqual([]);
        c.advance(HOUR + 1);
        expect(await state.answerFindings(TEAMS, 'm1')).toBeUndefined();
      });
    });

    if (kind !== 'memory') {
      describe('in the database', () => {
        it('keeps the state across a restart', async () => {
          const s = await setUpFresh(kind, clock().now);
          await s.state.firstSighting(SLACK, 'event:Ev1', HOUR);
          await s.state.remember(SLACK, 'C1:1.1', q('Wat helpt bij onduidelijke rollen?'), HOUR);
          await s.state.hit(SLACK, 'user:U1', 1, MINUTE);
          const again = await s.reopen!();
          expect(await again.firstSighting(SLACK, 'event:Ev1', HOUR)).toBe(false);
          expect(await again.turns(SLACK, 'C1:1.1')).toEqual([q('Wat helpt bij onduidelijke rollen?')]);
          expect((await again.hit(SLACK, 'user:U1', 1, MINUTE)).allowed).toBe(false);
        });

        it('stores turns redacted and no id as it came', async () => {
          const s = await setUpFresh(kind, clock().now);
          await s.state.firstSighting(SLACK, 'event:Ev0SECRET1', HOUR);
          await s.state.remember(SLACK, 'C0SECRET:1700000000.000100', q('Wat helpt bij Jan de Vries, bel 06-12345678?', 'Mail jan@example.nl.'), HOUR);
          await s.state.hit(SLACK, 'user:C0SECRET\u0000U0SECRET', 5, MINUTE);
          await s.state.rememberAnswer(TEAMS, '1:0SECRETMSG', ['f1'], HOUR);
          const [turns] = await s.rows!('conversation_turns');
          expect(turns.turns).toEqual([{ question: 'Wat helpt bij [name], bel [phone]?', answer: 'Mail [email].' }]);
          expect(await s.state.turns(SLACK, 'C0SECRET:1700000000.000100')).toEqual(turns.turns);
          const everything = JSON.stringify(
            await Promise.all(['conversation_handled', 'conversation_turns', 'conversation_hits', 'conversation_answers'].map((t) => s.rows!(t))),
          );
          expect(everything).not.toMatch(/SECRET|06-12345678|Vries|example\.nl/);
          expect(everything).toContain('T0ACME'); // the tenant is kept, to scope every row
        });

        it('deletes expired rows, and a write does it now and then', async () => {
          const c = clock();
          const s = await setUpFresh(kind, c.now);
          await s.state.firstSighting(SLACK, 'event:Ev1', MINUTE);
          await s.state.remember(SLACK, 'C1:1.1', q('one'), MINUTE);
          await s.state.hit(SLACK, 'user:U1', 5, MINUTE);
          await s.state.rememberAnswer(TEAMS, 'm1', ['f1'], MINUTE);
          await s.state.firstSighting(SLACK, 'event:Ev2', HOUR);
          expect(await s.purge!()).toBe(0);
          c.advance(MINUTE);
          expect(await s.purge!()).toBe(0);
          c.advance(1);
          expect(await s.purge!()).toBe(4);
          expect(await s.rows!('conversation_handled')).toHaveLength(1);

          const always = await s.cleaning!();
          await always.firstSighting(SLACK, 'event:Ev3', MINUTE);
          c.advance(HOUR);
          await always.firstSighting(SLACK, 'event:Ev4', MINUTE);
          expect(await s.rows!('conversation_handled')).toHaveLength(1);
        });
      });
    }
  });
}

describe('failOpen', () => {
  it('answers as if nothing was known when the state fails, and reports it', async () => {
    const broken = new Proxy({} as ConversationState, {
      get: () => async () => {
        throw new Error('database away');
      },
    });
    const errors: string[] = [];
    const state = failOpen(broken, (_err, what) => errors.push(what));
    expect(await state.firstSighting(SLACK, 'x', HOUR)).toBe(true);
    expect(await state.turns(SLACK, 'c')).toBeUndefined();
    await state.remember(SLACK, 'c', q('q'), HOUR);
    expect(await state.hit(SLACK, 'k', 1, MINUTE)).toEqual({ allowed: true });
    await state.rememberAnswer(SLACK, 'm', [], HOUR);
    expect(await state.answerFindings(SLACK, 'm')).toBeUndefined();
    expect(errors).toEqual(['firstSighting', 'turns', 'remember', 'hit', 'rememberAnswer', 'answerFindings']);
  });
});
