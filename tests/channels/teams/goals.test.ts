/**
 * `goals` in Teams end to end: the real server and CloudAdapter (no credentials, loopback),
 * the fake Bot Connector, and the goals service on an embedded PGlite database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { parseConfig } from '../../../src/config.js';
import { goalsFor, type GoalsService } from '../../../src/goals/index.js';
import { coreFor } from '../../../src/conversation/core.js';
import { startServer, type RunningServer } from '../../../src/server/index.js';
import { createStore, migrate, openDatabase, type Database } from '../../../src/storage/index.js';
import { validForm } from '../../goals/fixtures.js';
import { testEngine } from '../../helpers/engine.js';
import { FakeConnector, type Recorded } from '../../../src/support/fake-connector.js';
import { CHANNEL, TENANT, adaptiveCardProblems, messageActivity, post } from '../../../src/support/teams-activities.js';

let connector: FakeConnector;
let server: RunningServer;
let db: Database;
let goals: GoalsService;
let endpoint: string;
const dataDir = mkdtempSync(join(tmpdir(), 'samen-teams-goals-'));

beforeAll(async () => {
  connector = await FakeConnector.start();
  db = await openDatabase({ dataDir });
  await migrate(db);
  const store = await createStore(db, { hashSalt: 'teams-goals-salt-0123456789' });
  const engine = testEngine();
  goals = goalsFor(db, engine.knowledge, 'en');
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SAMEN_LANGUAGE: 'en' });
  server = await startServer(config, {
    core: coreFor(engine, config.SAMEN_LANGUAGE),
    store,
    goals,
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

let n = 0;
async function send(text: string | undefined, extra: { value?: unknown; replyToId?: string } = {}): Promise<Recorded> {
  n += 1;
  const id = `g-${n}`;
  const activity = { ...messageActivity({ serviceUrl: connector.serviceUrl, text, scope: 'channel', mention: text !== undefined, id, value: extra.value }) };
  if (extra.replyToId) Object.assign(activity, { replyToId: extra.replyToId });
  const before = connector.recorded.length;
  const res = await post(endpoint, activity);
  expect(res.status).toBe(200);
  return connector.waitFor((r) => connector.recorded.indexOf(r) >= before && (r.activityId === id || r.activityId === extra.replyToId));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const cardOf = (activity: any) => activity.attachments?.find((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function inputs(card: any): any[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const all: any[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const walk = (els: any[]) => {
    for (const e of els) {
      if (String(e.type).startsWith('Input.')) all.push(e);
      else if (e.items) walk(e.items);
      else if (e.columns) walk(e.columns);
    }
  };
  walk(card.body);
  return all;
}

/** The data of a goals card's save button (in its form, not among the card's own actions). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveData(card: unknown): any {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let found: any;
  JSON.stringify(card, (_key, v) => {
    if (v?.type === 'Action.Submit' && v.data?.samen === 'goals') found ??= v.data;
    return v;
  });
  return found;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function findById(card: any, id: string): any {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let found: any;
  JSON.stringify(card, (_key, v) => {
    if (v?.id === id) found ??= v;
    return v;
  });
  return found;
}

describe('Teams: goals', () => {
  let posted: Recorded;
  beforeAll(async () => {
    posted = await send('goals gezin-A7');
  });

  it('posts the light form as an Adaptive Card 1.5: one goal slot, the rest behind toggles, and a submit', () => {
    const card = cardOf(posted.activity);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(adaptiveCardProblems(card)).toEqual([]);
    const ids = inputs(card).map((i) => i.id);
    expect(ids).toContain('goal1_text');
    expect(ids).toContain('reviewDate');
    expect(ids).not.toContain('alias');
    expect(saveData(card)).toMatchObject({ samen: 'goals', alias: 'gezin-A7', version: 0 });
    // Goal 2 and the details start hidden; "add a goal" and "more details" show them without a round trip.
    expect(findById(card, 'goals-goal-1').isVisible).toBe(true);
    expect(findById(card, 'goals-goal-2').isVisible).toBe(false);
    expect(findById(card, 'goals-details').isVisible).toBe(false);
    const add = findById(card, 'goals-add-goal-1').actions[0];
    expect(add).toMatchObject({ type: 'Action.ToggleVisibility', title: '+ Add a goal' });
    expect(add.targetElements).toContainEqual({ elementId: 'goals-goal-2', isVisible: true });
    // Errors of the renderer's own check say what to write, not the label again.
    const owner = inputs(card).find((i) => i.id === 'goal1_owner');
    expect(owner.errorMessage).toBe('Name who owns this goal: a professional or agency.');
  });

  it('a submit updates the card in place and saves the case', async () => {
    const data = saveData(cardOf(posted.activity));
    const { alias: _alias, ...form } = validForm('gezin-A7');
    const update = await send(undefined, { value: { ...data, ...form }, replyToId: posted.id });
    expect(update.kind).toBe('update');
    expect(update.activityId).toBe(posted.id);
    const card = cardOf(update.activity);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('De kinderen gaan elke dag naar school');
    // Shown once: the summary, with the form hidden behind "Edit".
    expect(findById(card, 'goals-summary').isVisible).not.toBe(false);
    expect(findById(card, 'goals-form').isVisible).toBe(false);
    const stored = await goals.channel({ platform: 'teams', tenantId: TENANT }, CHANNEL).get('gezin-A7');
    expect(stored?.version).toBe(1);
    expect(stored?.content?.goals[0].text).toBe('De kinderen gaan elke dag naar school');
  });

  it('a stale version reports that the case changed and shows the newer one; nothing is overwritten', async () => {
    const data = saveData(cardOf(posted.activity)); // version 0, now stale
    const { alias: _alias, ...form } = validForm('gezin-A7');
    const reply = await send(undefined, { value: { ...data, ...form, coordinator: 'Someone else' }, replyToId: posted.id });
    expect(reply.kind).toBe('reply');
    expect(JSON.stringify(cardOf(reply.activity))).toContain('version 1');
    expect((await goals.channel({ platform: 'teams', tenantId: TENANT }, CHANNEL).get('gezin-A7'))?.content?.coordinator).toBe('Casusregisseur wijkteam');
  });

  it('refuses personal data with a message and stores nothing', async () => {
    const fresh = await send('goals gezin-B2');
    const data = saveData(cardOf(fresh.activity));
    const { alias: _alias, ...form } = validForm('gezin-B2');
    const reply = await send(undefined, { value: { ...data, ...form, notShared: 'BSN 111222333 of the mother' }, replyToId: fresh.id });
    expect(reply.kind).toBe('reply');
    expect(reply.activity.text).not.toContain('111222333');
    expect((await goals.channel({ platform: 'teams', tenantId: TENANT }, CHANNEL).get('gezin-B2'))?.version).toBe(0);
  });

  it('shows validation errors in the updated card', async () => {
    const fresh = await send('goals gezin-C3');
    const data = saveData(cardOf(fresh.activity));
    const update = await send(undefined, { value: { ...data, goal1_text: 'Only a goal' }, replyToId: fresh.id });
    expect(update.kind).toBe('update');
    const card = cardOf(update.activity);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('"color":"Attention"');
  });

  it('lists the channel’s cases and shows one again', async () => {
    const list = await send('goals list');
    expect(list.activity.text).toContain('gezin-A7');
    const show = await send('goals show gezin-A7');
    const card = cardOf(show.activity);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('Casusregisseur wijkteam');
    expect(saveData(card)).toMatchObject({ alias: 'gezin-A7', version: 1 });
  });
});
