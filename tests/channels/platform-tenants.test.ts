/**
 * Issue 18, defect 6, end to end: the web chat's /goals cases live under tenant "web",
 * channel "web". A signed Slack request with team_id=web, channel_id=web, and a Teams
 * activity in unauthenticated local mode (no MICROSOFT_APP_ID) claiming tenant "web",
 * reach the same ids on their own platform only: they never see the web chat's cases, nor
 * each other's. One server (Slack over HTTP, Teams, the web chat) on one database.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardSubmitSchema } from '../../src/cards/submit.js';
import { WebChat } from '../../src/channels/web/chat.js';
import { goalsFor, type GoalsService } from '../../src/goals/index.js';
import { createStore, migrate, openDatabase, type Database } from '../../src/storage/index.js';
import { testEngine } from '../helpers/engine.js';
import { FakeConnector, type Recorded } from '../../src/support/fake-connector.js';
import { startHarness, type Harness } from '../helpers/slack-harness.js';
import { messageActivity, post } from '../../src/support/teams-activities.js';
import { validForm } from '../goals/fixtures.js';

let h: Harness;
let db: Database;
let goals: GoalsService;
let connector: FakeConnector;
let web: WebChat;
const dataDir = mkdtempSync(join(tmpdir(), 'samen-platform-tenants-'));

beforeAll(async () => {
  const engine = testEngine();
  // Reuse the storage tests' empty PGlite directory when it is there (initdb takes seconds).
  const template = join(tmpdir(), 'samen-test-pglite-0.5.16');
  if (existsSync(template)) cpSync(template, dataDir, { recursive: true });
  db = await openDatabase({ dataDir });
  await migrate(db);
  goals = goalsFor(db, engine.knowledge, 'en');
  const store = await createStore(db, { hashSalt: 'platform-tenants-salt-0123456789' });
  // No MICROSOFT_APP_ID: Teams at /api/messages takes activities without a token.
  h = await startHarness(engine, { goals, store, env: { SAMEN_LANGUAGE: 'en' } });
  connector = await FakeConnector.start();
  web = new WebChat({ answer: () => Promise.reject(new Error('no questions in this test')), goals, language: 'en' });

  // The web chat posts a case and fills it in.
  await web.message('/goals gezin-W1', { userId: '127.0.0.1' });
  const form = CardSubmitSchema.parse({ samen: 'goals', language: 'en', version: 0, ...validForm('gezin-W1') });
  const saved = await web.submit(form, { userId: '127.0.0.1' });
  expect(JSON.stringify(saved?.card)).toContain('Casusregisseur wijkteam');
});

afterAll(async () => {
  await h?.close();
  await connector?.close();
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let n = 0;

/** `/goals …` from Slack team "web", channel "web"; resolves with what the user is told. */
async function slackGoals(text: string): Promise<string> {
  n += 1;
  const id = `platform-${n}`;
  const ack = await h.slack.command('/goals', text, { responseUrl: h.fake.responseUrl(id), team: 'web', channel: 'web' });
  expect(ack.status).toBe(200);
  return JSON.stringify((await h.fake.waitForResponse(id)).body);
}

/** `goals …` from a Teams personal chat whose activity claims tenant "web" and conversation "web". */
async function teamsGoals(text: string): Promise<Recorded> {
  n += 1;
  const id = `platform-${n}`;
  const activity = messageActivity({ serviceUrl: connector.serviceUrl, text, scope: 'personal', id });
  Object.assign(activity, {
    conversation: { conversationType: 'personal', tenantId: 'web', id: 'web' },
    channelData: { tenant: { id: 'web' } },
  });
  const res = await post(`${h.server.url}/api/messages`, activity);
  expect(res.status).toBe(200);
  return connector.waitFor((r) => r.activityId === id);
}

describe('one tenant id on three platforms', () => {
  it('the web chat lists its case', async () => {
    const list = await web.message('/goals list', { userId: '127.0.0.1' });
    expect(JSON.stringify(list.card)).toContain('gezin-W1');
  });

  it('a signed Slack request with team_id=web, channel_id=web does not see the web chat’s case', async () => {
    const list = await slackGoals('list');
    expect(list).toContain('This channel has no cases yet');
    expect(list).not.toContain('gezin-W1');

    const show = await slackGoals('show gezin-W1');
    expect(show).toContain('This channel has no case gezin-W1');
    // Nothing of the case was posted into the Slack channel either.
    expect(JSON.stringify(h.fake.callsTo('chat.postMessage'))).not.toContain('gezin-W1');
  });

  it('a Teams activity without authentication claiming tenant "web" does not see it', async () => {
    const list = await teamsGoals('goals list');
    expect(list.activity.text).toContain('This channel has no cases yet');
    expect(list.activity.text).not.toContain('gezin-W1');

    const show = await teamsGoals('goals show gezin-W1');
    expect(show.activity.text).toContain('This channel has no case gezin-W1');
    expect(JSON.stringify(show.activity)).not.toContain('Casusregisseur wijkteam');
  });

  it('a case and a language set from Slack stay in Slack', async () => {
    const before = h.fake.callsTo('chat.postMessage').length;
    const ack = await h.slack.command('/goals', 'gezin-S1', { responseUrl: h.fake.responseUrl('platform-new'), team: 'web', channel: 'web' });
    expect(ack.status).toBe(200);
    const posted = await h.fake.waitForCall('chat.postMessage', before + 1);
    expect(JSON.stringify(posted.args.blocks)).toContain('gezin-S1');
    expect(await slackGoals('language nl')).toContain('Nederlands');

    expect(await slackGoals('list')).toContain('gezin-S1');
    const webList = JSON.stringify((await web.message('/goals list', { userId: '127.0.0.1' })).card);
    expect(webList).toContain('gezin-W1');
    expect(webList).not.toContain('gezin-S1');
    // Still English: the language Slack set is Slack's channel's.
    expect(webList).toContain('Cases in this channel');
    expect((await teamsGoals('goals list')).activity.text).toContain('This channel has no cases yet');
  });

  it('stores every row under the platform it came from', async () => {
    expect(await db.query('SELECT platform, tenant_id, channel_id, alias FROM goal_cases ORDER BY alias')).toEqual([
      { platform: 'slack', tenant_id: 'web', channel_id: 'web', alias: 'gezin-S1' },
      { platform: 'web', tenant_id: 'web', channel_id: 'web', alias: 'gezin-W1' },
    ]);
    expect(await db.query('SELECT platform, tenant_id, channel_id FROM goal_channel_settings')).toEqual([
      { platform: 'slack', tenant_id: 'web', channel_id: 'web' },
    ]);
    // Teams kept the conversation's reference for reminders: as Teams', whatever tenant it claimed.
    expect(await db.query('SELECT platform, tenant_id, conversation_id FROM conversation_references')).toEqual([
      { platform: 'teams', tenant_id: 'web', conversation_id: 'web' },
    ]);
  });
});
