import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../../../src/answer/engine.js';
import { createStore, migrate, openDatabase, type Database, type Store } from '../../../../../src/storage/index.js';
import { FAKE_TEAM } from '../../../../../src/support/fake-slack.js';
import { startHarness, type Harness } from '../../../../helpers/slack-harness.js';
import { blockAction, eventCallback, feedbackButton, mentionEvent } from '../../../../helpers/slack-requests.js';

let engine: Engine;
let h: Harness;
let db: Database;
let store: Store;
const dir = mkdtempSync(join(tmpdir(), 'samen-slack-feedback-'));

beforeAll(async () => {
  engine = createEngine();
  db = await openDatabase({ dataDir: dir });
  await migrate(db);
  store = await createStore(db);
  h = await startHarness(engine, { store });
});
afterAll(async () => {
  await h?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const QUESTION = 'Wat belemmert de informatie-uitwisseling tussen hulpverleners?';

async function answerInChannel(channel: string) {
  const ev = mentionEvent(QUESTION, { channel, user: 'U0FEEDBACKER' });
  await h.slack.event(eventCallback(ev));
  return h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === channel));
}

describe('feedback buttons', () => {
  it('stores a click with the cited finding ids and a hashed user, and thanks the user privately', async () => {
    const answer = await answerInChannel('C0FEEDBACK');
    const helpful = feedbackButton(answer.args.blocks, 'helpful');
    const { ids } = JSON.parse(helpful.value) as { ids: string[] };
    expect(ids.length).toBeGreaterThan(0);

    const click = await h.slack.interaction(
      blockAction(helpful, {
        responseUrl: h.fake.responseUrl('fb-1'),
        channel: 'C0FEEDBACK',
        user: 'U0FEEDBACKER',
        messageTs: String(answer.response.ts),
        threadTs: answer.args.thread_ts,
      }),
    );
    expect(click.status).toBe(200);
    const thanks = await h.fake.waitForResponse('fb-1');
    expect(thanks.body.response_type).toBe('ephemeral');
    expect(thanks.body.replace_original).toBe(false);
    expect(thanks.body.text).toMatch(/opgeslagen/);

    const summary = await store.tenant({ platform: 'slack', tenantId: FAKE_TEAM.team_id }).feedback.summary();
    expect(summary.helpful).toBe(1);
    expect(summary.notHelpful).toBe(0);
    expect(summary.byFinding.map((f) => f.findingId).sort()).toEqual([...ids].sort());

    // Not helpful, too.
    const notHelpful = feedbackButton(answer.args.blocks, 'not_helpful');
    await h.slack.interaction(
      blockAction(notHelpful, { responseUrl: h.fake.responseUrl('fb-2'), channel: 'C0FEEDBACK', messageTs: String(answer.response.ts) }),
    );
    await h.fake.waitForResponse('fb-2');
    expect((await store.tenant({ platform: 'slack', tenantId: FAKE_TEAM.team_id }).feedback.summary()).notHelpful).toBe(1);

    // Nothing stored holds the question, a name or the raw user id.
    const rows = await db.query('SELECT * FROM feedback');
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain('U0FEEDBACKER');
    expect(stored).not.toContain('asker');
    expect(stored).not.toContain('informatie-uitwisseling');
    // Another tenant sees none of it.
    expect((await store.tenant({ platform: 'slack', tenantId: 'T0OTHER' }).feedback.summary()).helpful).toBe(0);
  });

  it('tells the user when the feedback could not be stored', async () => {
    const answer = await answerInChannel('C0FBFAIL');
    const helpful = feedbackButton(answer.args.blocks, 'helpful');
    const payload = blockAction(helpful, {
      responseUrl: h.fake.responseUrl('fb-fail'),
      channel: 'C0FBFAIL',
      messageTs: String(answer.response.ts),
    });
    // A value that is not Samen's (an old or tampered message) is not stored.
    payload.actions[0].value = 'not json';
    await h.slack.interaction(payload);
    const r = await h.fake.waitForResponse('fb-fail');
    expect(r.body.text).toMatch(/niet worden opgeslagen/);
  });

  it('still stores a click on the plain buttons of answers posted before Slack’s own feedback buttons', async () => {
    const answer = await answerInChannel('C0FBOLD');
    const { ids } = JSON.parse(feedbackButton(answer.args.blocks, 'helpful').value) as { ids: string[] };
    const before = (await store.tenant({ platform: 'slack', tenantId: FAKE_TEAM.team_id }).feedback.summary()).notHelpful;
    const old = { action_id: 'samen_feedback_not_helpful', value: JSON.stringify({ ids, l: 'nl' }) };
    await h.slack.interaction(blockAction(old, { responseUrl: h.fake.responseUrl('fb-old'), channel: 'C0FBOLD', messageTs: String(answer.response.ts) }));
    expect((await h.fake.waitForResponse('fb-old')).body.text).toMatch(/opgeslagen/);
    expect((await store.tenant({ platform: 'slack', tenantId: FAKE_TEAM.team_id }).feedback.summary()).notHelpful).toBe(before + 1);
  });
});

