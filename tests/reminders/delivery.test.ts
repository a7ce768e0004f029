import { afterEach, beforeEach, expect, it } from 'vitest';
import { slackDeliveryClient, slackReminderDelivery } from '../../src/channels/slack/reminder-delivery.js';
import { createGoalStore } from '../../src/goals/store.js';
import { goalsHook } from '../../src/reminders/goals-hook.js';
import { CLAIM_LEASE_MS, jobIdFor, LATE_AFTER_MS, REMINDER_JOB, ReminderService, type Clock } from '../../src/reminders/service.js';
import { reminderRepository, type ReminderRepository } from '../../src/reminders/store.js';
import { migrate, startQueue, type Database } from '../../src/storage/index.js';
import { FakeSlack } from '../../src/support/fake-slack.js';
import { describeStorage, freshSpace, TEST_DATABASE_URL } from '../storage/helpers.js';
import { captureLogger, CHANNEL, DUE, JUST_BEFORE, PROMPTS, startInstance, TestClock, type Instance } from './helpers.js';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await FakeSlack.start();
});
afterEach(async () => {
  await fake.close();
});

const posts = () => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL.channelId && !c.args.thread_ts);

/** What a worker does before it posts: claim the occurrence for the lease. */
const claimToPost = (repo: ReminderRepository, reminderId: string, occurrence: Date, clock: Clock) =>
  repo.claim(reminderId, occurrence, {
    kind: 'scheduled',
    status: 'posting',
    now: clock.now(),
    leaseUntil: new Date(clock.now().getTime() + CLAIM_LEASE_MS),
  });

/** Two days before DUE: a weekly reminder whose job waits far in the future, so only the test moves it. */
const LONG_BEFORE = '2025-07-01T09:00:00Z';

