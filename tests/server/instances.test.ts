/**
 * Several Samen instances behind a load balancer behave as one (issue 19): real servers, each
 * with its own connections to one database, Slack and Teams requests sent over HTTP to whichever
 * instance the test picks, as a load balancer would. On PostgreSQL (TEST_DATABASE_URL) three
 * instances; on PGlite, which one process holds, one instance, stopped and started again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { QuestionGuard, type RateLimit } from '../../src/answer/guard.js';
import { createDatabaseState, type DatabaseState } from '../../src/conversation/database-state.js';
import { threadKey } from '../../src/channels/slack/memory.js';
import { parseConfig } from '../../src/config.js';
import { coreFor } from '../../src/conversation/core.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { createStore, migrate, type Database, type Store } from '../../src/storage/index.js';
import { FakeConnector } from '../../src/support/fake-connector.js';
import { FakeSlack, FAKE_TEAM } from '../../src/support/fake-slack.js';
import { PERSONAL, TENANT, feedbackInvoke, messageActivity, post } from '../../src/support/teams-activities.js';
import { testEngine } from '../helpers/engine.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../helpers/slack-harness.js';
import { SlackSender, eventCallback, mentionEvent, messageEvent } from '../helpers/slack-requests.js';
import { freshSpace, TEST_DATABASE_URL, type Space } from '../storage/helpers.js';

const KIND = TEST_DATABASE_URL ? ('postgres' as const) : ('embedded' as const);
const COUNT = KIND === 'postgres' ? 3 : 1;
const WHERE = KIND === 'postgres' ? 'three instances on one PostgreSQL database' : 'PGlite: one instance, restarted (TEST_DATABASE_URL for three)';
const SALT = 'instances-test-salt-0123456789';
const SLACK = { platform: 'slack' as const, tenantId: FAKE_TEAM.team_id };

interface Instance {
  server: RunningServer;
  slack: SlackSender;
  teams: string;
  state: DatabaseState;
  logLines: string[];
}

interface Cluster {
  /** Instance i (modulo the count: with one instance, always that one). */
  at(i: number): Instance;
  store: Store;
  /** Starts every instance: its own database connections, state, store and server. */
  start(): Promise<void>;
  /** Stops every server and closes its database connections. */
  stop(): Promise<void>;
}

let fake: FakeSlack;
let connector: FakeConnector;
beforeAll(async () => {
  fake = await FakeSlack.start();
  connector = await FakeConnector.start();
});
afterAll(async () => {
  await fake?.close();
  await connector?.close();
});

function cluster(space: Space, perUser?: RateLimit): Cluster {
  let instances: Instance[] = [];
  let dbs: Database[] = [];
  let store: Store | undefined;
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SAMEN_LANGUAGE: 'nl',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  return {
    at: (i) => instances[i % instances.length],
    get store() {
      return store!;
    },
    async start() {
      for (let i = 0; i < COUNT; i += 1) {
        const db = await space.open();
        dbs.push(db);
        await migrate(db);
        const state = await createDatabaseState(db, { hashSalt: SALT });
        const instanceStore = await createStore(db, { hashSalt: SALT });
        store ??= instanceStore;
        const logLines: string[] = [];
        const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
        const core = coreFor(testEngine(), 'nl', new QuestionGuard({ state, ...(perUser ? { perUser } : {}) }));
        const server = await startServer(config, { core, state, store: instanceStore, logger });
        instances.push({ server, slack: new SlackSender(`${server.url}/slack/events`, SIGNING_SECRET), teams: `${server.url}/api/messages`, state, logLines });
      }
    },
    async stop() {
      await Promise.all(instances.map((i) => i.server.close()));
      await Promise.all(dbs.map((db) => db.close()));
      instances = [];
      dbs = [];
      store = undefined;
    },
  };
}

/** Waits until check returns something (each instance works after acknowledging); fails after 15 s. */
async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = await check();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const postsIn = (channel: string) => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
const header = (call: { args: Record<string, any> }) => call.args.blocks[0].text.text as string;

