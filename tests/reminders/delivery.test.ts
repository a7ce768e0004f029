import { afterEach, beforeEach, expect, it } from 'vitest';
import { reminderRepository } from '../../src/reminders/store.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { describeStorage, freshSpace, TEST_DATABASE_URL } from '../storage/helpers.js';
import { captureLogger, CHANNEL, DUE, JUST_BEFORE, startInstance, TestClock, type Instance } from './helpers.js';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await FakeSlack.start();
});
afterEach(async () => {
  await fake.close();
});

const posts = () => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL.channelId && !c.args.thread_ts);

describeStorage('reflection reminders on the job queue', (kind) => {
  it('fires at its time and reaches Slack with three cited questions and the buttons; the next is a week later', async () => {
    const space = await freshSpace(kind);
    const clock = new TestClock();
    const { logger } = captureLogger();
    const a = await startInstance(space, fake, clock, logger);
    clock.set(JUST_BEFORE);
    const set = await a.service.command(CHANNEL, 'weekly thursday 14:00');
    expect(set.text).toMatch(/donderdag om 14:00 Europe\/Amsterdam/);
    const call = await fake.waitForCall('chat.postMessage', 1, 15_000);
    expect(call.args.channel).toBe('C0TEAM');
    expect(Date.now()).toBeGreaterThan(call.at - 1); // arrived
    const blocks = call.args.blocks as any[];
    const questions = blocks.filter((b) => b.type === 'section' && /^\*\d\.\*/.test(b.text.text));
    expect(questions).toHaveLength(3);
    expect(blocks.filter((b) => b.type === 'context').every((b) => /Bron: /.test(b.elements[0].text))).toBe(true);
    expect(blocks.at(-1).elements.map((e: any) => e.action_id)).toEqual(['samen_reminder_done', 'samen_reminder_snooze', 'samen_reminder_skip']);
    const repo = reminderRepository(a.db, CHANNEL.tenantId, 'slack');
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
    const repo = reminderRepository(a.db, CHANNEL.tenantId, 'slack');
    const reminder = (await repo.forChannel(CHANNEL.channelId))!;
    const occurrence = new Date(DUE);
    // The message is out, its delivery still 'posting', and someone clicks "done" already.
    expect(await repo.claim(reminder.id, occurrence, 'scheduled', 'posting')).toBe(true);
    const answer = await a.service.button(CHANNEL, 'done', { reminderId: reminder.id, occurrence: DUE }, '<@U1>');
    expect(answer.text).not.toMatch(/afgehandeld/);
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
    expect((await a.service.command(CHANNEL, 'pause')).text).toMatch(/gepauzeerd/);
    expect((await a.service.command(CHANNEL, 'list')).text).toMatch(/gepauzeerd/);
    expect((await a.service.command(CHANNEL, 'resume')).text).toMatch(/hervat/);
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
    expect((await a.service.command(CHANNEL, 'stop')).text).toMatch(/verwijderd/);
    expect((await a.service.command(CHANNEL, 'list')).text).toMatch(/geen reflectieherinnering/);
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
      const repo = reminderRepository(b.db, CHANNEL.tenantId, 'slack');
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
    const reminder = (await reminderRepository(a.db, CHANNEL.tenantId, 'slack').forChannel(CHANNEL.channelId))!;
    expect(reminder).toMatchObject({ status: 'paused', pausedReason: 'not_in_channel' });
    expect(lines.some((l) => l.code === 'not_in_channel' && /reminder paused/.test(l.msg))).toBe(true);
    expect((await a.service.command(CHANNEL, 'list')).text).toMatch(/not_in_channel/);
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
