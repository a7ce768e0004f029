/**
 * Progress and streaming in Slack with a language model: the real server and Bolt app, a fake
 * Slack that streams as Slack does, and a fake OpenAI-compatible server the test holds back.
 * A mention shows the thread's status before the model has answered, streams each verified
 * point while the model is still writing, and ends as the whole answer (markers, sources,
 * Slack's feedback buttons) in the streamed message. A direct message and /samen show a
 * "looking it up…" message that the answer replaces. Nothing here waits on a clock: the model
 * goes on only when the test has seen what the user would see.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../src/answer/engine.js';
import { createLlmComposer } from '../../../src/answer/llm/index.js';
import { slackMessageProblem } from '../../../src/support/fake-slack.js';
import { testEngine } from '../../helpers/engine.js';
import { content, startFakeOpenAI, toolCall, type FakeOpenAI, isAnswerRequest as isAnswer, latch } from '../../helpers/fake-openai.js';
import { startHarness, type Harness } from '../../helpers/slack-harness.js';
import { blockAction, eventCallback, feedbackButton, mentionEvent, messageEvent } from '../../helpers/slack-requests.js';

let fake: FakeOpenAI;
let h: Harness;

const FIRST = 'Het helpt als alle partijen weten wat er van hen wordt verwacht.';
const SECOND = 'Maak op elk niveau van de organisatie afspraken over taken en verantwoordelijkheden.';
const ANSWER = {
  points: [
    { text: FIRST, citations: [1, 2], section: 'helps' },
    { text: SECOND, citations: [2], section: 'actions' },
  ],
};

beforeAll(async () => {
  fake = await startFakeOpenAI();
  const base = testEngine();
  const llm = createLlmComposer({ apiKey: 'sk-test', model: 'fake-model', baseUrl: fake.baseUrl, timeoutMs: 20_000, maxRetries: 0 });
  h = await startHarness(new Engine(base.knowledge, base.index, llm));
}, 60_000);
afterAll(async () => {
  await h?.close();
  await fake?.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.setDefault((req) => (isAnswer(req) ? toolCall(ANSWER) : content('Wat helpt bij onduidelijke rollen?')));
});

describe('Slack: a model-written answer on its way', { timeout: 60_000 }, () => {
  it('a mention: the thread status before the model answers, each verified point streamed while it writes, then the whole answer in that message', async () => {
    const statusSeen = latch();
    const firstPointSeen = latch();
    const args = JSON.stringify(ANSWER);
    // The model answers only once the status shows, and stops after its first point until the test saw it streamed.
    fake.script((req) =>
      isAnswer(req)
        ? { ...toolCall(args), gate: statusSeen.promise, pause: { afterChars: args.indexOf('{"text":"Maak') + 2, until: firstPointSeen.promise } }
        : content('unexpected'),
    );
    const ev = mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0STREAM', user: 'U0ASKER' });
    expect((await h.slack.event(eventCallback(ev))).status).toBe(200);

    const status = await h.fake.waitForCall('assistant.threads.setStatus', 1, 20_000);
    expect(status.args).toMatchObject({ channel_id: 'C0STREAM', thread_ts: ev.ts, status: 'denkt na…' });
    statusSeen.open();

    // The first point streams into the thread while the model still holds the second.
    const start = await h.fake.waitForCall('chat.startStream', 1, 20_000);
    expect(start.response.ok).toBe(true);
    expect(start.args).toMatchObject({ channel: 'C0STREAM', thread_ts: ev.ts, recipient_user_id: 'U0ASKER', recipient_team_id: 'T0FAKE' });
    const ts = String(start.response.ts);
    expect(h.fake.streams.get(ts)?.text).toContain(FIRST);
    expect(h.fake.streams.get(ts)?.text).not.toContain(SECOND);
    // Markers come only with the verified whole answer.
    expect(h.fake.streams.get(ts)?.text).not.toMatch(/\[\d\]/);
    expect(h.fake.callsTo('chat.update')).toHaveLength(0);
    firstPointSeen.open();

    // The stream stops, then the same message becomes the whole answer.
    const update = await h.fake.waitForCall('chat.update', 1, 20_000);
    expect(update.response.ok).toBe(true);
    expect(update.args.ts).toBe(ts);
    expect(h.fake.streams.get(ts)).toMatchObject({ state: 'stopped' });
    expect(h.fake.streams.get(ts)?.text).toContain(SECOND);
    expect(h.fake.callsTo('chat.appendStream').length).toBeGreaterThan(0);
    expect(slackMessageProblem(update.args)).toBeUndefined();
    const blocks = update.args.blocks as any[];
    const all = JSON.stringify(blocks);
    expect(all).toContain(FIRST);
    expect(all).toContain('[1][2]');
    expect(all).toContain('*Bronnen*');
    expect(all).toContain('Door AI geschreven');
    expect(JSON.parse(feedbackButton(blocks, 'helpful').value).ids).toHaveLength(2);
    // One answer: nothing else was posted in the channel.
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0STREAM')).toHaveLength(0);
  });

  it('a direct message: a "looking it up…" message at once, replaced by the answer', async () => {
    const placeholderSeen = latch();
    fake.script((req) => (isAnswer(req) ? { ...toolCall(ANSWER), gate: placeholderSeen.promise } : content('unexpected')));
    const ev = messageEvent('Wat helpt bij onduidelijke rollen?', { channel: 'D0STREAM', channelType: 'im' });
    await h.slack.event(eventCallback(ev));
    const placeholder = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'D0STREAM'), 20_000);
    expect(placeholder.args.text).toBe('Even opzoeken in de reviews…');
    placeholderSeen.open();
    const update = await h.fake.waitFor(() => h.fake.callsTo('chat.update').find((c) => c.args.channel === 'D0STREAM'), 20_000);
    expect(update.args.ts).toBe(placeholder.response.ts);
    expect(JSON.stringify(update.args.blocks)).toContain('[1][2]');
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D0STREAM')).toHaveLength(1);
  });

  it('/samen: a "looking it up…" message for the user alone, replaced by the answer', async () => {
    const placeholderSeen = latch();
    fake.script((req) => (isAnswer(req) ? { ...toolCall(ANSWER), gate: placeholderSeen.promise } : content('unexpected')));
    const res = await h.slack.command('/samen', 'Wat helpt bij onduidelijke rollen?', { responseUrl: h.fake.responseUrl('stream1'), channel: 'C0CMD' });
    expect(res.status).toBe(200);
    const placeholder = await h.fake.waitForResponse('stream1', 1, 20_000);
    expect(placeholder.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'Even opzoeken in de reviews…' });
    placeholderSeen.open();
    const answer = await h.fake.waitForResponse('stream1', 2, 20_000);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(JSON.stringify(answer.body.blocks)).toContain('[1][2]');
  });

  it('a follow-up button under an answer: a "looking it up…" message in the thread, replaced by the answer', async () => {
    const placeholderSeen = latch();
    fake.script((req) => (isAnswer(req) ? { ...toolCall(ANSWER), gate: placeholderSeen.promise } : content('unexpected')));
    const button = { action_id: 'samen_ask:0', type: 'button', text: { type: 'plain_text', text: 'Wat helpt bij onduidelijke rollen?' }, value: 'Wat helpt bij onduidelijke rollen?' };
    const res = await h.slack.interaction(
      blockAction(button, { responseUrl: h.fake.responseUrl('button1'), channel: 'C0BUTTON', messageTs: '1700000000.000300', threadTs: '1700000000.000100' }),
    );
    expect(res.status).toBe(200);
    const placeholder = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0BUTTON'), 20_000);
    expect(placeholder.args).toMatchObject({ thread_ts: '1700000000.000100', text: 'Even opzoeken in de reviews…' });
    placeholderSeen.open();
    const update = await h.fake.waitFor(() => h.fake.callsTo('chat.update').find((c) => c.args.channel === 'C0BUTTON'), 20_000);
    expect(update.args.ts).toBe(placeholder.response.ts);
    expect(JSON.stringify(update.args.blocks)).toContain('[1][2]');
    // One message in the thread: the placeholder became the answer.
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0BUTTON')).toHaveLength(1);
  });
});
