import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../../../src/answer/engine.js';
import { coreFor } from '../../../../../src/conversation/core.js';
import { FAKE_TEAM, slackMessageProblem } from '../../../../../src/support/fake-slack.js';
import { BOT_TOKEN, startHarness, type Harness } from '../../../../helpers/slack-harness.js';
import { allButtons, eventCallback, feedbackButton, mentionEvent, messageEvent } from '../../../../helpers/slack-requests.js';

let engine: Engine;
let h: Harness;

beforeAll(async () => {
  engine = createEngine();
  h = await startHarness(engine);
});
afterAll(() => h?.close());

const core = () => coreFor(engine, 'nl');

describe('app_mention', () => {
  it('answers in the thread of the mention, with numbered points, sources and feedback buttons', async () => {
    const question = 'Wat helpt bij onduidelijke rollen?';
    const ev = mentionEvent(question, { channel: 'C0MENTION' });
    const sent = await h.slack.event(eventCallback(ev));
    expect(sent.status).toBe(200);

    const call = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0MENTION'));
    expect(call.token).toBe(BOT_TOKEN);
    expect(call.args.thread_ts).toBe(ev.ts);
    expect(call.response.ok).toBe(true);
    expect(slackMessageProblem(call.args)).toBeUndefined();
    // The blocks arrived as a JSON string in a form field, as Slack's client sends them.
    expect(typeof call.raw.blocks).toBe('string');

    const expected = await core().answer(question);
    expect(expected.kind).toBe('answer');
    const blocks = call.args.blocks as any[];
    const all = JSON.stringify(blocks);
    expect(blocks[0]).toMatchObject({ type: 'header' });
    expect(blocks[0].text.text).toContain('onduidelijke rollen');
    // Every point is there with its citation numbers, and every citation in the sources.
    for (const s of expected.sections) {
      expect(all).toContain(s.heading);
      for (const p of s.points) expect(all).toContain(p.citations.map((n) => `[${n}]`).join(''));
    }
    expect(all).toContain('*Bronnen*');
    for (const c of expected.citations) expect(all).toContain(`*[${c.n}]*`);
    // Slack's feedback buttons carry the cited finding ids and their rating, nothing else.
    const helpful = feedbackButton(blocks, 'helpful');
    expect(JSON.parse(helpful.value)).toEqual({ ids: expected.citations.map((c) => c.id), l: 'nl', r: 'helpful' });
    expect(JSON.parse(feedbackButton(blocks, 'not_helpful').value).r).toBe('not_helpful');
    // Follow-up suggestions are buttons that ask them.
    for (const q of expected.followUps) expect(allButtons(blocks).some((b) => b.value === q)).toBe(true);
    // A plain-text fallback for notifications.
    expect(call.args.text).toContain(expected.title);
    expect(call.args.unfurl_links).toBe('false');
  });

  it('says the reviews do not cover an out-of-scope question, citing nothing', async () => {
    const ev = mentionEvent('How do I bake sourdough bread?', { channel: 'C0OOS' });
    await h.slack.event(eventCallback(ev));
    const call = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0OOS'));
    const all = JSON.stringify(call.args.blocks);
    expect(call.args.thread_ts).toBe(ev.ts);
    expect(all).toContain('The reviews do not cover this');
    expect(all).not.toContain('Sources');
    expect(all).not.toMatch(/\[\d+\]/);
    expect(feedbackButton(call.args.blocks, 'helpful')).toBeUndefined();
  });

  it('answers a bare mention with the help text and the commands', async () => {
    const ev = { ...mentionEvent('', { channel: 'C0BARE' }), text: `<@${FAKE_TEAM.user_id}>` };
    await h.slack.event(eventCallback(ev));
    const call = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0BARE'));
    const all = JSON.stringify(call.args.blocks);
    expect(all).toContain('/samen');
    expect(all).toContain('/goals');
  });

  it('acknowledges at once, before the answer is made and posted', async () => {
    h.fake.latencyMs = 1500; // a slow Slack Web API
    try {
      const ev = mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0ACKFIRST' });
      const sent = await h.slack.event(eventCallback(ev));
      expect(sent.status).toBe(200);
      expect(sent.text).toBe('');
      expect(sent.ms).toBeLessThan(1000);
      expect(h.fake.callsTo('chat.postMessage').some((c) => c.args.channel === 'C0ACKFIRST')).toBe(false);
      const answer = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0ACKFIRST'));
      expect(answer.response.ok).toBe(true);
    } finally {
      h.fake.latencyMs = 0;
    }
  });

  it('answers an event Slack retries only once', async () => {
    const ev = mentionEvent('Hoe bouw je wederzijds vertrouwen op?', { channel: 'C0RETRY' });
    const body = eventCallback(ev, { eventId: 'Ev0RETRY1' });
    const first = await h.slack.event(body);
    const retry1 = await h.slack.event(body, { retryNum: 1 });
    const retry2 = await h.slack.event(body, { retryNum: 2 });
    // Every delivery is acknowledged, so Slack stops retrying.
    expect([first.status, retry1.status, retry2.status]).toEqual([200, 200, 200]);
    await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0RETRY'));
    await h.fake.settle(400);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0RETRY')).toHaveLength(1);
  });

  it('answers a mention once though Slack also sends it as a channel message', async () => {
    const mention = mentionEvent('Wat belemmert de informatie-uitwisseling?', { channel: 'C0TWICE' });
    // Make the thread known first, so the message listener would otherwise consider it.
    await h.slack.event(eventCallback(mention));
    await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0TWICE'));
    const inThread = mentionEvent('en voor scholen?', { channel: 'C0TWICE', threadTs: mention.ts });
    const asMessage = { ...messageEvent(inThread.text, { channel: 'C0TWICE', threadTs: mention.ts }), ts: inThread.ts };
    await Promise.all([h.slack.event(eventCallback(asMessage)), h.slack.event(eventCallback(inThread))]);
    await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0TWICE').length >= 2);
    await h.fake.settle(400);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0TWICE')).toHaveLength(2);
  });
});