describe(`several instances share the conversation state (${WHERE})`, { timeout: 120_000 }, () => {
  it('Slack: a retry sent to another instance posts nothing; a thread reply without a mention is a follow-up on any instance, after a restart too', async () => {
    const c = cluster(await freshSpace(KIND));
    await c.start();
    try {
      const mention = mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0MULTI' });
      const first = eventCallback(mention, { eventId: 'Ev0MULTI01' });
      expect((await c.at(0).slack.event(first)).status).toBe(200);
      const answer = await fake.waitFor(() => postsIn('C0MULTI')[0]);
      expect(answer.args.thread_ts).toBe(mention.ts);
      expect(header(answer)).toContain('Wat helpt bij onduidelijke rollen?');

      // Slack did not see the acknowledgement and retries, and the load balancer picks B: dropped there.
      expect((await c.at(1).slack.event(first, { retryNum: 1 })).status).toBe(200);
      await until(() => c.at(1).logLines.some((l) => l.includes('duplicate event dropped') && l.includes('Ev0MULTI01')), 'B to drop the retry');
      expect(postsIn('C0MULTI')).toHaveLength(1);

      // A reply in the thread without a mention, to B: a follow-up of the first question.
      const thread = threadKey('C0MULTI', mention.ts);
      await until(() => c.at(1).state.turns(SLACK, thread), 'the thread’s first turn to be stored');
      const reply = messageEvent('en voor scholen?', { channel: 'C0MULTI', threadTs: mention.ts });
      expect((await c.at(1).slack.event(eventCallback(reply))).status).toBe(200);
      const followUp = await fake.waitFor(() => postsIn('C0MULTI')[1]);
      expect(followUp.args.thread_ts).toBe(mention.ts);
      expect(header(followUp)).toContain('Wat helpt bij onduidelijke rollen? En voor scholen?');
      await until(async () => (await c.at(2).state.turns(SLACK, thread))?.length === 2, 'the follow-up’s turn to be stored');

      // Every instance stops (a deployment); the next reply in the thread, to C, is still a follow-up.
      await c.stop();
      await c.start();
      const later = messageEvent('en voor de GGZ?', { channel: 'C0MULTI', threadTs: mention.ts });
      expect((await c.at(2).slack.event(eventCallback(later))).status).toBe(200);
      const third = await fake.waitFor(() => postsIn('C0MULTI')[2]);
      expect(third.args.thread_ts).toBe(mention.ts);
      expect(header(third)).toContain('Wat helpt bij onduidelijke rollen? En voor de GGZ?');
      expect(postsIn('C0MULTI')).toHaveLength(3);
    } finally {
      await c.stop();
    }
  });

  it('Teams: a redelivered activity is answered once; a follow-up on another instance is read with the earlier turns, after a restart too; feedback finds the answer’s findings', async () => {
    const c = cluster(await freshSpace(KIND));
    await c.start();
    try {
      const serviceUrl = connector.serviceUrl;
      const first = messageActivity({ serviceUrl, text: 'Wat helpt bij onduidelijke rollen?', id: 'multi-1' });
      expect((await post(c.at(0).teams, first)).status).toBe(200);
      const answer = await connector.waitFor((r) => r.activityId === 'multi-1');
      expect(answer.activity.text).toContain('Wat helpt bij onduidelijke rollen?');

      // Teams redelivers the activity, to B: acknowledged, not answered again.
      expect((await post(c.at(1).teams, first)).status).toBe(200);
      expect(c.at(1).logLines.some((l) => l.includes('Teams redelivered an activity'))).toBe(true);

      // A follow-up in the conversation, to B.
      const second = messageActivity({ serviceUrl, text: 'en voor scholen?', id: 'multi-2' });
      expect((await post(c.at(1).teams, second)).status).toBe(200);
      const followUp = await connector.waitFor((r) => r.activityId === 'multi-2');
      expect(followUp.activity.text).toContain('Wat helpt bij onduidelijke rollen? En voor scholen?');

      // A thumbs up on A's answer, to C: stored with the findings that answer cited.
      const like = await post(c.at(2).teams, feedbackInvoke({ serviceUrl, replyToId: answer.id, reaction: 'like' }));
      expect(like.status).toBe(200);
      const summary = await c.store.tenant({ platform: 'teams', tenantId: TENANT }).feedback.summary();
      expect(summary.helpful).toBe(1);
      // Without the answer's findings (an instance that did not know them) only the rating would be stored.
      expect(summary.byFinding.length).toBeGreaterThan(0);

      // All instances stop and start again: the conversation goes on.
      await c.stop();
      await c.start();
      const third = messageActivity({ serviceUrl, text: 'en voor de GGZ?', id: 'multi-3' });
      expect((await post(c.at(2).teams, third)).status).toBe(200);
      const later = await connector.waitFor((r) => r.activityId === 'multi-3');
      expect(later.activity.text).toContain('Wat helpt bij onduidelijke rollen? En voor de GGZ?');
      expect(connector.recorded.filter((r) => r.conversationId === PERSONAL && r.activityId?.startsWith('multi-'))).toHaveLength(3);
    } finally {
      await c.stop();
    }
  });

  it('a rate limit holds across instances: two questions through A, the third through B is refused', async () => {
    const c = cluster(await freshSpace(KIND), { limit: 2, windowMs: 60 * 60_000 });
    await c.start();
    try {
      const asks = ['Wat helpt bij onduidelijke rollen?', 'Hoe bouw je vertrouwen op?', 'Wat belemmert informatie delen?'];
      for (const [i, question] of asks.entries()) {
        const instance = c.at(i < 2 ? 0 : 1);
        await instance.slack.event(eventCallback(mentionEvent(question, { channel: 'C0RATE', user: 'U0BUSY' })));
        await fake.waitFor(() => postsIn('C0RATE')[i]);
      }
      const [one, two, three] = postsIn('C0RATE').map((p) => JSON.stringify(p.args));
      expect(one).not.toContain('Wacht ongeveer');
      expect(two).not.toContain('Wacht ongeveer');
      expect(three).toMatch(/Wacht ongeveer \d+ seconden/);
      // Another user in the channel is not limited.
      await c.at(2).slack.event(eventCallback(mentionEvent(asks[2], { channel: 'C0RATE', user: 'U0OTHER' })));
      const other = await fake.waitFor(() => postsIn('C0RATE')[3]);
      expect(JSON.stringify(other.args)).not.toContain('Wacht ongeveer');
    } finally {
      await c.stop();
    }
  });
});
