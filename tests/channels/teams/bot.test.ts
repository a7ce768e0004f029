/**
 * Samen in Teams end to end without a Teams account: the real Samen server with botbuilder's
 * CloudAdapter on loopback (no credentials, as with the Emulator or Agents Playground),
 * activities posted as Teams sends them, and a fake Bot Connector recording the replies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { MESSAGES } from '../../../src/answer/messages.js';
import { parseConfig } from '../../../src/config.js';
import { coreFor } from '../../../src/conversation/core.js';
import { startServer, type RunningServer } from '../../../src/server/index.js';
import { createStore, migrate, openDatabase, type Database, type Store } from '../../../src/storage/index.js';
import { testEngine } from '../../helpers/engine.js';
import { FakeConnector, type Recorded } from '../../../src/support/fake-connector.js';
import {
  BOT,
  CHANNEL,
  GROUP_CHAT,
  PERSONAL,
  TENANT,
  USER,
  adaptiveCardProblems,
  feedbackInvoke,
  installedActivity,
  messageActivity,
  post,
} from '../../../src/support/teams-activities.js';

let connector: FakeConnector;
let server: RunningServer;
let db: Database;
let store: Store;
let endpoint: string;
const dataDir = mkdtempSync(join(tmpdir(), 'samen-teams-'));

beforeAll(async () => {
  connector = await FakeConnector.start();
  db = await openDatabase({ dataDir });
  await migrate(db);
  store = await createStore(db, { hashSalt: 'teams-test-salt-0123456789' });
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SAMEN_LANGUAGE: 'nl' });
  server = await startServer(config, {
    core: coreFor(testEngine(), config.SAMEN_LANGUAGE),
    store,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  endpoint = `${server.url}/api/messages`;
});

afterAll(async () => {
  await server?.close();
  await connector?.close();
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Posts an activity, expects Teams' acknowledgement, and waits for the reply to it. */
async function ask(activity: Record<string, unknown>): Promise<Recorded> {
  const res = await post(endpoint, activity);
  expect(res.status).toBe(200);
  return connector.waitFor((r) => r.activityId === activity.id);
}