describeStorage('reflection reminders on the job queue', (kind) => {
  it('fires at its time and reaches Slack with three cited questions and the buttons; the next is a week later', async () => {
    const space = await freshSpace(kind);
    const clock = new TestClock();
    const { logger } = captureLogger();
    const a = await startInstance(space, fake, clock, logger);
    clock.set(JUST_BEFORE);
    const set = await a.service.command(CHANNEL, 'weekly thursday 14:00');
    expect(set).toMatchObject({ language: 'nl', outcome: { kind: 'set', rule: { weekday: 4, hour: 14, minute: 0, zone: 'Europe/Amsterdam' } } });
    const call = await fake.waitForCall('chat.postMessage', 1, 15_000);
    expect(call.args.channel).toBe('C0TEAM');
    expect(Date.now()).toBeGreaterThan(call.at - 1); // arrived
    const blocks = call.args.blocks as any[];
    const questions = blocks.filter((b) => b.type === 'section' && /^\*\d\.\*/.test(b.text.text));
    expect(questions).toHaveLength(3);
    // Each question with its citation under it.
    for (const q of questions) expect(blocks[blocks.indexOf(q) + 1].elements[0].text).toMatch(/^Bron: /);
    expect(blocks.at(-1).elements.map((e: any) => e.action_id)).toEqual(['samen_reminder_done', 'samen_reminder_snooze', 'samen_reminder_skip']);
    const repo = reminderRepository(a.db, CHANNEL);
    await fake.settle(1000);
    const reminder = (await repo.forChannel(CHANNEL.channelId))!;
    expect(reminder.nextRunAt?.toISOString()).toBe('2025-07-10T12:00:00.000Z');
    expect(await repo.deliveries(reminder.id)).toMatchObject([{ occurrence: new Date(DUE), status: 'posted', messageRef: call.response.ts }]);
    expect(posts()).toHaveLength(1);
    await a.stop();
  });

  it('a button clicked before the delivery is marked posted counts, and is not overwritten', async () => {
    const space = await freshSpace(kind);
    const clock = new TestClock();
    const { logger } = captureLogger();
    const a = await startInstance(space, fake, clock, logger);
    clock.set('2025-07-01T09:00:00Z'); // two days before: nothing fires during the test
    await a.service.command(CHANNEL, 'weekly thursday 14:00');
    const repo = reminderRepository(a.db, CHANNEL);
    const reminder = (await repo.forChannel(CHANNEL.channelId))!;
    const occurrence = new Date(DUE);
    // The message is out, its delivery still 'posting', and someone clicks "done" already.
    expect(await claimToPost(repo, reminder.id, occurrence, clock)).toEqual({ ours: true, claimNo: 1 });
    const answer = await a.service.button(CHANNEL, 'done', { reminderId: reminder.id, occurrence: DUE }, '<@U1>');
    expect(answer.outcome).toEqual({ kind: 'done', by: '<@U1>' });
    await repo.markDelivery(reminder.id, occurrence, 'posted', '1720000000.000100');
    expect(await repo.delivery(reminder.id, occurrence)).toMatchObject({ status: 'done', messageRef: '1720000000.000100' });
    await a.stop();
  });

  it('pause holds it, resume before the time lets it fire once, stop removes it', async () => {
    const space = await freshSpace(kind);
    const clock = new TestClock();
    const { logger } = captureLogger();
    const a = await startInstance(space, fake, clock, logger);
    clock.set(JUST_BEFORE);
    await a.service.command(CHANNEL, 'weekly donderdag 14:00');
    expect((await a.service.command(CHANNEL, 'pause')).outcome).toEqual({ kind: 'paused' });
    expect((await a.service.command(CHANNEL, 'list')).outcome).toMatchObject({ kind: 'list', paused: { reason: 'user' } });
    expect((await a.service.command(CHANNEL, 'resume')).outcome).toMatchObject({ kind: 'resumed' });
    await fake.waitForCall('chat.postMessage', 1, 15_000);
    await fake.settle(1500);
    expect(posts()).toHaveLength(1);

    // Paused through its time: nothing is posted.
    clock.set('2025-07-10T11:59:58Z');
    await a.service.command(CHANNEL, 'stop');
    await a.service.command(CHANNEL, 'weekly thursday 14:00');
    await a.service.command(CHANNEL, 'pause');
    await fake.settle(4000);
    expect(posts()).toHaveLength(1);
    expect((await a.service.command(CHANNEL, 'stop')).outcome).toEqual({ kind: 'stopped' });
    expect((await a.service.command(CHANNEL, 'list')).outcome).toEqual({ kind: 'none' });
    await a.stop();
  });

  it('a restart before the due time still fires once', async () => {
    const space = await freshSpace(kind);
    const clock = new TestClock();
    const { logger } = captureLogger();
    const a = await startInstance(space, fake, clock, logger);
    clock.set('2025-07-03T11:59:55Z');
    await a.service.command(CHANNEL, 'weekly thursday 14:00');
    await a.stop();
    const b = await startInstance(space, fake, clock, logger);
    await fake.waitForCall('chat.postMessage', 1, 15_000);
    await fake.settle(2000);
    expect(posts()).toHaveLength(1);
    await b.stop();
  });

  for (const [lateHours, delivered] of [
    [11, true],
    [13, false],
  ] as const) {
    it(`after a restart ${lateHours} h past the time it is ${delivered ? 'delivered once' : 'skipped and logged'}`, async () => {
      const space = await freshSpace(kind);
      const clock = new TestClock();
      const { logger, lines } = captureLogger();
      const a = await startInstance(space, fake, clock, logger);
      clock.set(JUST_BEFORE);
      await a.service.command(CHANNEL, 'weekly thursday 14:00');
      await a.stop(); // Samen is down over the due time
      await new Promise((r) => setTimeout(r, 3500));
      clock.advance(lateHours * 3_600_000);
      const b = await startInstance(space, fake, clock, logger);
      const repo = reminderRepository(b.db, CHANNEL);
      const reminder = (await repo.forChannel(CHANNEL.channelId))!;
      // Wait until the occurrence is handled either way.
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline && (await repo.deliveries(reminder.id)).length === 0) await new Promise((r) => setTimeout(r, 200));
      await fake.settle(1500);
      const deliveries = await repo.deliveries(reminder.id);
      expect(deliveries).toMatchObject([{ occurrence: new Date(DUE), status: delivered ? 'posted' : 'missed' }]);
      expect(posts()).toHaveLength(delivered ? 1 : 0);
      if (!delivered) expect(lines.some((l) => /missed by more than the grace window/.test(l.msg))).toBe(true);
      expect((await repo.byId(reminder.id))!.nextRunAt?.toISOString()).toBe('2025-07-10T12:00:00.000Z');
      await b.stop();
    });
  }

  it('a channel Samen was removed from pauses the reminder, logged, without retrying', async () => {
    const space = await freshSpace(kind);
    const clock = new TestClock();
    const { logger, lines } = captureLogger();
    const a = await startInstance(space, fake, clock, logger);
    clock.set(JUST_BEFORE);
    fake.script('chat.postMessage', { error: 'not_in_channel' });
    await a.service.command(CHANNEL, 'weekly thursday 14:00');
    await fake.waitForCall('chat.postMessage', 1, 15_000);
    await fake.settle(2000);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    const reminder = (await reminderRepository(a.db, CHANNEL).forChannel(CHANNEL.channelId))!;
    expect(reminder).toMatchObject({ status: 'paused', pausedReason: 'not_in_channel' });
    expect(lines.some((l) => l.code === 'not_in_channel' && /reminder paused/.test(l.msg))).toBe(true);
    expect((await a.service.command(CHANNEL, 'list')).outcome).toMatchObject({ kind: 'list', paused: { reason: 'not_in_channel' } });
    await a.stop();
  });

  it('a worker killed between claim and post: once the lease runs out the next run posts it exactly once, at warn with its channel', async () => {
    const space = await freshSpace(kind);
    const clock = new TestClock();
    const { logger, lines } = captureLogger();
    const a = await startInstance(space, fake, clock, logger);
    clock.set(LONG_BEFORE);
    await a.service.command(CHANNEL, 'weekly thursday 14:00');
    const repo = reminderRepository(a.db, CHANNEL);
    const reminder = (await repo.forChannel(CHANNEL.channelId))!;
    const occurrence = new Date(DUE);

    // The kill: a worker claims the occurrence at its time and is gone before it posts.
    clock.set(DUE);
    expect(await claimToPost(repo, reminder.id, occurrence, clock)).toEqual({ ours: true, claimNo: 1 });

    // While the lease holds the claim is left alone, late as the reminder is.
    clock.advance(CLAIM_LEASE_MS - 30_000);
    expect(await a.service.repairDeliveries()).toBe(0);
    await fake.settle(500);
    expect(posts()).toHaveLength(0);

    // Past the lease: the next run looks for the marker, finds none, and posts once.
    clock.advance(60_000);
    await a.service.repairDeliveries();
    await fake.waitForCall('chat.postMessage', 1, 10_000);
    await a.service.repairDeliveries();
    await fake.settle(1000);
    expect(posts()).toHaveLength(1);
    expect(posts()[0].args.metadata).toEqual({
      event_type: 'samen_reflection_reminder',
      event_payload: { occurrence_id: `${reminder.id}:${DUE}` },
    });
    expect(fake.callsTo('conversations.history')[0].args).toMatchObject({ channel: CHANNEL.channelId, include_all_metadata: 'true' });
    expect(await repo.delivery(reminder.id, occurrence)).toMatchObject({ status: 'posted', messageRef: posts()[0].response.ts, claims: 2 });
    expect((await repo.byId(reminder.id))!.nextRunAt?.toISOString()).toBe('2025-07-10T12:00:00.000Z');
    expect(lines.find((l) => /claim expired/.test(l.msg))).toMatchObject({ level: 40, channel: CHANNEL.channelId, platform: 'slack' });
    expect(lines.find((l) => /late; posting it now/.test(l.msg))).toMatchObject({ level: 40, channel: CHANNEL.channelId, lateMinutes: 6 });
    await a.stop();
  });

  it('a worker killed after its post landed but before recording it: the retry finds the marker and does not post twice', async () => {
    const space = await freshSpace(kind);
    const clock = new TestClock();
    const { logger, lines } = captureLogger();
    const a = await startInstance(space, fake, clock, logger);
    clock.set(LONG_BEFORE);
    await a.service.command(CHANNEL, 'weekly thursday 14:00');
    const repo = reminderRepository(a.db, CHANNEL);
    const reminder = (await repo.forChannel(CHANNEL.channelId))!;
    const occurrence = new Date(DUE);

    clock.set(DUE);
    await claimToPost(repo, reminder.id, occurrence, clock);
    const slack = slackReminderDelivery(slackDeliveryClient('xoxb-test', fake.apiUrl));
    const landed = await slack.post(CHANNEL, await a.service.message(reminder, occurrence));
    // The channel moved on meanwhile: the reminder is on the history's second page.
    for (let i = 0; i < 250; i += 1) fake.addChannelMessage(CHANNEL.channelId);

    clock.advance(CLAIM_LEASE_MS + 60_000);
    await a.service.repairDeliveries();
    await fake.settle(1000);
    await a.service.repairDeliveries();
    expect(posts()).toHaveLength(1); // the one before the kill
    expect(fake.callsTo('conversations.history').length).toBeGreaterThanOrEqual(2);
    expect(await repo.delivery(reminder.id, occurrence)).toMatchObject({ status: 'posted', messageRef: landed.messageRef, claims: 2 });
    expect(lines.find((l) => /posted before its worker stopped; not posted again/.test(l.msg))).toMatchObject({
      level: 40,
      channel: CHANNEL.channelId,
      messageRef: landed.messageRef,
    });
    expect((await repo.byId(reminder.id))!.nextRunAt?.toISOString()).toBe('2025-07-10T12:00:00.000Z');
    await a.stop();
  });

  it('a worker killed before its claim: the repair posts the late run once, at warn with its channel', async () => {
    const space = await freshSpace(kind);
    const clock = new TestClock();
    const { logger, lines } = captureLogger();
    const a = await startInstance(space, fake, clock, logger);
    clock.set(LONG_BEFORE);
    await a.service.command(CHANNEL, 'weekly thursday 14:00');
    const repo = reminderRepository(a.db, CHANNEL);
    const reminder = (await repo.forChannel(CHANNEL.channelId))!;

    // Nobody claimed it: its job's worker stopped first. Within the late threshold the job is still awaited.
    clock.set(new Date(Date.parse(DUE) + LATE_AFTER_MS - 30_000));
    expect(await a.service.repairDeliveries()).toBe(0);
    clock.advance(60_000);
    await a.service.repairDeliveries();
    await fake.waitForCall('chat.postMessage', 1, 10_000);
    await a.service.repairDeliveries();
    await fake.settle(1000);
    expect(posts()).toHaveLength(1);
    expect(await repo.delivery(reminder.id, new Date(DUE))).toMatchObject({ status: 'posted', claims: 1 });
    expect(lines.find((l) => /late; posting it now/.test(l.msg))).toMatchObject({ level: 40, channel: CHANNEL.channelId });
    expect((await repo.byId(reminder.id))!.nextRunAt?.toISOString()).toBe('2025-07-10T12:00:00.000Z');
    await a.stop();
  });

  it('a run posted but not moved on to the next week is moved on by the repair, not posted again', async () => {
    const space = await freshSpace(kind);
    const clock = new TestClock();
    const { logger } = captureLogger();
    const a = await startInstance(space, fake, clock, logger);
    clock.set(LONG_BEFORE);
    await a.service.command(CHANNEL, 'weekly thursday 14:00');
    const repo = reminderRepository(a.db, CHANNEL);
    const reminder = (await repo.forChannel(CHANNEL.channelId))!;
    clock.set(DUE);
    await claimToPost(repo, reminder.id, new Date(DUE), clock);
    await repo.markDelivery(reminder.id, new Date(DUE), 'posted', '1751544000.000100');
    clock.advance(LATE_AFTER_MS + 60_000);
    await a.service.repairDeliveries();
    await fake.settle(500);
    expect(posts()).toHaveLength(0);
    expect((await repo.byId(reminder.id))!.nextRunAt?.toISOString()).toBe('2025-07-10T12:00:00.000Z');
    await a.stop();
  });

  it('a database error while recording a post is retried; the reminder is not posted again', async () => {
    const space = await freshSpace(kind);
    const db = await space.open();
    await migrate(db);
    const queue = await startQueue(db, { schema: space.queueSchema, onError: () => {} });
    let recordFailures = 1;
    const flaky: Database = {
      ...db,
      query: (async (sql: string, params?: unknown[]) => {
        if (recordFailures > 0 && /SET status = CASE/.test(sql)) {
          recordFailures -= 1;
          throw new Error('Connection terminated unexpectedly');
        }
        return db.query(sql, params);
      }) as Database['query'],
    };
    const clock = new TestClock();
    clock.set(LONG_BEFORE);
    const service = new ReminderService({
      db: flaky,
      queue,
      deliveries: { slack: slackReminderDelivery(slackDeliveryClient('xoxb-test', fake.apiUrl)) },
      prompts: PROMPTS,
      logger: captureLogger().logger,
      clock,
      goals: goalsHook(createGoalStore(db)),
      pollingIntervalSeconds: 0.5,
    });
    await service.start();
    await service.command(CHANNEL, 'weekly thursday 14:00');
    expect((await service.command(CHANNEL, 'now')).outcome).toEqual({ kind: 'posted-now' });
    await fake.settle(500);
    expect(recordFailures).toBe(0);
    expect(posts()).toHaveLength(1);
    const repo = reminderRepository(db, CHANNEL);
    const reminder = (await repo.forChannel(CHANNEL.channelId))!;
    expect(await repo.deliveries(reminder.id)).toMatchObject([{ kind: 'now', status: 'posted', messageRef: posts()[0].response.ts }]);
    await queue.stop();
  });

  it('a temporary failure fails the job and pg-boss retries it: posted once, on the retry, after looking whether it landed', async () => {
    const space = await freshSpace(kind);
    const clock = new TestClock();
    const { logger, lines } = captureLogger();
    const a = await startInstance(space, fake, clock, logger, { retry: { retryDelay: 1 } });
    clock.set(JUST_BEFORE);
    fake.script('chat.postMessage', { error: 'internal_error' });
    await a.service.command(CHANNEL, 'weekly thursday 14:00');
    await fake.waitForCall('chat.postMessage', 2, 20_000);
    await fake.settle(1500);
    // One post per run: the failed one, then pg-boss's retry; no retry loop inside a run.
    expect(posts().map((c) => c.response.ok)).toEqual([false, true]);
    expect(lines.find((l) => /post failed; the job queue retries it/.test(l.msg))).toMatchObject({ level: 40, code: 'internal_error' });
    // The retry took the failed claim over, and first looked for the failed post in the channel.
    expect(fake.callsTo('conversations.history')).toHaveLength(1);
    const repo = reminderRepository(a.db, CHANNEL);
    const reminder = (await repo.forChannel(CHANNEL.channelId))!;
    expect(await repo.delivery(reminder.id, new Date(DUE))).toMatchObject({ status: 'posted', messageRef: posts()[1].response.ts, claims: 2 });
    expect(reminder.nextRunAt?.toISOString()).toBe('2025-07-10T12:00:00.000Z');
    // pg-boss saw the failure: the job ran a second time, as its retry.
    const jobs = await a.db.query<{ state: string; retry_count: number }>(
      `SELECT state, retry_count FROM ${space.queueSchema ?? 'pgboss'}.job WHERE name = $1 AND id = $2`,
      [REMINDER_JOB, jobIdFor(`${reminder.id}:${DUE}`)],
    );
    expect(jobs).toEqual([{ state: 'completed', retry_count: 1 }]);
    await a.stop();
  });

  it('a post that still fails after the last retry fails the job; the occurrence is given up and the next week scheduled', async () => {
    const space = await freshSpace(kind);
    const clock = new TestClock();
    const { logger, lines } = captureLogger();
    const a = await startInstance(space, fake, clock, logger, { retry: { retryLimit: 1, retryDelay: 1 } });
    clock.set(JUST_BEFORE);
    fake.script('chat.postMessage', { error: 'internal_error' }, { error: 'internal_error' });
    await a.service.command(CHANNEL, 'weekly thursday 14:00');
    await fake.waitForCall('chat.postMessage', 2, 20_000);
    const repo = reminderRepository(a.db, CHANNEL);
    const reminder = (await repo.forChannel(CHANNEL.channelId))!;
    const jobs = () =>
      a.db.query<{ state: string; retry_count: number }>(
        `SELECT state, retry_count FROM ${space.queueSchema ?? 'pgboss'}.job WHERE name = $1 AND id = $2`,
        [REMINDER_JOB, jobIdFor(`${reminder.id}:${DUE}`)],
      );
    // pg-boss records the job's failure right after the second post fails.
    for (let waited = 0; (await jobs())[0]?.state !== 'failed' && waited < 10_000; waited += 100) await fake.settle(100);
    expect(await jobs()).toEqual([{ state: 'failed', retry_count: 1 }]);
    await fake.settle(1500);
    expect(posts()).toHaveLength(2);
    expect(await repo.delivery(reminder.id, new Date(DUE))).toMatchObject({ status: 'failed', claims: 2 });
    expect(lines.find((l) => /not posted; this occurrence is given up/.test(l.msg))).toMatchObject({ level: 50, code: 'internal_error' });
    expect((await repo.byId(reminder.id))!).toMatchObject({ status: 'active', nextRunAt: new Date('2025-07-10T12:00:00.000Z') });
    // The repair sweep leaves a failed occurrence to the job's retries: nothing to repair.
    expect(await a.service.repairDeliveries()).toBe(0);
    await a.stop();
  });

  it.skipIf(kind !== 'postgres' || !TEST_DATABASE_URL)('three instances against one PostgreSQL post each reminder once', async () => {
    const space = await freshSpace(kind);
    const clock = new TestClock();
    const { logger } = captureLogger();
    const instances: Instance[] = [];
    for (let i = 0; i < 3; i += 1) instances.push(await startInstance(space, fake, clock, logger));
    clock.set(JUST_BEFORE);
    const channels = ['C0ONE', 'C0TWO', 'C0THREE', 'C0FOUR'];
    for (const [i, channelId] of channels.entries()) {
      await instances[i % 3].service.command({ ...CHANNEL, channelId }, 'weekly thursday 14:00');
    }
    // Each instance also re-checks every reminder's job, as on a start.
    await Promise.all(instances.map((x) => x.service.start()));
    await fake.waitFor(() => fake.callsTo('chat.postMessage').length >= channels.length, 20_000, 'all reminders');
    await fake.settle(3000);
    const byChannel = fake.callsTo('chat.postMessage').map((c) => c.args.channel).sort();
    expect(byChannel).toEqual([...channels].sort());
    for (const x of instances) await x.stop();
  });
});
