import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOALS_IDS } from '../../../../../src/channels/slack/goals-render.js';
import { goalsFor, type GoalsService } from '../../../../../src/goals/index.js';
import { FIELDS, type FormValues } from '../../../../../src/goals/model.js';
import { migrate, openDatabase, type Database } from '../../../../../src/storage/index.js';
import { testEngine } from '../../../../helpers/engine.js';
import { FAKE_TEAM, slackBlockProblem, slackMessageProblem } from '../../../../../src/support/fake-slack.js';
import { startHarness, type Harness } from '../../../../helpers/slack-harness.js';
import { blockAction, findButton } from '../../../../helpers/slack-requests.js';
import { validForm } from '../../../../goals/fixtures.js';

let h: Harness;
let db: Database;
let goals: GoalsService;
let dataDir: string;

beforeAll(async () => {
  const engine = testEngine();
  dataDir = mkdtempSync(join(tmpdir(), 'samen-goals-slack-'));
  // Reuse the storage tests' empty PGlite directory when it is there (initdb takes seconds).
  const template = join(tmpdir(), 'samen-test-pglite-0.5.16');
  if (existsSync(template)) cpSync(template, dataDir, { recursive: true });
  db = await openDatabase({ dataDir });
  await migrate(db);
  goals = goalsFor(db, engine.knowledge, 'nl');
  h = await startHarness(engine, { goals });
}, 60_000);
afterAll(async () => {
  await h?.close();
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Slack's view state for form values, as a submitted modal carries it: only the inputs the view shows. */
function stateFor(values: FormValues, view: any) {
  const shown = new Set(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.block_id));
  const state: Record<string, Record<string, unknown>> = {};
  for (const f of FIELDS) {
    if (!shown.has(f.key)) continue;
    const v = values[f.key] ?? null;
    state[f.key] = {
      [`${GOALS_IDS.input}${f.key}`]: f.kind === 'date' ? { type: 'datepicker', selected_date: v } : { type: 'plain_text_input', value: v },
    };
  }
  return state;
}

function viewSubmission(view: any, values: FormValues, user = 'U0ASKER') {
  return {
    type: 'view_submission',
    team: { id: FAKE_TEAM.team_id, domain: 'fake' },
    user: { id: user, username: 'asker', name: 'asker', team_id: FAKE_TEAM.team_id },
    api_app_id: FAKE_TEAM.app_id,
    token: 'legacy-verification-token',
    trigger_id: '1.trigger',
    view: {
      id: 'V0GOALS',
      type: 'modal',
      team_id: FAKE_TEAM.team_id,
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      blocks: view.blocks,
      state: { values: stateFor(values, view) },
      hash: '1.hash',
    },
    response_urls: [],
  };
}

/** A click on a button in the modal (add a goal, more details), with what was typed so far. */
function modalAction(view: any, actionId: string, values: FormValues) {
  const button = view.blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id === actionId);
  if (!button) throw new Error(`no ${actionId} button in the modal`);
  return {
    type: 'block_actions',
    user: { id: 'U0ASKER', username: 'asker', name: 'asker', team_id: FAKE_TEAM.team_id },
    api_app_id: FAKE_TEAM.app_id,
    token: 'legacy-verification-token',
    container: { type: 'view', view_id: 'V0GOALS' },
    trigger_id: '2.trigger',
    team: { id: FAKE_TEAM.team_id, domain: 'fake' },
    view: {
      id: 'V0GOALS',
      type: 'modal',
      team_id: FAKE_TEAM.team_id,
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      blocks: view.blocks,
      state: { values: stateFor(values, view) },
      hash: '2.hash',
    },
    actions: [{ action_id: actionId, block_id: actionId, text: button.text, value: button.value, type: 'button', action_ts: `${Date.now() / 1000}` }],
  };
}

const inputIds = (view: any): string[] => view.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.block_id);