/** The schema.org Message entity of a reply. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function aiEntity(activity: any) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (activity.entities ?? []).find((e: any) => e.type === 'https://schema.org/Message');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function cardOf(activity: any) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return activity.attachments?.find((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

describe('Teams: personal chat', () => {
  let reply: Recorded;
  beforeAll(async () => {
    reply = await ask(messageActivity({ serviceUrl: connector.serviceUrl, text: 'What helps with unclear roles?', id: 'p-1' }));
  });

  it('answers every message in the same conversation, as a reply to it, from the bot to the user', () => {
    expect(reply.kind).toBe('reply');
    expect(reply.conversationId).toBe(PERSONAL);
    expect(reply.activity.type).toBe('message');
    expect(reply.activity.replyToId).toBe('p-1');
    expect(reply.activity.from.id).toBe(BOT.id);
    expect(reply.activity.recipient.id).toBe(USER.id);
  });

  it('writes the cited answer as markdown with [n] markers', () => {
    const text: string = reply.activity.text;
    expect(reply.activity.textFormat).toBe('markdown');
    expect(text).toContain('**What the reviews say about: What helps with unclear roles?**');
    expect(text).toContain(`**${MESSAGES.helps.en}**`);
    expect(text).toMatch(/^- .+ \[1\]/m);
  });

  it('carries at most ten citation entities, each matching a [n] in the text, and no AI label on an extractive answer', () => {
    const entity = aiEntity(reply.activity);
    expect(entity).toMatchObject({
      '@type': 'Message',
      '@context': 'https://schema.org',
      '@id': '',
    });
    // Extractive: the reviews' findings put together without a language model.
    expect(entity.additionalType).toBeUndefined();
    const citations = entity.citation as Array<{ position: number; appearance: Record<string, unknown> }>;
    expect(citations.length).toBeGreaterThan(0);
    expect(citations.length).toBeLessThanOrEqual(10);
    for (const c of citations) {
      expect(c).toMatchObject({ '@type': 'Claim', appearance: { '@type': 'DigitalDocument' } });
      expect(reply.activity.text).toContain(`[${c.position}]`);
      expect((c.appearance.name as string).length).toBeLessThanOrEqual(80);
      expect((c.appearance.abstract as string).length).toBeLessThanOrEqual(160);
      expect(((c.appearance.keywords as string[] | undefined) ?? []).length).toBeLessThanOrEqual(3);
    }
    expect(new Set(citations.map((c) => c.position)).size).toBe(citations.length);
  });

  it('turns on the feedback loop', () => {
    expect(reply.activity.channelData).toMatchObject({ feedbackLoopEnabled: true });
  });

  it('adds an Adaptive Card 1.5 with the sources and follow-ups that parses without errors', () => {
    const card = cardOf(reply.activity);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(adaptiveCardProblems(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).toContain(MESSAGES.sourcesHeading.en);
    expect(card.actions.length).toBeGreaterThan(0);
    for (const action of card.actions) {
      expect(action).toMatchObject({ type: 'Action.Submit', data: { samen: 'ask', msteams: { type: 'messageBack' } } });
      expect(action.data.msteams.text).toBe(action.data.question);
    }
  });

  it("keeps each citation's pop-up card (the verbatim passage) valid too", () => {
    for (const c of aiEntity(reply.activity).citation) {
      if (!c.appearance.text) continue;
      expect(c.appearance.encodingFormat).toBe('application/vnd.microsoft.card.adaptive');
      expect(adaptiveCardProblems(JSON.parse(c.appearance.text))).toEqual([]);
    }
  });

  it('stores the conversation reference for proactive messages, without names', async () => {
    const reference = await store.tenant({ platform: 'teams', tenantId: TENANT }).conversations.get(PERSONAL);
    expect(reference).toMatchObject({
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      conversation: { id: PERSONAL, tenantId: TENANT, conversationType: 'personal' },
      user: { id: USER.id, aadObjectId: USER.aadObjectId },
      bot: { id: BOT.id },
    });
    expect(JSON.stringify(reference)).not.toContain(USER.name);
  });

  it('stores thumbs up/down against the cited findings, without question text, comment or names', async () => {
    const res = await post(
      endpoint,
      feedbackInvoke({ serviceUrl: connector.serviceUrl, replyToId: reply.id, reaction: 'like', comment: 'Jan Jansen liked unclear roles' }),
    );
    expect(res.status).toBe(200);
    const dislike = await post(endpoint, feedbackInvoke({ serviceUrl: connector.serviceUrl, replyToId: reply.id, reaction: 'dislike' }));
    expect(dislike.status).toBe(200);

    const summary = await store.tenant({ platform: 'teams', tenantId: TENANT }).feedback.summary();
    expect(summary.helpful).toBe(1);
    expect(summary.notHelpful).toBe(1);
    // Every finding the answer cited (also those past the ten citation entities), once per rating.
    const cited = new Set(summary.byFinding.map((f) => f.findingId));
    expect(cited.size).toBeGreaterThanOrEqual(aiEntity(reply.activity).citation.length);
    for (const f of summary.byFinding) expect(f).toMatchObject({ helpful: 1, notHelpful: 1 });

    const rows = await db.query('SELECT * FROM feedback');
    expect(rows).toHaveLength(2);
    const stored = JSON.stringify(rows);
    for (const secret of ['What helps', 'liked', 'Jan', USER.id, USER.aadObjectId]) expect(stored).not.toContain(secret);
    expect(rows[0]).toMatchObject({ tenant_id: TENANT, channel_id: PERSONAL });
  });

  it('refuses a feedback invoke with an unknown reaction', async () => {
    const invoke = feedbackInvoke({ serviceUrl: connector.serviceUrl, replyToId: reply.id, reaction: 'like' });
    (invoke.value.actionValue as { reaction: string }).reaction = 'meh';
    expect((await post(endpoint, invoke)).status).toBe(400);
  });
});

describe('Teams: channels and group chats', () => {
  it('answers an @mention in a channel in the same reply chain, with the mention removed', async () => {
    const activity = messageActivity({
      serviceUrl: connector.serviceUrl,
      scope: 'channel',
      mention: true,
      text: 'Wat helpt bij onduidelijke rollen?',
      threadId: '1700000000777',
    });
    const reply = await ask(activity);
    expect(reply.conversationId).toBe(`${CHANNEL};messageid=1700000000777`);
    expect(reply.kind).toBe('reply');
    expect(reply.activity.text).toContain('**Wat de reviews zeggen over: Wat helpt bij onduidelijke rollen?**');
    expect(reply.activity.text).not.toContain('<at>');
    expect(reply.activity.text).not.toContain(`${BOT.name} `);
    expect(aiEntity(reply.activity).citation.length).toBeLessThanOrEqual(10);
    expect(adaptiveCardProblems(cardOf(reply.activity))).toEqual([]);
  });

  it('ignores channel messages that do not mention Samen', async () => {
    const activity = messageActivity({ serviceUrl: connector.serviceUrl, scope: 'channel', text: 'Wat helpt bij onduidelijke rollen?' });
    expect((await post(endpoint, activity)).status).toBe(200);
    await expect(connector.waitFor((r) => r.activityId === activity.id, 400)).rejects.toThrow(/No matching/);
  });

  it('answers an @mention in a group chat, and ignores the rest of the chat', async () => {
    const mentioned = messageActivity({
      serviceUrl: connector.serviceUrl,
      scope: 'groupChat',
      mention: true,
      text: 'What hinders information sharing between agencies?',
    });
    const reply = await ask(mentioned);
    expect(reply.conversationId).toBe(GROUP_CHAT);
    expect(aiEntity(reply.activity).citation.length).toBeGreaterThan(0);

    const chatter = messageActivity({ serviceUrl: connector.serviceUrl, scope: 'groupChat', text: 'Lunch at noon?' });
    expect((await post(endpoint, chatter)).status).toBe(200);
    await expect(connector.waitFor((r) => r.activityId === chatter.id, 400)).rejects.toThrow(/No matching/);
  });

  it('answers a follow-up button of its card in a channel without a new mention', async () => {
    const question = 'How do you build mutual trust between professionals?';
    const activity = messageActivity({
      serviceUrl: connector.serviceUrl,
      scope: 'channel',
      text: question,
      value: { samen: 'ask', question },
    });
    const reply = await ask(activity);
    expect(reply.activity.text).toContain(`What the reviews say about: ${question}`);
  });
});

describe('Teams: other replies', () => {
  it('declines an out-of-scope question without citations or AI label, with feedback', async () => {
    const reply = await ask(messageActivity({ serviceUrl: connector.serviceUrl, text: 'How do I bake sourdough bread?' }));
    expect(reply.activity.text).toContain(MESSAGES.outOfScopeTitle.en);
    expect(reply.activity.text).toContain(MESSAGES.outOfScope.en);
    expect(reply.activity.text).not.toMatch(/\[\d+\]/);
    expect(aiEntity(reply.activity)).toBeUndefined();
    expect(reply.activity.channelData).toMatchObject({ feedbackLoopEnabled: true });
    const card = cardOf(reply.activity);
    expect(JSON.stringify(card)).not.toContain(MESSAGES.sourcesHeading.en);
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it('answers the help command with the commands and example questions', async () => {
    const reply = await ask(messageActivity({ serviceUrl: connector.serviceUrl, text: 'help' }));
    const text: string = reply.activity.text;
    expect(text).toContain(MESSAGES.helpTitle.en);
    for (const command of ['help', 'goals', 'reflect']) expect(text).toContain(`**${command}**`);
    expect(aiEntity(reply.activity)).toBeUndefined();
    expect(reply.activity.channelData?.feedbackLoopEnabled).toBeUndefined();
    const card = cardOf(reply.activity);
    expect(card.actions.map((a: { title: string }) => a.title)).toEqual(MESSAGES.examples.en);
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it('says that goals and reflect are coming, in the language of the user', async () => {
    const goals = await ask(messageActivity({ serviceUrl: connector.serviceUrl, text: 'goals', locale: 'nl-NL' }));
    expect(goals.activity.text).toContain('**goals** staat in deze Samen niet aan');
    const reflect = await ask(messageActivity({ serviceUrl: connector.serviceUrl, scope: 'channel', mention: true, text: 'reflect' }));
    expect(reflect.activity.text).toContain('**reflect** is not switched on');
  });

  it('treats a bare mention as a request for help', async () => {
    const reply = await ask(messageActivity({ serviceUrl: connector.serviceUrl, scope: 'groupChat', mention: true, text: '', locale: 'nl-NL' }));
    expect(reply.activity.text).toContain(MESSAGES.helpTitle.nl);
  });

  it('welcomes the user when Samen is added to a personal chat, and keeps the reference', async () => {
    const installed = installedActivity(connector.serviceUrl);
    const res = await post(endpoint, installed);
    expect(res.status).toBe(200);
    const welcome = await connector.waitFor((r) => r.activityId === installed.id);
    expect(welcome.conversationId).toBe(PERSONAL);
    expect(welcome.activity.text).toContain(MESSAGES.helpTitle.nl);
    expect(await store.tenant({ platform: 'teams', tenantId: TENANT }).conversations.get(PERSONAL)).toBeDefined();
  });
});

describe('Teams: robustness', () => {
  it('answers an activity Teams delivers twice only once', async () => {
    const activity = messageActivity({ serviceUrl: connector.serviceUrl, text: 'What hinders information sharing between agencies?' });
    await ask(activity);
    expect((await post(endpoint, activity)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connector.recorded.filter((r) => r.activityId === activity.id)).toHaveLength(1);
  });

  it('retries a reply that the Bot Connector throttles (429 with Retry-After)', async () => {
    connector.failNext(429, 1, { 'retry-after': '1' });
    const reply = await ask(messageActivity({ serviceUrl: connector.serviceUrl, text: 'What helps with unclear roles?' }));
    expect(reply.activity.text).toContain('What the reviews say about');
  });

  it('acknowledges and answers twenty questions posted at once', async () => {
    const activities = Array.from({ length: 20 }, (_, i) =>
      messageActivity({ serviceUrl: connector.serviceUrl, text: i % 2 ? 'Wat helpt bij onduidelijke rollen?' : 'What helps with trust?' }),
    );
    const statuses = await Promise.all(activities.map(async (a) => (await post(endpoint, a)).status));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await Promise.all(activities.map((a) => connector.waitFor((r) => r.activityId === a.id, 15_000)));
  });
});

describe('Teams: the endpoint without credentials', () => {
  it('refuses an unauthenticated activity whose serviceUrl is not on this machine', async () => {
    const activity = messageActivity({ serviceUrl: 'https://smba.trafficmanager.net/emea/', text: 'What helps?' });
    const res = await post(endpoint, activity);
    expect(res.status).toBe(401);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await post(endpoint, '{"type": "message", ');
    expect(res.status).toBe(400);
  });

  it('says in one line of the banner that Teams runs in local mode, without tokens, and where to read more', () => {
    const teams = server.channels.find((c) => c.name === 'teams');
    expect(teams?.description).toContain(`local mode at ${server.url}/api/messages`);
    expect(teams?.description).toContain('no MICROSOFT_APP_ID, so no tokens are checked');
    expect(teams?.description).toContain('manifest/teams/README.md');
    expect(teams?.description).not.toContain('\n');
  });

  it('never sent anything the fake connector did not understand', () => {
    expect(connector.unknown).toEqual([]);
  });
});
