import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import { testEngine } from '../helpers/engine.js';
import { patient } from '../helpers/time.js';
import { startFakeOpenAI, toolCall, content, status, promptText, type FakeOpenAI, type RecordedRequest } from '../helpers/fake-openai.js';
import { Engine } from '../../src/answer/engine.js';
import { MAX_CONTEXT_FINDINGS, createLlmComposer, llmSettings, loadPrompts, verifyAnswer, type LlmSettings } from '../../src/answer/llm/index.js';
import { ReplySchema } from '../../src/shared/reply.js';
import { parseConfig } from '../../src/config.js';

const base = testEngine();
let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.setDefault(() => status(500, 'no scripted response'));
});

function engineWith(overrides: Partial<LlmSettings> = {}): Engine {
  const settings: LlmSettings = { apiKey: 'sk-test', model: 'fake-model', baseUrl: fake.baseUrl, timeoutMs: 10_000, maxRetries: 2, ...overrides };
  return new Engine(base.knowledge, base.index, createLlmComposer(settings));
}

/** How many findings the model was given: the numbered [n] lines in its prompt. */
function findingCount(req: RecordedRequest): number {
  return (promptText(req).match(/^\[\d+\] \(/gm) ?? []).length;
}

const chat = (reqs: RecordedRequest[]) => reqs.filter((r) => r.path.endsWith('/chat/completions'));

const EN_Q = 'What helps with unclear roles?';
const NL_Q = 'Wat helpt bij onduidelijke rollen?';

describe('language-model answers (fake OpenAI-compatible server)', () => {
  it('gives a verified model answer with citations renumbered to only those cited, in the question language', async () => {
    const engine = engineWith();
    fake.script(() =>
      toolCall({
        points: [
          { text: 'Professionals work together better when every party knows what is expected of them.', citations: [3, 1], section: 'helps' },
          { text: 'Agree on roles and responsibilities at every level of the organisation.', citations: [3], section: 'actions' },
        ],
      }),
    );
    const reply = await engine.answerAsync(EN_Q);
    expect(ReplySchema.parse(reply)).toBeTruthy();
    expect(reply.mode).toBe('llm');
    expect(reply.language).toBe('en');
    expect(reply.sections.map((s) => s.kind)).toEqual(['helps', 'actions']);
    expect(reply.sections[0].heading).toBe('What helps');
    // Two findings cited ([1] and [3] of the prompt), renumbered 1..2 in relevance order.
    expect(reply.citations.map((c) => c.n)).toEqual([1, 2]);
    expect(reply.sections[0].points[0].citations).toEqual([1, 2]);
    expect(reply.sections[1].points[0].citations).toEqual([2]);
    // The cited findings are the retrieved ones, with their quotes and studies.
    const extractive = base.answer(EN_Q);
    const retrieved = extractive.citations.map((c) => c.id);
    expect(reply.citations.map((c) => c.id)).toEqual([retrieved[0], retrieved[2]]);
    expect(reply.citations[1].quote).toBe(extractive.citations[2].quote);

    // What the model was asked: the prompt files, the findings numbered, structured output as a tool.
    const [req] = chat(fake.requests);
    expect(req.body.model).toBe('fake-model');
    expect(req.headers.authorization).toBe('Bearer sk-test');
    expect(req.body.tools[0].function.name).toBe('samen_answer');
    const text = promptText(req);
    expect(text).toContain('You answer ONLY from the numbered findings');
    expect(text).toContain('Write in English');
    expect(text).toContain(`Question: ${EN_Q}`);
    expect(findingCount(req)).toBe(Math.min(retrieved.length, MAX_CONTEXT_FINDINGS));
    expect(text).toContain('Dutch quote: "');
    expect(text).toMatch(/Studies: .*\(\d{4}\)/);
    expect(text).toContain('Location: ');
  });

  it('streams each point once it is whole and verified, before the model has finished; the reply is the same as without streaming', async () => {
    const engine = engineWith();
    const answer = {
      points: [
        { text: 'Professionals work together better when every party knows what is expected of them.', citations: [3, 1], section: 'helps' },
        { text: 'An invented claim.', citations: [99], section: 'helps' },
        { text: 'In 97% of cases roles were agreed.', citations: [1], section: 'helps' },
        { text: 'Agree on roles and responsibilities at every level of the organisation.', citations: [3], section: 'actions' },
      ],
    };
    const args = JSON.stringify(answer);
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    // The model sends its first point and the start of the second, then thinks until the test lets it go on.
    fake.script(() => ({ ...toolCall(args), pause: { afterChars: args.indexOf('{"text":"An invented') + 2, until: released } }));
    const streamed: string[] = [];
    const replied = engine.answerAsync(EN_Q, {
      onPoint: (text) => {
        streamed.push(text);
        release();
      },
    });
    const reply = await replied;
    expect(chat(fake.requests)[0].body.stream).toBe(true);
    // The first point came while the model was paused; the invented citation and the invented number never came.
    expect(streamed).toEqual([answer.points[0].text, answer.points[3].text]);
    fake.script(() => toolCall(args));
    expect(reply).toEqual(await engineWith().answerAsync(EN_Q));
    expect(chat(fake.requests)[1].body.stream).not.toBe(true);
  });

  it('answers a Dutch question in Dutch', async () => {
    const engine = engineWith();
    fake.script(() =>
      toolCall({ points: [{ text: 'Het helpt als alle betrokken partijen weten wat er van hen wordt verwacht.', citations: [1], section: 'helps' }] }),
    );
    const reply = await engine.answerAsync(NL_Q);
    expect(reply.mode).toBe('llm');
    expect(reply.language).toBe('nl');
    expect(reply.sections[0].heading).toBe('Wat helpt');
    expect(reply.citations).toHaveLength(1);
    expect(reply.citations[0].text).toBe(reply.citations[0].quote);
    expect(promptText(chat(fake.requests)[0])).toContain('Write in Dutch');
  });

  it('falls back when a Dutch question gets a long English answer', async () => {
    const engine = engineWith();
    fake.script(() =>
      toolCall({
        points: [{ text: 'It helps when all parties involved know what is expected of them and what they can expect from the others in the collaboration.', citations: [1], section: 'helps' }],
      }),
    );
    const reply = await engine.answerAsync(NL_Q);
    expect(reply).toEqual(base.answer(NL_Q));
  });

  it('drops a point that cites a finding that was not retrieved, and keeps the rest', async () => {
    const engine = engineWith();
    fake.script(() =>
      toolCall({
        points: [
          { text: 'Clear roles help.', citations: [2], section: 'helps' },
          { text: 'An invented claim.', citations: [99], section: 'helps' },
          { text: 'Another invented claim with no valid number.', citations: [0, -1], section: 'findings' },
        ],
      }),
    );
    const reply = await engine.answerAsync(EN_Q);
    expect(reply.mode).toBe('llm');
    expect(reply.sections.flatMap((s) => s.points.map((p) => p.text))).toEqual(['Clear roles help.']);
    expect(reply.citations.map((c) => c.n)).toEqual([1]);
    expect(reply.citations[0].id).toBe(base.answer(EN_Q).citations[1].id);
  });

  it('drops a point that adds a number its findings do not contain', async () => {
    const fakeHits = base.searcher.search(EN_Q, 'en', 3).hits;
    const v = verifyAnswer(
      { points: [{ text: 'In 97% of cases clear roles helped.', citations: [1], section: 'helps' }, { text: 'Clear roles help.', citations: [1], section: 'helps' }] },
      fakeHits,
    );
    expect(v.points.map((p) => p.text)).toEqual(['Clear roles help.']);
    expect(v.dropped).toEqual([{ text: 'In 97% of cases clear roles helped.', reason: 'unsupported-number' }]);
  });

  it('falls back to the extractive answer when no point has a citation', async () => {
    const engine = engineWith();
    fake.script(() => toolCall({ points: [{ text: 'Roles matter.', citations: [], section: 'helps' }] }));
    const reply = await engine.answerAsync(EN_Q);
    expect(reply).toEqual(base.answer(EN_Q));
    expect(reply.mode).toBe('extractive');
  });

  it('falls back on malformed JSON and on an answer that is not the structured output', async () => {
    const engine = engineWith();
    fake.script(() => toolCall('{"points": [{"text": "Roles', 'samen_answer'));
    expect(await engine.answerAsync(EN_Q)).toEqual(base.answer(EN_Q));
    fake.script(() => content('Clear roles help [1].'));
    expect(await engine.answerAsync(EN_Q)).toEqual(base.answer(EN_Q));
    fake.script(() => toolCall({ answer: 'wrong shape' }));
    expect(await engine.answerAsync(EN_Q)).toEqual(base.answer(EN_Q));
  });

  it('retries after a rate limit (429) and then gives the model answer', async () => {
    const engine = engineWith();
    fake.script(
      () => status(429, 'Rate limit reached'),
      () => toolCall({ points: [{ text: 'Clear roles help.', citations: [1], section: 'helps' }] }),
    );
    const reply = await engine.answerAsync(EN_Q);
    expect(chat(fake.requests)).toHaveLength(2);
    expect(reply.mode).toBe('llm');
  });

  it('falls back when rate-limited beyond its retries, and on a server error', async () => {
    const engine = engineWith({ maxRetries: 1 });
    fake.setDefault(() => status(429, 'Rate limit reached'));
    expect(await engine.answerAsync(EN_Q)).toEqual(base.answer(EN_Q));
    expect(chat(fake.requests)).toHaveLength(2);
    fake.setDefault(() => status(401, 'Incorrect API key'));
    expect(await engine.answerAsync(EN_Q)).toEqual(base.answer(EN_Q));
    expect(chat(fake.requests)).toHaveLength(3); // a 401 is not retried
  });

  it('falls back within the configured time when the model does not answer', async () => {
    const engine = engineWith({ timeoutMs: 700 });
    fake.setDefault(() => ({ hang: true }));
    const started = Date.now();
    const reply = await engine.answerAsync(EN_Q);
    const elapsed = Date.now() - started;
    expect(reply).toEqual(base.answer(EN_Q));
    expect(elapsed).toBeGreaterThanOrEqual(650);
    // The model's share is bounded by the budget; the rest is local retrieval (slower when tests run in parallel).
    expect(elapsed).toBeLessThan(700 + 2500);
  });

  it('redacts a BSN before the question is sent, and tells the user', async () => {
    const engine = engineWith();
    const question = 'Wat helpt bij onduidelijke rollen rond het gezin met BSN 123456782?';
    fake.script(() => toolCall({ points: [{ text: 'Het helpt als alle partijen weten wat er van hen wordt verwacht.', citations: [1], section: 'helps' }] }));
    const reply = await engine.answerAsync(question);
    const [req] = chat(fake.requests);
    expect(req.raw).not.toContain('123456782');
    expect(promptText(req)).toContain('[bsn]');
    expect(reply.mode).toBe('llm');
    expect(reply.intro[0]).toMatch(/persoonsgegevens.*BSN/);
    expect(JSON.stringify(reply)).not.toContain('123456782');
  });

  it('condenses a follow-up with the earlier turns through the condense prompt (redacted too)', async () => {
    const engine = engineWith();
    fake.script(
      () => content('Wat helpt scholen bij onduidelijke rollen?'),
      () => toolCall({ points: [{ text: 'Het helpt als alle partijen weten wat er van hen wordt verwacht.', citations: [1], section: 'helps' }] }),
    );
    const reply = await engine.answerAsync('en voor scholen?', {
      history: [{ question: 'Wat helpt bij onduidelijke rollen voor cliënt Jan de Vries?', answer: 'Duidelijke rollen helpen.' }],
    });
    const [condense, answer] = chat(fake.requests);
    expect(promptText(condense)).toContain('Stand-alone question');
    expect(promptText(condense)).toContain('Professional: Wat helpt bij onduidelijke rollen voor cliënt [name]?');
    expect(promptText(condense)).not.toContain('Jan de Vries');
    expect(promptText(answer)).toContain('Question: Wat helpt scholen bij onduidelijke rollen?');
    expect(reply.question).toBe('Wat helpt scholen bij onduidelijke rollen?');
    expect(reply.mode).toBe('llm');
    expect(reply.intro[0]).toContain('naam');
  });

  it('falls back to simple combining when condensing fails', async () => {
    const engine = engineWith();
    fake.script(
      () => status(400, 'bad request'),
      () => toolCall({ points: [{ text: 'Het helpt als alle partijen weten wat er van hen wordt verwacht.', citations: [1], section: 'helps' }] }),
    );
    const reply = await engine.answerAsync('en voor scholen?', { history: [{ question: NL_Q }] });
    expect(reply.question).toBe('Wat helpt bij onduidelijke rollen? En voor scholen?');
  });

  it('does not call the model for small talk or out-of-scope questions', async () => {
    const engine = engineWith();
    expect((await engine.answerAsync('hallo')).kind).toBe('help');
    expect((await engine.answerAsync('What is the capital of France?')).kind).toBe('out-of-scope');
    expect(chat(fake.requests)).toHaveLength(0);
  });

  it('without a model, answerAsync is the extractive answer with simple follow-up combining', async () => {
    expect(await base.answerAsync(EN_Q)).toEqual(base.answer(EN_Q));
    expect((await base.answerAsync('en voor scholen?', { history: [{ question: NL_Q }] })).question).toBe(
      'Wat helpt bij onduidelijke rollen? En voor scholen?',
    );
    expect(base.mode).toBe('extractive');
  });
});

describe('settings and prompts', () => {
  it('reads the model settings from the validated configuration; no key means no model', () => {
    expect(llmSettings(parseConfig({}))).toBeUndefined();
    expect(llmSettings(parseConfig({ OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: 'http://localhost:11434/v1', OPENAI_TIMEOUT_MS: '5000' }))).toMatchObject({
      apiKey: 'sk-x',
      model: 'gpt-4o-mini',
      baseUrl: 'http://localhost:11434/v1',
      timeoutMs: 5000,
    });
    expect(() => parseConfig({ OPENAI_BASE_URL: 'ftp://x' })).toThrow(/OPENAI_BASE_URL/);
    expect(() => parseConfig({ OPENAI_TIMEOUT_MS: 'soon' })).toThrow(/OPENAI_TIMEOUT_MS/);
  });

  it('loads versioned prompt files into LangChain templates', () => {
    const p = loadPrompts();
    expect(p.versions).toEqual({ system: 'v1', answer: 'v1', condense: 'v1' });
    expect(p.answer.inputVariables.sort()).toEqual(['findings', 'language_name', 'question']);
    expect(p.condense.inputVariables.sort()).toEqual(['history', 'question']);
  });
});

describe('ask --json in both modes', () => {
  const root = resolve(__dirname, '../..');
  const tsx = join(root, 'node_modules/.bin/tsx');
  // The run's prepared index (tests/helpers/global-setup.ts): neither command builds one.
  const indexDir = inject('preparedIndexDir');
  const run = (env: Record<string, string>) =>
    promisify(execFile)(tsx, ['src/cli/ask.ts', '--json', EN_Q], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, SAMEN_INDEX_DIR: indexDir, OPENAI_API_KEY: '', ...env },
    });

  it('keeps the JSON contract with and without a model', async () => {
    fake.setDefault((req) =>
      toolCall({ points: [{ text: 'Clear roles help professionals work together.', citations: [1, Math.min(2, findingCount(req))], section: 'helps' }] }),
    );
    const extractive = await run({});
    const llm = await run({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseUrl, OPENAI_MODEL: 'fake-model' });
    for (const out of [extractive, llm]) {
      const json = JSON.parse(out.stdout);
      expect(Object.keys(json)).toEqual(['question', 'language', 'found', 'answer', 'citations']);
      expect(json).toMatchObject({ question: EN_Q, language: 'en', found: true });
      expect(Object.keys(json.citations[0])).toEqual(['n', 'id', 'source', 'sourceTitle', 'location', 'studies', 'quote', 'text', 'score']);
    }
    expect(JSON.parse(llm.stdout).answer).toContain('- Clear roles help professionals work together. [1][2]');
    expect(JSON.parse(llm.stdout).citations).toHaveLength(2);
    expect(JSON.parse(extractive.stdout).answer).not.toContain('Clear roles help professionals');
    expect(chat(fake.requests)).toHaveLength(1);
  }, patient(60_000));
});
