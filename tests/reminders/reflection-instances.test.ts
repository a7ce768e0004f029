/**
 * Twenty people answer the same reminder at once, through three Samen instances on one
 * PostgreSQL database (TEST_DATABASE_URL), as a load balancer would spread them: the real
 * servers and Bolt apps, signed button clicks, the fake Slack Web API. No answer is lost and
 * each person counts once, also when they change their answer at the same moment.
 */
import { createHmac } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { reminderRepository } from '../../src/reminders/store.js';
import { coreFor } from '../../src/conversation/core.js';
import { startServer } from '../../src/server/index.js';
import { FakeSlack } from '../../src/support/fake-slack.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../helpers/slack-harness.js';
import { blockAction, findButton, SlackSender } from '../helpers/slack-requests.js';
import { testEngine } from '../helpers/engine.js';
import { freshSpace, TEST_DATABASE_URL } from '../storage/helpers.js';
import { captureLogger, startInstance, TestClock, type Instance } from './helpers.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

const PEOPLE = 20;
const INSTANCES = 3;
const CHANNEL = 'C0TEAM';

describe.skipIf(!TEST_DATABASE_URL)('Reflection answers on PostgreSQL with three instances', () => {
  it('20 people answering the same reminder at once lose no answer and count each once', { timeout: 240_000 }, async () => {
    const fake = await FakeSlack.start();
    cleanup.push(() => fake.close());
    const space = await freshSpace('postgres');
    const clock = new TestClock();
    clock.set('2025-06-03T10:00:00Z');
    const { logger } = captureLogger();
    const config = parseConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
    });
    const instances: Instance[] = [];
    const senders: SlackSender[] = [];
    for (let i = 0; i < INSTANCES; i += 1) {
      const instance = await startInstance(space, fake, clock, logger);
      cleanup.push(() => instance.stop());
      instances.push(instance);
      const server = await startServer(config, { core: coreFor(testEngine(), 'nl'), logger: pino({ level: 'silent' }), reminders: instance.service });
      cleanup.push(() => server.close());
      senders.push(new SlackSender(`${server.url}/slack/events`, SIGNING_SECRET));
    }
    const command = async (text: string, id: string) => {
      expect((await senders[0].command('/reflect', text, { responseUrl: fake.responseUrl(id), channel: CHANNEL })).status).toBe(200);
      return (await fake.waitForResponse(id, 1, 15_000)).body;
    };
    expect((await command('weekly zondag 03:00', 'set')).text).toMatch(/ingesteld/);
    expect((await command('now', 'now')).text).toMatch(/nu geplaatst/);
    const posted = await fake.waitForCall('chat.postMessage', 1, 15_000);
    const ts = String(posted.response.ts);
    const promptId = /samen_reflection_rate:([a-z0-9-]+):/.exec(JSON.stringify(posted.args.blocks))![1];

    // Each person clicks two scores at the same moment (changing their mind), on different instances.
    const clicks = Array.from({ length: PEOPLE }, (_, p) => [
      { user: `U0P${p}`, score: 1 + (p % 5), via: p % INSTANCES },
      { user: `U0P${p}`, score: 1 + ((p + 2) % 5), via: (p + 1) % INSTANCES },
    ]).flat();
    const sent = await Promise.all(
      clicks.map(({ user, score, via }) =>
        senders[via].interaction(blockAction(findButton(posted.args.blocks, `samen_reflection_rate:${promptId}:${score}`), { channel: CHANNEL, messageTs: ts, user })),
      ),
    );
    expect(sent.map((s) => s.status)).toEqual(clicks.map(() => 200));
    // Every click is thanked: each was saved.
    await fake.waitFor(() => fake.callsTo('chat.postEphemeral').length === clicks.length, 60_000, 'a thank-you for every click');
    for (const t of fake.callsTo('chat.postEphemeral')) expect(t.args.text).toMatch(/opgeslagen/);

    const rows = await instances[0].db.query<{ user_hash: string; rating: number }>('SELECT user_hash, rating FROM reflection_answers');
    expect(rows).toHaveLength(PEOPLE);
    expect(new Set(rows.map((r) => r.user_hash)).size).toBe(PEOPLE);
    // Each person's row holds one of the two scores they clicked (the user id is stored only as its salted hash).
    const [{ value: salt }] = await instances[0].db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'user_hash_salt'`);
    const byHash = new Map(rows.map((r) => [r.user_hash, Number(r.rating)]));
    for (let p = 0; p < PEOPLE; p += 1) {
      const rating = byHash.get(createHmac('sha256', salt).update(`U0P${p}`).digest('hex'));
      expect([1 + (p % 5), 1 + ((p + 2) % 5)]).toContain(rating);
    }
    // The reminder, as any instance now writes it, counts twenty.
    const reminder = (await reminderRepository(instances[2].db, { platform: 'slack', tenantId: 'T0FAKE' }).forChannel(CHANNEL))!;
    const occurrence = new Date(String(posted.args.metadata.event_payload.occurrence_id).slice(reminder.id.length + 1));
    const message = await instances[2].service.message(reminder, occurrence);
    expect(message.respondents).toBe(PEOPLE);
  });
});
