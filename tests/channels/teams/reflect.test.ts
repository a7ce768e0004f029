/**
 * `reflect` in Teams end to end: the real server and CloudAdapter, the fake Bot Connector,
 * and the reminder service on the real job queue on an embedded PGlite database. Proactive
 * delivery goes from the stored conversation reference to the fake connector.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { parseConfig } from '../../../src/config.js';
import { createGoalStore, goalsFor } from '../../../src/goals/index.js';
import { goalsHook } from '../../../src/reminders/goals-hook.js';
import { ReminderService } from '../../../src/reminders/service.js';
import { reminderRepository } from '../../../src/reminders/store.js';
import { coreFor } from '../../../src/conversation/core.js';
import { startServer, type RunningServer } from '../../../src/server/index.js';
import { createStore, migrate, openDatabase, startQueue, type Database, type Queue } from '../../../src/storage/index.js';
import { testEngine } from '../../helpers/engine.js';
import { FakeConnector, type Recorded } from '../../../src/support/fake-connector.js';
import { CHANNEL, TENANT, adaptiveCardProblems, messageActivity, post } from '../../../src/support/teams-activities.js';
import { PROMPTS } from '../../reminders/helpers.js';

let connector: FakeConnector;
let server: RunningServer;
let db: Database;
let queue: Queue;
let reminders: ReminderService;
let endpoint: string;
const dataDir = mkdtempSync(join(tmpdir(), 'samen-teams-reflect-'));
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

beforeAll(async () => {
  connector = await FakeConnector.start();
  db = await openDatabase({ dataDir });
  await migrate(db);
  const store = await createStore(db, { hashSalt: 'teams-reflect-salt-0123456789' });
  const engine = testEngine();
  queue = await startQueue(db, { onError: () => {} });
  reminders = new ReminderService({ db, queue, deliveries: {}, prompts: PROMPTS, logger, goals: goalsHook(createGoalStore(db)), pollingIntervalSeconds: 0.5, defaultLanguage: 'en' });
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SAMEN_LANGUAGE: 'en' });
  server = await startServer(config, {
    core: coreFor(engine, config.SAMEN_LANGUAGE),
    store,
    goals: goalsFor(db, engine.knowledge, 'en'),
    reminders,
    logger,
  });
  await reminders.start();
  endpoint = `${server.url}/api/messages`;
});

afterAll(async () => {
  await server?.close();
  await queue?.stop();
  await connector?.close();
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let n = 0;
async function say(text: string): Promise<Recorded> {
  n += 1;
  const id = `r-${n}`;
  const res = await post(endpoint, messageActivity({ serviceUrl: connector.serviceUrl, text, scope: 'channel', mention: true, id }));
  expect(res.status).toBe(200);
  return connector.waitFor((r) => r.activityId === id, 15_000);
}

const proactive = () => connector.recorded.filter((r) => r.kind === 'send' && r.conversationId === CHANNEL);

describe('Teams: reflect', () => {
  it('sets a weekly reminder for the channel', async () => {
    const reply = await say('reflect weekly thursday 14:00');
    expect(reply.activity.text).toMatch(/Thursday/i);
    const reminder = await reminderRepository(db, { platform: 'teams', tenantId: TENANT }).forChannel(CHANNEL);
    expect(reminder).toMatchObject({ status: 'active', rule: { zone: 'Europe/Amsterdam' } });
  });

  it('offers to replace a second reminder', async () => {
    const reply = await say('reflect weekly friday 09:00');
    const card = reply.activity.attachments?.[0]?.content;
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.actions.map((a: { data: { replace: boolean } }) => a.data.replace)).toEqual([true, false]);
  });

  it('`reflect now` delivers a proactive card into the channel from the stored reference', async () => {
    const reply = await say('reflect now');
    const sent = proactive();
    expect(sent.length, JSON.stringify([reply.activity.text, connector.unknown, connector.recorded.map((r) => [r.kind, r.conversationId])])).toBe(1);
    const card = sent[0].activity.attachments[0].content;
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.actions.map((a: { data: { samen: string; action?: string } }) => a.data.action ?? a.data.samen)).toEqual(['reflection', 'done', 'snooze', 'skip']);
    expect(sent[0].activity.replyToId).toBeUndefined();
    expect(reply.activity.text, JSON.stringify(connector.recorded.map((r) => [r.kind, r.conversationId, r.activity.text?.slice(0, 80)]))).toBeTruthy();
    expect(sent).toHaveLength(1);
    // The activity id is kept with the delivery: a retry's record that this occurrence landed.
    const repo = reminderRepository(db, { platform: 'teams', tenantId: TENANT });
    const reminder = (await repo.forChannel(CHANNEL))!;
    expect(await repo.deliveries(reminder.id)).toMatchObject([{ kind: 'now', status: 'posted', messageRef: sent[0].id }]);
  });

  it('answers the reminder\'s questions on its card: the count updates, a note with a BSN is refused and not stored, then trend and export', async () => {
    const sent = proactive()[0];
    const card = sent.activity.attachments[0].content;
    const send = card.actions.find((a: { data: { samen: string } }) => a.data.samen === 'reflection').data;
    const inputs = card.body.filter((e: { type: string }) => e.type.startsWith('Input.'));
    const ratingIds = inputs.filter((e: { type: string }) => e.type === 'Input.ChoiceSet').map((e: { id: string }) => e.id);
    expect(ratingIds).toHaveLength(3);
    expect(inputs.find((e: { type: string }) => e.type === 'Input.ChoiceSet').choices.map((c: { title: string }) => c.title)).toEqual([
      '1 · needs attention', '2', '3', '4', '5 · goes well',
    ]);
    const promptId = ratingIds[0].slice('rating_'.length);
    const submit = async (value: Record<string, unknown>, user: string) => {
      n += 1;
      const id = `r-${n}`;
      const base = messageActivity({ serviceUrl: connector.serviceUrl, scope: 'channel', id, value: { ...send, ...value } });
      const activity = { ...base, from: { id: `29:${user}`, aadObjectId: user, name: user }, replyToId: sent.id };
      expect((await post(endpoint, activity)).status).toBe(200);
      return id;
    };
    const updates = () => connector.recorded.filter((r) => r.kind === 'update' && r.activityId === sent.id);

    await submit({ [`rating_${promptId}`]: '2', [`note_${promptId}`]: '' }, 'aad-anna');
    const first = await connector.waitFor((r) => r.kind === 'update' && r.activityId === sent.id, 15_000);
    const updated = first.activity.attachments[0].content;
    expect(adaptiveCardProblems(updated)).toEqual([]);
    expect(JSON.stringify(updated.body)).toContain('1 person answered.');
    await submit({ [`rating_${promptId}`]: '3' }, 'aad-bart');
    const second = await connector.waitFor((r) => r.kind === 'update' && r.activityId === sent.id && r !== first, 15_000);
    expect(JSON.stringify(second.activity.attachments[0].content.body)).toContain('2 people answered.');
    expect(updates()).toHaveLength(2);

    // A note with a BSN: refused with the usual message, nothing of the submission stored.
    const refusedId = await submit({ [`rating_${promptId}`]: '5', [`note_${promptId}`]: 'Moeder belde, BSN 111222333' }, 'aad-anna');
    const refused = await connector.waitFor((r) => r.activityId === refusedId, 15_000);
    expect(refused.activity.text).toMatch(/Not saved.*BSN/);
    expect(refused.activity.text).not.toContain('111222333');
    const [{ notes, ratings }] = await db.query<{ notes: number; ratings: string }>(
      `SELECT count(note)::int AS notes, string_agg(rating::text, ',' ORDER BY rating) AS ratings FROM reflection_answers WHERE platform = 'teams'`,
    );
    expect({ notes, ratings }).toEqual({ notes: 0, ratings: '2,3' });

    const trend = (await say('reflect trend')).activity.attachments[0].content;
    expect(adaptiveCardProblems(trend)).toEqual([]);
    const trendText = JSON.stringify(trend.body);
    expect(trendText).toContain(PROMPTS.find((p) => p.id === promptId)!.question.en);
    expect(trendText).toContain('2.5 (one week)');

    const exported = (await say('reflect export')).activity.attachments[0].content;
    const lines = exported.body.map((b: { text: string }) => b.text);
    expect(lines).toContain('date,prompt,question,average,ratings,notes');
    expect(lines.some((l: string) => l.includes(`,${promptId},`) && l.endsWith(',2.50,2,0'))).toBe(true);
  });

  it('answers the reminder\'s buttons and the offer to replace', async () => {
    const card = proactive()[0].activity.attachments[0].content;
    const done = card.actions.find((a: { data: { action: string } }) => a.data.action === 'done').data;
    n += 1;
    const id = `r-${n}`;
    const res = await post(endpoint, messageActivity({ serviceUrl: connector.serviceUrl, scope: 'channel', id, value: done }));
    expect(res.status).toBe(200);
    const reply = await connector.waitFor((r) => r.activityId === id, 15_000);
    expect(reply.activity.text).toContain('Jan Jansen');

    const offer = await say('reflect weekly friday 09:00');
    const replace = offer.activity.attachments[0].content.actions[0].data;
    n += 1;
    const submitId = `r-${n}`;
    const activity = { ...messageActivity({ serviceUrl: connector.serviceUrl, scope: 'channel', id: submitId, value: replace }), replyToId: offer.id };
    expect((await post(endpoint, activity)).status).toBe(200);
    const update = await connector.waitFor((r) => r.kind === 'update' && r.activityId === offer.id, 15_000);
    expect(update.activity.text).toMatch(/Friday/i);
    expect((await reminderRepository(db, { platform: 'teams', tenantId: TENANT }).forChannel(CHANNEL))?.rule).toMatchObject({ hour: 9 });
  });

  it('lists, pauses and resumes', async () => {
    expect((await say('reflect list')).activity.text).toMatch(/active/i);
    await say('reflect pause');
    expect((await reminderRepository(db, { platform: 'teams', tenantId: TENANT }).forChannel(CHANNEL))?.status).toBe('paused');
    await say('reflect resume');
    expect((await reminderRepository(db, { platform: 'teams', tenantId: TENANT }).forChannel(CHANNEL))?.status).toBe('active');
  });

  it('a 403 from the connector pauses the reminder', async () => {
    const before = proactive().length;
    connector.failNext(403);
    const reply = await say('reflect now');
    expect(proactive()).toHaveLength(before);
    const reminder = await reminderRepository(db, { platform: 'teams', tenantId: TENANT }).forChannel(CHANNEL);
    expect(reminder).toMatchObject({ status: 'paused', pausedReason: 'forbidden' });
    expect(reply.activity.text).toContain('forbidden');
  });
});
