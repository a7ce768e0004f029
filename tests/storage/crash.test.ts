import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/storage/migrate.js';
import { createStore } from '../../src/storage/store.js';
import { freshSpace, waitFor } from './helpers.js';

const WRITER = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));

/** Starts the writer on dataDir, lets it commit at least `commits` transactions, then kill -9s it. */
async function writeAndKill(dataDir: string, commits: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const enough = waitFor<void>(20_000, `${commits} commits by the writer`);
  let last = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    last = Number(chunk.trim().split('\n').at(-1));
    if (last >= commits) enough.done();
  });
  void exited.then(() => enough.done()); // an early exit fails the checks below, with its stderr
  try {
    await enough.promise;
  } finally {
    // Also when the wait times out: a writer left running would write in a tight loop for ever.
    child.kill('SIGKILL');
  }
  expect(await exited, stderr).toBe('SIGKILL');
  return last;
}

describe('embedded database and kill -9', { timeout: 60_000 }, () => {
  it('reopens without corruption and with every committed transaction whole', async () => {
    const space = await freshSpace('embedded');
    let committed = 0;
    // Twice: the second run starts from a database that has already been through a crash.
    for (const target of [150, 300]) committed = await writeAndKill(space.options.dataDir, target);

    const db = await space.open();
    expect(await migrate(db)).toEqual([]);
    const [stats] = await db.query<{ feedback: number; conversations: number; distinct_findings: number }>(`
      SELECT (SELECT count(*)::int FROM feedback) AS feedback,
             (SELECT count(*)::int FROM conversation_references) AS conversations,
             (SELECT count(DISTINCT finding_ids[1])::int FROM feedback) AS distinct_findings`);
    // Everything reported as committed is there; a transaction cut short left no trace.
    expect(stats.feedback).toBeGreaterThanOrEqual(committed);
    expect(stats.conversations).toBe(stats.feedback);
    expect(stats.distinct_findings).toBe(stats.feedback);
    const [gaps] = await db.query<{ missing: number }>(`
      SELECT count(*)::int AS missing FROM generate_series(1, ${stats.feedback}) AS i
      WHERE NOT EXISTS (SELECT 1 FROM conversation_references WHERE conversation_id = 'conv-' || i)`);
    expect(gaps.missing).toBe(0);

    // Index and table agree, and the database takes new writes.
    await db.query('SET enable_seqscan = off');
    const t = (await createStore(db)).tenant({ platform: 'teams', tenantId: 'T1' });
    expect((await t.conversations.get(`conv-${stats.feedback}`))?.i).toBe(stats.feedback);
    await t.conversations.save('after-crash', { ok: true });
    expect(await t.conversations.get('after-crash')).toEqual({ ok: true });
  });
});