const SLACK_TEAM = { platform: 'slack', tenantId: FAKE_TEAM.team_id } as const;
const stored = (channel: string, alias: string) => goals.channel(SLACK_TEAM, channel).get(alias);
const text = (x: unknown) => JSON.stringify(x);

describe('/goals in Slack', () => {
  const channel = 'C0GOALS';
  let messageTs: string;
  let editView: any;

  it('posts the template for a new case, with its cited why lines and the no-identifiers notice', async () => {
    const ack = await h.slack.command('/goals', 'gezin-A7', { responseUrl: h.fake.responseUrl('g-new'), channel });
    expect(ack.status).toBe(200);
    expect(ack.text).toBe('');
    const post = await h.fake.waitForCall('chat.postMessage');
    expect(post.args.channel).toBe(channel);
    expect(slackMessageProblem(post.args)).toBeUndefined();
    const all = text(post.args.blocks);
    expect(all).toContain('Samenwerkingsafspraken: gezin-A7');
    expect(all).toContain('geen cliëntgegevens');
    expect(all).toContain('Rollen, verantwoordelijkheden en regie');
    expect(all).toContain('n=7');
    expect(all).toContain('n=14');
    const button = findButton(post.args.blocks, GOALS_IDS.edit);
    expect(button.text.text).toBe('Invullen');
    messageTs = String(post.response.ts);
    expect((await stored(channel, 'gezin-A7'))?.version).toBe(0);
  });

  it('opens the light modal when "Fill in" is clicked: the first fields and one goal slot', async () => {
    const post = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === channel)!;
    const button = findButton(post.args.blocks, GOALS_IDS.edit);
    const before = h.fake.callsTo('views.open').length;
    const click = await h.slack.interaction(blockAction(button, { channel, messageTs }));
    expect(click.status).toBe(200);
    const open = await h.fake.waitForCall('views.open', before + 1);
    editView = open.args.view;
    expect(editView.callback_id).toBe(GOALS_IDS.modal);
    expect(slackBlockProblem(editView.blocks, 'modal')).toBeUndefined();
    expect(inputIds(editView)).toEqual(['goal1_text', 'goal1_agencies', 'goal1_owner', 'goal1_date', 'coordinator', 'reviewDate']);
    expect(findButton(editView.blocks, GOALS_IDS.addGoal).text.text).toBe('+ Nog een doel');
    expect(findButton(editView.blocks, GOALS_IDS.moreDetails).text.text).toMatch(/^Meer details/);
    expect(editView.blocks.find((b: any) => b.block_id === 'goal1_date').element.type).toBe('datepicker');
    expect(JSON.parse(editView.private_metadata)).toMatchObject({ a: 'gezin-A7', c: channel, ts: messageTs, v: 0, l: 'nl' });
  });

  it('shows validation errors inline and stores nothing', async () => {
    const r = await h.slack.interaction(viewSubmission(editView, { ...validForm(), coordinator: '', goal1_date: null as never }));
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text);
    expect(body.response_action).toBe('errors');
    expect(body.errors.coordinator).toBe('Noem wie de regie voert, bijv. casusregisseur wijkteam.');
    expect(body.errors.goal1_date).toBe('Kies een streefdatum voor dit doel.');
    expect((await stored(channel, 'gezin-A7'))?.version).toBe(0);
  });

  it('"add a goal" and "more details" grow the modal in place (views.update), keeping what was typed', async () => {
    const typed = { goal1_text: 'De kinderen gaan elke dag naar school', coordinator: 'Casusregisseur wijkteam' };
    const updates = h.fake.callsTo('views.update').length;
    expect((await h.slack.interaction(modalAction(editView, GOALS_IDS.addGoal, typed))).status).toBe(200);
    const grown = await h.fake.waitForCall('views.update', updates + 1);
    expect(grown.args).toMatchObject({ view_id: 'V0GOALS', hash: '2.hash' });
    expect(slackBlockProblem(grown.args.view.blocks, 'modal')).toBeUndefined();
    expect(inputIds(grown.args.view)).toContain('goal2_text');
    expect(inputIds(grown.args.view)).not.toContain('goal3_text');
    expect(grown.args.view.blocks.find((b: any) => b.block_id === 'goal1_text').element.initial_value).toBe(typed.goal1_text);
    expect(grown.args.view.blocks.find((b: any) => b.block_id === 'coordinator').element.initial_value).toBe(typed.coordinator);

    await h.slack.interaction(modalAction(grown.args.view, GOALS_IDS.moreDetails, typed));
    const full = await h.fake.waitForCall('views.update', updates + 2);
    expect(inputIds(full.args.view)).toEqual(expect.arrayContaining(['goal2_text', 'roles', 'contact', 'consent', 'shared', 'notShared', 'frequency', 'attendees', 'chair']));
    expect(full.args.view.blocks.some((b: any) => b.block_id === GOALS_IDS.moreDetails)).toBe(false);
    expect(JSON.parse(full.args.view.private_metadata)).toMatchObject({ a: 'gezin-A7', c: channel, ts: messageTs, v: 0, g: 2, d: true });
    editView = full.args.view;
  });

  it('refuses personal data inline, saying what was found, and stores nothing', async () => {
    const r = await h.slack.interaction(
      viewSubmission(editView, { ...validForm(), contact: 'bel moeder 06-12345678', notShared: 'BSN 123456782' }),
    );
    const body = JSON.parse(r.text);
    expect(body.response_action).toBe('errors');
    expect(body.errors.contact).toMatch(/telefoonnummer.*niets opgeslagen/);
    expect(body.errors.notShared).toMatch(/BSN/);
    expect(r.text).not.toContain('123456782');
    expect((await stored(channel, 'gezin-A7'))?.version).toBe(0);
    expect(await goals.channel(SLACK_TEAM, channel).history('gezin-A7')).toEqual([]);
  });

  it('saves a valid submission and updates the channel message in place', async () => {
    const before = h.fake.callsTo('chat.update').length;
    const r = await h.slack.interaction(viewSubmission(editView, validForm()));
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    const update = await h.fake.waitForCall('chat.update', before + 1);
    expect(update.args).toMatchObject({ channel, ts: messageTs });
    expect(slackMessageProblem(update.args)).toBeUndefined();
    const all = text(update.args.blocks);
    expect(all).toContain('De kinderen gaan elke dag naar school');
    expect(all).toContain('Casusregisseur wijkteam');
    expect(all).toContain('Versie 1');
    expect(findButton(update.args.blocks, GOALS_IDS.edit).text.text).toBe('Bewerken');
    const saved = await stored(channel, 'gezin-A7');
    expect(saved?.version).toBe(1);
    expect(saved?.content?.roles).toHaveLength(3);
  });

  it('refuses a second save from the same (now stale) version and shows the newer one', async () => {
    const r = await h.slack.interaction(viewSubmission(editView, { ...validForm(), chair: 'Iemand anders' }));
    const body = JSON.parse(r.text);
    expect(body.response_action).toBe('update');
    expect(body.view.title.text).toBe('Casus gewijzigd');
    expect(text(body.view.blocks)).toContain('versie 1');
    expect(text(body.view.blocks)).toContain('Casusregisseur wijkteam');
    expect((await stored(channel, 'gezin-A7'))?.content?.meetings.chair).toBe('Casusregisseur wijkteam');
  });

  it('lists the channel’s cases and shows one again', async () => {
    await h.slack.command('/goals', 'list', { responseUrl: h.fake.responseUrl('g-list'), channel });
    const list = await h.fake.waitForResponse('g-list');
    expect(list.body.response_type).toBe('ephemeral');
    expect(text(list.body)).toContain('gezin-A7');
    expect(text(list.body)).toContain('versie 1');

    const before = h.fake.callsTo('chat.postMessage').length;
    await h.slack.command('/goals', 'show gezin-a7', { responseUrl: h.fake.responseUrl('g-show'), channel });
    const shown = await h.fake.waitForCall('chat.postMessage', before + 1);
    expect(shown.args.channel).toBe(channel);
    expect(text(shown.args.blocks)).toContain('De kinderen gaan elke dag naar school');

    await h.slack.command('/goals', 'show gezin-Z9', { responseUrl: h.fake.responseUrl('g-missing'), channel });
    expect(text((await h.fake.waitForResponse('g-missing')).body)).toContain('geen casus gezin-Z9');
    // Another channel does not see it.
    await h.slack.command('/goals', 'list', { responseUrl: h.fake.responseUrl('g-other'), channel: 'C0OTHER' });
    expect(text((await h.fake.waitForResponse('g-other')).body)).toContain('nog geen casussen');
  });

  it('refuses an alias that is a client’s name, storing nothing', async () => {
    await h.slack.command('/goals', 'cliënt Jan de Vries', { responseUrl: h.fake.responseUrl('g-name'), channel });
    const r = await h.fake.waitForResponse('g-name');
    expect(text(r.body)).toMatch(/naam van een cliënt.*Er is niets opgeslagen/);
    expect((await goals.channel(SLACK_TEAM, channel).list()).map((c) => c.alias)).toEqual(['gezin-A7']);
  });

  it('asks for the alias in the modal when none is given, and posts the new case on submit', async () => {
    const opens = h.fake.callsTo('views.open').length;
    await h.slack.command('/goals', '', { responseUrl: h.fake.responseUrl('g-modal'), channel });
    const open = await h.fake.waitForCall('views.open', opens + 1);
    const view = open.args.view;
    expect(view.blocks.filter((b: any) => b.type === 'input')[0].block_id).toBe('alias');
    const bad = JSON.parse((await h.slack.interaction(viewSubmission(view, { ...validForm(), alias: 'gezin A7' }))).text);
    expect(bad.errors.alias).toMatch(/zonder spaties/);

    const posts = h.fake.callsTo('chat.postMessage').length;
    const ok = await h.slack.interaction(viewSubmission(view, validForm('gezin-B2')));
    expect(ok.text).toBe('');
    const post = await h.fake.waitForCall('chat.postMessage', posts + 1);
    expect(text(post.args.blocks)).toContain('Samenwerkingsafspraken: gezin-B2');
    expect((await stored(channel, 'gezin-B2'))?.version).toBe(1);
  });

  it('undoes the last edit, and switches the channel to English', async () => {
    const c = goals.channel(SLACK_TEAM, channel);
    const current = (await c.get('gezin-A7'))!;
    await c.submit({ ...validForm(), chair: 'Per ongeluk' }, current.version, 'nl');
    const posts = h.fake.callsTo('chat.postMessage').length;
    await h.slack.command('/goals', 'undo gezin-A7', { responseUrl: h.fake.responseUrl('g-undo'), channel });
    const post = await h.fake.waitForCall('chat.postMessage', posts + 1);
    expect(text(post.args.blocks)).toContain('ongedaan gemaakt');
    expect((await c.get('gezin-A7'))?.content?.meetings.chair).toBe('Casusregisseur wijkteam');

    await h.slack.command('/goals', 'language en', { responseUrl: h.fake.responseUrl('g-lang'), channel });
    expect(text((await h.fake.waitForResponse('g-lang')).body)).toContain('now uses English');
    await h.slack.command('/goals', 'help', { responseUrl: h.fake.responseUrl('g-help'), channel });
    expect(text((await h.fake.waitForResponse('g-help')).body)).toContain('working agreement');
    const more = h.fake.callsTo('chat.postMessage').length;
    await h.slack.command('/goals', 'show gezin-A7', { responseUrl: h.fake.responseUrl('g-en'), channel });
    const en = await h.fake.waitForCall('chat.postMessage', more + 1);
    expect(text(en.args.blocks)).toContain('Working agreement: gezin-A7');
    expect(text(en.args.blocks)).toContain('holds no client identifiers');
  });
});
