/**
 * The platform-neutral /goals command (src/goals/command.ts) on the embedded database:
 * each intent's result (a model; src/conversation/goals.ts words it), validation, failures
 * as results carrying the error, and hostile input.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGoalsCommand, type GoalsReply } from '../../src/goals/command.js';
import { ALIAS_RE, goalsFor, type GoalsService } from '../../src/goals/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { DatabaseUnavailableError, migrate, openDatabase, type Database } from '../../src/storage/index.js';
import { validForm } from './fixtures.js';

const dataDir = mkdtempSync(join(tmpdir(), 'samen-goals-command-'));
let db: Database;
let goals: GoalsService;
const T1 = { platform: 'slack', tenantId: 'T1' } as const;
const where = (channelId = 'C1') => ({ ...T1, channelId, language: 'nl' as const });
const run = (args: string, channelId?: string) => runGoalsCommand(goals, where(channelId), args);

beforeAll(async () => {
  db = await openDatabase({ dataDir });
  await migrate(db);
  goals = goalsFor(db, loadKnowledge(), 'nl');
});

afterAll(async () => {
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('runGoalsCommand', () => {
  it('asks for a blank form without an alias, and opens a case with one', async () => {
    expect(await run('')).toEqual({ kind: 'new-form', language: 'nl' });
    const opened = await run('gezin-A7');
    expect(opened).toMatchObject({ kind: 'case', language: 'nl', case: { alias: 'gezin-A7', version: 0 } });
    expect(opened).not.toHaveProperty('note');
    // Opening it again says it exists (aliases are case-insensitive).
    const again = await run('nieuw GEZIN-a7');
    expect(again).toMatchObject({ kind: 'case', case: { alias: 'gezin-A7' }, note: { kind: 'exists' } });
  });

  it('shows, lists, and reports what is not there', async () => {
    expect(await run('show gezin-A7')).toMatchObject({ kind: 'case', case: { alias: 'gezin-A7' } });
    expect(await run('toon gezin-Z9')).toEqual({ kind: 'not-found', language: 'nl', alias: 'gezin-Z9' });
    const list = await run('list');
    expect(list).toMatchObject({ kind: 'list', cases: [{ alias: 'gezin-A7' }] });
    expect(await run('list', 'C-empty')).toEqual({ kind: 'list', language: 'nl', cases: [] });
    expect(await run('history gezin-Z9')).toMatchObject({ kind: 'not-found', alias: 'gezin-Z9' });
  });

  it('keeps history and undoes a version', async () => {
    const channel = goals.channel(T1, 'C1');
    expect((await channel.submit(validForm('gezin-A7'), 0, 'nl')).kind).toBe('saved');
    expect((await channel.submit({ ...validForm('gezin-A7'), chair: 'JGZ-verpleegkundige' }, 1, 'nl')).kind).toBe('saved');
    const history = await run('history gezin-A7');
    expect(history).toMatchObject({ kind: 'history', alias: 'gezin-A7' });
    expect((history as Extract<GoalsReply, { kind: 'history' }>).versions).toHaveLength(2);
    const undone = await run('undo gezin-A7');
    expect(undone).toMatchObject({ kind: 'case', case: { alias: 'gezin-A7', version: 3 }, note: { kind: 'undone', from: 1 } });
  });

  it('reports a failure as a result carrying the error', async () => {
    const reply = await run('undo gezin-nothing');
    expect(reply).toMatchObject({ kind: 'failed', language: 'nl' });
    expect((reply as Extract<GoalsReply, { kind: 'failed' }>).error).toBeInstanceOf(Error);
  });

  it('sets the channel language and answers in it from then on', async () => {
    expect(await run('taal', 'C-en')).toEqual({ kind: 'language-usage', language: 'nl' });
    expect(await run('language en', 'C-en')).toEqual({ kind: 'language-set', language: 'en' });
    expect(await run('help', 'C-en')).toEqual({ kind: 'help', language: 'en' });
  });

  it('refuses an alias that looks like personal data, and creates nothing', async () => {
    const reply = await run('Jan de Vries 12-03-2015', 'C-pd');
    expect(reply).toMatchObject({ kind: 'bad-alias', language: 'nl', message: expect.stringMatching(/niets opgeslagen/) });
    expect(await goals.channel(T1, 'C-pd').list()).toEqual([]);
  });

  it('turns a database outage into a failure carrying it, in the fallback language', async () => {
    const down = new DatabaseUnavailableError('down');
    const broken = {
      template: goals.template,
      defaultLanguage: 'en',
      channel: () =>
        new Proxy({}, { get: () => () => Promise.reject(down) }) as ReturnType<GoalsService['channel']>,
    } as GoalsService;
    const reply = await runGoalsCommand(broken, { ...where(), language: 'en' }, 'list');
    expect(reply).toEqual({ kind: 'failed', language: 'en', error: down });
  });

  it('never throws on hostile input, and only creates cases with valid aliases', { timeout: 60_000 }, async () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom(
        '__proto__',
        'constructor',
        'show __proto__',
        'undo constructor',
        'history ../../etc/passwd',
        "show '; DROP TABLE goal_cases; --",
        'language __proto__',
        'nieuw <script>alert(1)</script>',
        'show \u0000',
        '\u202e\u200b',
        'x'.repeat(10_000),
        'list list',
        'undo',
      ),
      fc.tuple(fc.constantFrom('show', 'undo', 'history', 'new', 'language', 'list', 'help', ''), fc.string({ maxLength: 80 })).map(
        ([verb, rest]) => `${verb} ${rest}`,
      ),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (text) => {
        const reply = await runGoalsCommand(goals, where('C-fuzz'), text);
        expect(['help', 'language-usage', 'language-set', 'new-form', 'list', 'history', 'not-found', 'bad-alias', 'case', 'failed']).toContain(reply.kind);
        expect(['nl', 'en']).toContain(reply.language);
        if (reply.kind === 'bad-alias') expect(reply.message).not.toBe('');
        // Only the expected failures (no such case, nothing to undo) end up as errors.
        if (reply.kind === 'failed') expect((reply.error as Error).name).toMatch(/NotFound|NothingToUndo/);
      }),
      { numRuns: 150 },
    );
    for (const c of await goals.channel(T1, 'C-fuzz').list()) {
      expect(c.alias).toMatch(ALIAS_RE);
    }
  });
});
