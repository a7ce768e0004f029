/**
 * Slack with a language model configured: the real Bolt app on the real server, a fake
 * Slack and a fake OpenAI-compatible server. A thread follow-up is condensed by the model
 * with the thread's earlier question, and the posted answer is the model's, with valid citations.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../src/answer/engine.js';
import { createLlmComposer } from '../../../src/answer/llm/index.js';
import { testEngine } from '../../helpers/engine.js';
import { content, promptText, startFakeOpenAI, status, toolCall, type FakeOpenAI, type RecordedRequest, isAnswerRequest as isAnswer } from '../../helpers/fake-openai.js';
import { slackMessageProblem } from '../../../src/support/fake-slack.js';
import { startHarness, type Harness } from '../../helpers/slack-harness.js';
import { eventCallback, feedbackButton, mentionEvent, messageEvent } from '../../helpers/slack-requests.js';

let fake: FakeOpenAI;
let h: Harness;

const MODEL_POINT = 'Het helpt als alle partijen weten wat er van hen wordt verwacht.';
const CONDENSED = 'Wat helpt scholen bij onduidelijke rollen?';
const chat = (reqs: RecordedRequest[]) => reqs.filter((r) => r.path.endsWith('/chat/completions'));

beforeAll(async () => {
  fake = await startFakeOpenAI();
  const base = testEngine();
  const llm = createLlmComposer({ apiKey: 'sk-test', model: 'fake-model', baseUrl: fake.baseUrl, timeoutMs: 10_000, maxRetries: 0 });
  h = await startHarness(new Engine(base.knowledge, base.index, llm));
}, 60_000);
afterAll(async () => {
  await h?.close();
  await fake?.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  // The structured answer for answer requests, the stand-alone question for condense requests.
  fake.setDefault((req) => (isAnswer(req) ? toolCall({ points: [{ text: MODEL_POINT, citations: [1, 2], section: 'helps' }] }) : content(CONDENSED)));
});

const postsIn = (channel: string) => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
/** A model-written answer in a thread is streamed, then put in place whole (streaming.test.ts): the final chat.update. */
const answersIn = (channel: string) => h.fake.callsTo('chat.update').filter((c) => c.args.channel === channel);

describe('Slack with a language model', () => {
  it('condenses a thread follow-up with the earlier question and posts the model answer with valid citations', async () => {
    const first = mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0LLM' });
    await h.slack.event(eventCallback(first));
    const firstAnswer = await h.fake.waitFor(() => answersIn('C0LLM')[0], 15_000);
    expect(JSON.stringify(firstAnswer.args.blocks)).toContain(MODEL_POINT);
    // The first question has no history: no condense request.
    expect(chat(fake.requests).filter((r) => !isAnswer(r))).toHaveLength(0);

    const followUp = messageEvent('en voor scholen?', { channel: 'C0LLM', threadTs: first.ts });
    expect((await h.slack.event(eventCallback(followUp))).status).toBe(200);
    const answer = await h.fake.waitFor(() => answersIn('C0LLM')[1], 15_000);
    expect(h.fake.streams.get(answer.args.ts)?.thread_ts).toBe(first.ts);

    // The fake model got the condense request with the thread's earlier question, then the condensed question.
    const condense = chat(fake.requests).filter((r) => !isAnswer(r));
    expect(condense).toHaveLength(1);
    expect(promptText(condense[0])).toContain('Professional: Wat helpt bij onduidelijke rollen?');
    expect(promptText(condense[0])).toContain('en voor scholen?');
    const answerRequests = chat(fake.requests).filter(isAnswer);
    expect(promptText(answerRequests.at(-1)!)).toContain(`Question: ${CONDENSED}`);

    // The posted Block Kit answer: the model's text, citations [1][2] that each have a source, the AI note.
    expect(slackMessageProblem(answer.args)).toBeUndefined();
    const blocks = answer.args.blocks as any[];
    const all = JSON.stringify(blocks);
    expect(blocks[0].text.text).toContain(CONDENSED);
    expect(all).toContain(MODEL_POINT);
    expect(all).toContain('[1][2]');
    const sources = blocks.filter((b) => /^\*\[\d+\]\*/.test(b.text?.text ?? '')).map((b) => Number(/^\*\[(\d+)\]\*/.exec(b.text.text)![1]));
    expect(sources).toEqual([1, 2]);
    const feedback = feedbackButton(blocks, 'helpful');
    expect(JSON.parse(feedback.value).ids).toHaveLength(2);
    expect(all).toContain('Door AI geschreven');
  });

  it('posts the extractive answer when the model returns garbage', async () => {
    fake.setDefault(() => content('this is not the structured answer {'));
    const ev = mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0GARBAGE' });
    await h.slack.event(eventCallback(ev));
    const answer = await h.fake.waitFor(() => postsIn('C0GARBAGE')[0], 15_000);
    const all = JSON.stringify(answer.args.blocks);
    expect(chat(fake.requests).length).toBeGreaterThan(0);
    expect(all).not.toContain(MODEL_POINT);
    expect(all).not.toContain('Door AI geschreven');
    expect(all).toContain('*Bronnen*');
    expect(all).toMatch(/\[1\]/);
  });

  it('posts the extractive answer when the model server fails', async () => {
    fake.setDefault(() => status(500, 'boom'));
    const ev = mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0DOWN' });
    await h.slack.event(eventCallback(ev));
    const answer = await h.fake.waitFor(() => postsIn('C0DOWN')[0], 15_000);
    expect(JSON.stringify(answer.args.blocks)).toContain('*Bronnen*');
    expect(JSON.stringify(answer.args.blocks)).not.toContain('Door AI geschreven');
  });
});
