/**
 * Teams with a language model configured: the real server and CloudAdapter, a fake Bot
 * Connector and a fake OpenAI-compatible server. The model's answer is posted with Teams' AI
 * label; a BSN in the question never reaches the model; garbage from the model gives the
 * extractive answer (no AI label); a follow-up is read with the conversation's earlier turn.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { Engine } from '../../../src/answer/engine.js';
import { createLlmComposer } from '../../../src/answer/llm/index.js';
import { parseConfig } from '../../../src/config.js';
import { coreFor, type CoreAskOptions } from '../../../src/conversation/core.js';
import { startServer, type RunningServer } from '../../../src/server/index.js';
import { testEngine } from '../../helpers/engine.js';
import { content, promptText, startFakeOpenAI, toolCall, type FakeOpenAI, type RecordedRequest, isAnswerRequest as isAnswer } from '../../helpers/fake-openai.js';
import { FakeConnector, type Recorded } from '../../../src/support/fake-connector.js';
import { CHANNEL, USER, messageActivity, post } from '../../../src/support/teams-activities.js';

let fake: FakeOpenAI;
let connector: FakeConnector;
let server: RunningServer;
let endpoint: string;
/** What the bot passed to the core besides the question. */
const asked: Array<CoreAskOptions | undefined> = [];

const MODEL_POINT = 'Professionals work together better when every party knows what is expected of them.';
const chat = (reqs: RecordedRequest[]) => reqs.filter((r) => r.path.endsWith('/chat/completions'));

beforeAll(async () => {
  fake = await startFakeOpenAI();
  connector = await FakeConnector.start();
  const base = testEngine();
  const llm = createLlmComposer({ apiKey: 'sk-test', model: 'fake-model', baseUrl: fake.baseUrl, timeoutMs: 10_000, maxRetries: 0 });
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SAMEN_LANGUAGE: 'nl' });
  const core = coreFor(new Engine(base.knowledge, base.index, llm), config.SAMEN_LANGUAGE);
  server = await startServer(config, {
    core: {
      ...core,
      // The channels ask through the conversation layer, which asks the core's respond.
      respond: (q, options) => {
        asked.push(options);
        return core.respond(q, options);
      },
    },
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
  fake.setDefault((req) =>
    isAnswer(req)
      ? toolCall({ points: [{ text: MODEL_POINT, citations: [1, 2], section: 'helps' }] })
      : content('What helps schools with unclear roles?'),
  );
});

async function ask(activity: Record<string, unknown>): Promise<Recorded> {
  const res = await post(endpoint, activity);
  expect(res.status).toBe(200);
  // A model-written answer is preceded by a typing indicator (streaming.test.ts): the answer is the message.
  return connector.waitFor((r) => r.activityId === activity.id && r.activity.type === 'message', 15_000);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const messageEntity = (activity: any) => (activity.entities ?? []).find((e: any) => e.type === 'https://schema.org/Message');

const inChannel = (text: string, threadId: string) =>
  messageActivity({ serviceUrl: connector.serviceUrl, scope: 'channel', mention: true, text, threadId, id: `${threadId}-${Math.random()}` });

describe('Teams with a language model', () => {
  it("posts the model's answer with the AI label; a BSN in the question never reaches the model", async () => {
    const reply = await ask(inChannel('What helps with unclear roles around the family with BSN 123456782?', '1700000000101'));
    const text: string = reply.activity.text;
    expect(text).toContain(MODEL_POINT);
    expect(text).toMatch(/\[1\]\[2\]/);
    const entity = messageEntity(reply.activity);
    expect(entity.additionalType).toEqual(['AIGeneratedContent']);
    expect(entity.citation.map((c: { position: number }) => c.position)).toEqual([1, 2]);
    // The user is told personal data was left out; the number is nowhere in what the model got.
    expect(text).toContain('BSN');
    expect(text).not.toContain('123456782');
    expect(chat(fake.requests).length).toBeGreaterThan(0);
    for (const r of fake.requests) expect(r.raw).not.toContain('123456782');
    expect(promptText(chat(fake.requests)[0])).toContain('[bsn]');
    // The guard's rate limits get the user and the conversation.
    expect(asked.at(-1)).toMatchObject({ userId: USER.aadObjectId, channelId: CHANNEL });
  });

  it('reads a follow-up in the same reply chain with the earlier question', async () => {
    await ask(inChannel('What helps with unclear roles?', '1700000000102'));
    fake.requests.length = 0;
    const reply = await ask(inChannel('and in schools?', '1700000000102'));
    const condense = chat(fake.requests).filter((r) => !isAnswer(r));
    expect(condense).toHaveLength(1);
    expect(promptText(condense[0])).toContain('Professional: What helps with unclear roles?');
    expect(promptText(chat(fake.requests).filter(isAnswer)[0])).toContain('Question: What helps schools with unclear roles?');
    expect(reply.activity.text).toContain(MODEL_POINT);

    // Another reply chain has its own history: no condensing.
    fake.requests.length = 0;
    await ask(inChannel('What helps with unclear roles?', '1700000000103'));
    expect(chat(fake.requests).filter((r) => !isAnswer(r))).toHaveLength(0);
  });

  it('gives the extractive answer, without the AI label, when the model returns garbage', async () => {
    fake.setDefault(() => content('{"points": "nonsense'));
    const reply = await ask(inChannel('What helps with unclear roles?', '1700000000104'));
    expect(chat(fake.requests).length).toBeGreaterThan(0);
    const text: string = reply.activity.text;
    expect(text).not.toContain(MODEL_POINT);
    expect(text).toMatch(/^- .+ \[1\]/m);
    const entity = messageEntity(reply.activity);
    expect(entity.additionalType).toBeUndefined();
    expect(entity.citation.length).toBeGreaterThan(0);
  });
});
