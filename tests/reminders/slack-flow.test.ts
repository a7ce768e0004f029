/**
 * /reflect end to end in Slack: the real server and Bolt app, signed slash commands and
 * button clicks, the real job engine on the embedded database, the fake Slack Web API.
 */
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { coreFor } from '../../src/conversation/core.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { FakeSlack } from '../../src/support/fake-slack.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../helpers/slack-harness.js';
import { blockAction, findButton, SlackSender } from '../helpers/slack-requests.js';
import { testEngine } from '../helpers/engine.js';
import { describeStorage, freshSpace } from '../storage/helpers.js';
import { captureLogger, JUST_BEFORE, startInstance, TestClock } from './helpers.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

describeStorage('/reflect in Slack', (kind) => {
  it('sets a reminder, offers to replace a second, posts it, and answers the buttons in its thread', async () => {
    const fake = await FakeSlack.start();
    cleanup.push(() => fake.close());
    const space = await freshSpace(kind);
    const clock = new TestClock();
    const { logger } = captureLogger();
    const instance = await startInstance(space, fake, clock, logger);
    cleanup.push(() => instance.stop());
    const config = parseConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
    });
    const server: RunningServer = await startServer(config, {
      core: coreFor(testEngine(), config.SAMEN_LANGUAGE),
      logger: pino({ level: 'silent' }),
      reminders: instance.service,
    });
    cleanup.push(() => server.close());
    const slack = new SlackSender(`${server.url}/slack/events`, SIGNING_SECRET);
    const command = async (text: string, id: string) => {
      const sent = await slack.command('/reflect', text, { responseUrl: fake.responseUrl(id), channel: 'C0TEAM' });
      expect(sent.status).toBe(200);
      return (await fake.waitForResponse(id, 1, 10_000)).body;
    };

    expect((await command('weekly thorsday 14:00', 'bad')).text).toMatch(/thorsday.*\/reflect weekly donderdag 14:00/s);
    expect((await command('weekly donderdag 25:00', 'badtime')).text).toMatch(/25:00/);
    expect((await command('weekly donderdag 14:00 Mars/Base', 'badzone')).text).toMatch(/Mars\/Base.*Europe\/London/s);

    clock.set(JUST_BEFORE);
    expect((await command('weekly donderdag 14:00', 'set')).text).toMatch(/ingesteld: elke donderdag om 14:00 Europe\/Amsterdam/);

    // A second reminder for the channel: an offer to replace it.
    const offer = await command('weekly friday 09:00 Europe/London', 'again');
    expect(offer.text).toMatch(/al een reflectieherinnering/);
    const keep = findButton(offer.blocks, 'samen_reminder_keep');
    expect(findButton(offer.blocks, 'samen_reminder_replace')).toBeTruthy();
    await slack.interaction(blockAction(keep, { responseUrl: fake.responseUrl('kept'), channel: 'C0TEAM' }));
    expect((await fake.waitForResponse('kept', 1, 10_000)).body.text).toMatch(/blijft staan/);

    // It fires (scheduled seconds ahead through the clock) and reaches the channel.
    const posted = await fake.waitForCall('chat.postMessage', 1, 15_000);
    expect(posted.args.channel).toBe('C0TEAM');
    const done = findButton(posted.args.blocks, 'samen_reminder_done');
    await slack.interaction(blockAction(done, { channel: 'C0TEAM', messageTs: String(posted.response.ts) }));
    const reply = await fake.waitFor(() => fake.callsTo('chat.postMessage').find((c) => c.args.thread_ts), 10_000, 'thread reply');
    expect(reply.args.thread_ts).toBe(posted.response.ts);
    expect(reply.args.text).toMatch(/gehouden.*<@U0ASKER>/);

    // A second click on the same reminder: already handled.
    await slack.interaction(blockAction(findButton(posted.args.blocks, 'samen_reminder_skip'), { channel: 'C0TEAM', messageTs: String(posted.response.ts) }));
    await fake.waitFor(() => fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts).length === 2, 10_000, 'second reply');
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts)[1].args.text).toMatch(/al afgehandeld/);

    // /reflect now posts one immediately; its snooze answers in its thread.
    expect((await command('now', 'now')).text).toMatch(/nu geplaatst/);
    const now = fake.callsTo('chat.postMessage').filter((c) => !c.args.thread_ts)[1];
    await slack.interaction(blockAction(findButton(now.args.blocks, 'samen_reminder_snooze'), { channel: 'C0TEAM', messageTs: String(now.response.ts) }));
    const snoozed = await fake.waitFor(() => fake.callsTo('chat.postMessage').find((c) => c.args.thread_ts === now.response.ts), 10_000, 'snooze reply');
    expect(snoozed.args.text).toMatch(/dag uitgesteld/);

    expect((await command('list', 'list')).text).toMatch(/actief.*Volgende: donderdag 10 juli 2025 14:00/s);
    expect((await command('help', 'help')).text).toMatch(/\/reflect weekly DAG UU:MM/);
  });
});
