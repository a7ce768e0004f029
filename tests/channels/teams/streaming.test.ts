/**
 * Progress and streaming in Teams with a language model: the real server and CloudAdapter, a
 * fake Bot Connector that holds streams to Teams' rules, and a fake OpenAI-compatible server
 * the test holds back. A personal chat gets the informative update before the model answers,
 * the verified points streamed while the model still writes, then the final message with its
 * citations and AI label closing the stream; a channel gets a typing indicator, then the
 * final message. The model goes on only when the test has seen what the user would see.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { Engine } from '../../../src/answer/engine.js';
import { createLlmComposer } from '../../../src/answer/llm/index.js';
import { parseConfig } from '../../../src/config.js';
import { coreFor } from '../../../src/conversation/core.js';
import { startServer, type RunningServer } from '../../../src/server/index.js';
import { testEngine } from '../../helpers/engine.js';
import { content, startFakeOpenAI, toolCall, type FakeOpenAI, isAnswerRequest as isAnswer, latch } from '../../helpers/fake-openai.js';
import { FakeConnector, type Recorded } from '../../../src/support/fake-connector.js';
import { messageActivity, post } from '../../../src/support/teams-activities.js';

let fake: FakeOpenAI;
let connector: FakeConnector;
let server: RunningServer;
let endpoint: string;

const FIRST = 'Professionals work together better when every party knows what is expected of them.';
const SECOND = 'Agree on roles and responsibilities at every level of the organisation.';
const ANSWER = {
  points: [
    { text: FIRST, citations: [1, 2], section: 'helps' },
    { text: SECOND, citations: [2], section: 'actions' },
  ],
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const streamInfo = (r: Recorded): any => (r.activity.entities ?? []).find((e: { type: string }) => e.type === 'streaminfo');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const messageEntity = (r: Recorded): any => (r.activity.entities ?? []).find((e: { type: string }) => e.type === 'https://schema.org/Message');

beforeAll(async () => {
  fake = await startFakeOpenAI();
  connector = await FakeConnector.start();
  const base = testEngine();
  const llm = createLlmComposer({ apiKey: 'sk-test', model: 'fake-model', baseUrl: fake.baseUrl, timeoutMs: 20_000, maxRetries: 0 });
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SAMEN_LANGUAGE: 'nl' });
  server = await startServer(config, {
    core: coreFor(new Engine(base.knowledge, base.index, llm), config.SAMEN_LANGUAGE),
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  endpoint = `${server.url}/api/messages`;
}, 60_000);
afterAll(async () => {
  await server?.close();
  await connector?.close();
  await fake?.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.setDefault((req) => (isAnswer(req) ? toolCall(ANSWER) : content('What helps with unclear roles?')));
});

describe('Teams: a model-written answer on its way', { timeout: 60_000 }, () => {
  it('a personal chat: the informative update before the model answers, the points streamed while it writes, then the final message with citations and the AI label', async () => {
    const informativeSeen = latch();
    const firstPointSeen = latch();
    const args = JSON.stringify(ANSWER);
    fake.script((req) =>
      isAnswer(req)
        ? { ...toolCall(args), gate: informativeSeen.promise, pause: { afterChars: args.indexOf('{"text":"Agree') + 2, until: firstPointSeen.promise } }
        : content('unexpected'),
    );
    const activity = messageActivity({ serviceUrl: connector.serviceUrl, scope: 'personal', text: 'What helps with unclear roles?', id: 'stream-personal-1' });
    expect((await post(endpoint, activity)).status).toBe(200);
    const mine = (r: Recorded) => r.activityId === activity.id;

    const informative = await connector.waitFor((r) => mine(r) && streamInfo(r)?.streamType === 'informative', 20_000);
    expect(informative.activity.type).toBe('typing');
    expect(informative.activity.text).toBe('Looking it up in the reviews…');
    expect(streamInfo(informative)).toEqual({ type: 'streaminfo', streamType: 'informative', streamSequence: 1 });
    const streamId = informative.id;
    informativeSeen.open();

    const first = await connector.waitFor((r) => mine(r) && streamInfo(r)?.streamType === 'streaming', 20_000);
    expect(first.activity.type).toBe('typing');
    expect(streamInfo(first)).toMatchObject({ streamId, streamSequence: 2 });
    expect(first.activity.text).toContain(FIRST);
    expect(first.activity.text).not.toContain(SECOND);
    expect(first.activity.text).not.toMatch(/\[\d\]/);
    firstPointSeen.open();

    const final = await connector.waitFor((r) => mine(r) && streamInfo(r)?.streamType === 'final', 20_000);
    expect(final.activity.type).toBe('message');
    expect(streamInfo(final)).toEqual({ type: 'streaminfo', streamType: 'final', streamId });
    expect(final.activity.text).toContain(FIRST);
    expect(final.activity.text).toMatch(/\[1\]\[2\]/);
    expect(messageEntity(final).additionalType).toEqual(['AIGeneratedContent']);
    expect(messageEntity(final).citation.map((c: { position: number }) => c.position)).toEqual([1, 2]);
    expect(final.activity.channelData).toMatchObject({ feedbackLoopEnabled: true });
    // Teams' rules held (sequence, text so far, one final), and nothing was posted besides the stream.
    expect(connector.refused).toEqual([]);
    expect(connector.recorded.filter(mine).every((r) => streamInfo(r))).toBe(true);
  });

  it('a channel: a typing indicator before the model answers, then the final message (channels do not stream)', async () => {
    const typingSeen = latch();
    fake.script((req) => (isAnswer(req) ? { ...toolCall(ANSWER), gate: typingSeen.promise } : content('unexpected')));
    const activity = messageActivity({
      serviceUrl: connector.serviceUrl,
      scope: 'channel',
      mention: true,
      text: 'What helps with unclear roles?',
      threadId: '1700000000901',
      id: 'stream-channel-1',
    });
    expect((await post(endpoint, activity)).status).toBe(200);
    const mine = (r: Recorded) => r.activityId === activity.id;
    const typing = await connector.waitFor((r) => mine(r) && r.activity.type === 'typing', 20_000);
    expect(streamInfo(typing)).toBeUndefined();
    typingSeen.open();
    const answer = await connector.waitFor((r) => mine(r) && r.activity.type === 'message', 20_000);
    expect(streamInfo(answer)).toBeUndefined();
    expect(answer.activity.text).toMatch(/\[1\]\[2\]/);
    expect(messageEntity(answer).additionalType).toEqual(['AIGeneratedContent']);
    expect(connector.recorded.filter(mine)).toHaveLength(2);
  });
});
