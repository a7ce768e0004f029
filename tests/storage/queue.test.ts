import { expect, it } from 'vitest';
import { migrate } from '../../src/storage/migrate.js';
import { startQueue, type Job } from '../../src/storage/queue.js';
import { describeStorage, freshSpace, waitFor } from './helpers.js';

// pg-boss polls for work; its minimum interval keeps these tests short.
const FAST = { pollingIntervalSeconds: 0.5 };

describeStorage('job queue', (kind) => {
  it('keeps a job and a schedule across a restart, and runs the job after it', async () => {
    const space = await freshSpace(kind);
    let db = await space.open();
    await migrate(db);
    let queue = await startQueue(db, { schema: space.queueSchema });
    const id = await queue.send('reminder', { tenantId: 'T1', text: 'check the plan' });
    expect(id).toEqual(expect.any(String));
    await queue.schedule('weekly-digest', '0 8 * * 1', { tenantId: 'T1' }, { tz: 'Europe/Amsterdam' });
    await queue.stop();
    await db.close();

    db = await space.open();
    queue = await startQueue(db, { schema: space.queueSchema });
    const received = waitFor<Job<{ tenantId: string; text: string }>>(10_000, 'the job after the restart');
    await queue.work<{ tenantId: string; text: string }>('reminder', async (job) => received.done(job), FAST);
    const job = await received.promise;
    expect(job.id).toBe(id);
    expect(job.data).toEqual({ tenantId: 'T1', text: 'check the plan' });
    // Schedules are rows in the same database, so they survive the restart too.
    const schedules = await db.query(`SELECT name, cron, timezone FROM ${space.queueSchema ?? 'pgboss'}.schedule`);
    expect(schedules).toEqual([{ name: 'weekly-digest', cron: '0 8 * * 1', timezone: 'Europe/Amsterdam' }]);
    await queue.stop();
  });

  it('holds a delayed job until its time', async () => {
    const space = await freshSpace(kind);
    const db = await space.open();
    const queue = await startQueue(db, { schema: space.queueSchema });
    const sentAt = Date.now();
    await queue.sendAfter('later', { n: 1 }, 2);
    const received = waitFor<number>(10_000, 'the delayed job');
    await queue.work('later', async () => received.done(Date.now()), FAST);
    expect((await received.promise) - sentAt).toBeGreaterThanOrEqual(1900);
    await queue.stop();
  });

  it('stops gracefully: a running job finishes first', async () => {
    const space = await freshSpace(kind);
    const db = await space.open();
    const queue = await startQueue(db, { schema: space.queueSchema });
    const started = waitFor<void>(10_000, 'the job to start');
    let finished = false;
    await queue.work(
      'slow',
      async () => {
        started.done();
        await new Promise((resolve) => setTimeout(resolve, 800));
        finished = true;
      },
      FAST,
    );
    await queue.send('slow', {});
    await started.promise;
    await queue.stop();
    expect(finished).toBe(true);
  });
});
