/**
 * The one ask flow (src/conversation/ask.ts): each outcome, the turns it reads and remembers,
 * with the real core and guard where the outcome depends on them, a fake core where it does not.
 */
import { describe, expect, it } from 'vitest';
import { QuestionGuard } from '../../src/answer/guard.js';
import type { Reply } from '../../src/shared/reply.js';
import { ask, type AskDeps, type AskProgress } from '../../src/conversation/ask.js';
import { plainText } from '../../src/conversation/markup.js';
import { MemoryState } from '../../src/conversation/memory-state.js';
import { texts } from '../../src/conversation/texts/index.js';
import { coreFor, type Core } from '../../src/conversation/core.js';
import { WorkQueue } from '../../src/conversation/work-queue.js';
import type { Tenant } from '../../src/storage/tenant.js';
import { testEngine } from '../helpers/engine.js';

const scope: Tenant = { platform: 'slack', tenantId: 'T1' };
const reply = (kind: Reply['kind'], question = 'q'): Reply => ({
  kind,
  language: 'en',
  question,
  title: 't',
  intro: [],
  sections: kind === 'answer' ? [{ kind: 'helps', heading: 'h', points: [{ text: 'A point.', citations: [1] }] }] : [],
  citations: [],
  followUps: [],
  mode: 'extractive',
});

/** A core that answers with the given reply and records what it was asked. */
function fakeCore(answer: (question: string) => Reply | Promise<Reply>) {
  const asked: Array<{ question: string; history?: unknown }> = [];
  const core: Pick<Core, 'respond'> = {
    respond: async (question, options = {}) => {
      asked.push({ question, history: options.history });
      return { kind: 'answered', reply: await answer(question) };
    },
  };
  return { core, asked };
}

const depsWith = (core: Pick<Core, 'respond'>, extra: Partial<AskDeps> = {}): AskDeps => ({ core, state: new MemoryState(), language: 'nl', ...extra });

describe('ask', () => {
  it('answer: the reply, and the turn remembered in the conversation for the next question', async () => {
    const { core, asked } = fakeCore((q) => reply('answer', q));
    const deps = depsWith(core);
    const first = await ask(deps, { question: 'What helps?', scope, conversation: 'C1:1' });
    expect(first).toMatchObject({ kind: 'answer', reply: { kind: 'answer', question: 'What helps?' } });
    expect(await deps.state.turns(scope, 'C1:1')).toEqual([{ question: 'What helps?', answer: 'A point.' }]);
    await ask(deps, { question: 'And for schools?', scope, conversation: 'C1:1' });
    expect(asked[1].history).toEqual([{ question: 'What helps?', answer: 'A point.' }]);
    // Another conversation, or another tenant, starts afresh.
    await ask(deps, { question: 'What hinders?', scope: { platform: 'teams', tenantId: 'T1' }, conversation: 'C1:1' });
    expect(asked[2].history).toBeUndefined();
  });

  it('a question that stands alone is not read with the earlier turns, but is remembered', async () => {
    const { core, asked } = fakeCore((q) => reply('answer', q));
    const deps = depsWith(core);
    await ask(deps, { question: 'What helps?', scope, conversation: 'C' });
    await ask(deps, { question: 'What hinders trust?', scope, conversation: 'C', followUp: false });
    expect(asked[1].history).toBeUndefined();
    expect(await deps.state.turns(scope, 'C')).toHaveLength(2);
  });

  it('declined: a question the reviews do not cover, remembered too (Samen answered in the thread)', async () => {
    const { core } = fakeCore((q) => reply('out-of-scope', q));
    const deps = depsWith(core);
    const outcome = await ask(deps, { question: 'How do I bake bread?', scope, conversation: 'C' });
    expect(outcome).toMatchObject({ kind: 'declined', reply: { kind: 'out-of-scope' } });
    expect(await deps.state.turns(scope, 'C')).toEqual([{ question: 'How do I bake bread?' }]);
  });

  it('a greeting is answered with the help reply and not remembered', async () => {
    const { core } = fakeCore((q) => reply('help', q));
    const deps = depsWith(core);
    expect(await ask(deps, { question: 'hi', scope, conversation: 'C' })).toMatchObject({ kind: 'answer', reply: { kind: 'help' } });
    expect(await deps.state.turns(scope, 'C')).toBeUndefined();
  });

  it('busy: the work queue is full; nothing is asked or remembered; the catalog says so in the language', async () => {
    const { core, asked } = fakeCore((q) => reply('answer', q));
    const queue = new WorkQueue({ concurrency: 1, maxQueued: 0 });
    let release!: () => void;
    const blocker = queue.run(() => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 20));
    const deps = depsWith(core, { scheduler: queue });
    const outcome = await ask(deps, { question: 'What helps?', scope, conversation: 'C', language: 'en' });
    expect(outcome).toEqual({ kind: 'busy', language: 'en', notice: texts('en').busy });
    expect(plainText(texts('nl').busy)).toMatch(/druk/);
    expect(asked).toEqual([]);
    expect(await deps.state.turns(scope, 'C')).toBeUndefined();
    release();
    await blocker;
    // The queue has room again: the same question is answered.
    expect((await ask(deps, { question: 'What helps?', scope })).kind).toBe('answer');
  });

  it('failed: the core threw; the error is carried for the channel, with the catalog text in the channel language', async () => {
    const boom = new Error('model and fallback both down');
    const deps = depsWith({ respond: () => Promise.reject(boom) });
    const outcome = await ask(deps, { question: 'What helps?', scope, conversation: 'C' });
    expect(outcome).toEqual({ kind: 'failed', language: 'nl', notice: texts('nl').failed, error: boom });
    expect(await deps.state.turns(scope, 'C')).toBeUndefined();
  });

  it('with the real core: answers, reads a follow-up with the earlier question, and is limited by the guard', async () => {
    const core = coreFor(testEngine(), 'nl', new QuestionGuard({ maxChars: 80, perUser: { limit: 3, windowMs: 60_000 } }));
    const deps = depsWith(core);
    const ids = { scope, userId: 'U1', channelId: 'C1', conversation: 'C1:1' };
    const first = await ask(deps, { ...ids, question: 'Wat belemmert de informatie-uitwisseling tussen hulpverleners?' });
    expect(first.kind).toBe('answer');
    const followUp = await ask(deps, { ...ids, question: 'en wat helpt?' });
    expect(followUp.kind === 'answer' && followUp.reply.question).toMatch(/informatie-uitwisseling/);

    // Too long: the guard's notice, in the question's language; nothing remembered.
    const long = await ask(deps, { ...ids, question: `Wat helpt ${'echt '.repeat(20)}bij onduidelijke rollen?` });
    expect(long).toMatchObject({ kind: 'limited', reply: { kind: 'notice', language: 'nl' } });
    expect(long.kind === 'limited' && long.reply.intro[0]).toMatch(/hoogstens 80 tekens/);
    // Too many from one user (three a minute): the next one is limited.
    await ask(deps, { ...ids, question: 'Hoe bouw je vertrouwen op?' });
    const limited = await ask(deps, { ...ids, question: 'Wat helpt bij onduidelijke rollen?' });
    expect(limited).toMatchObject({ kind: 'limited', reply: { kind: 'notice' } });
    expect(limited.kind === 'limited' && limited.reply.intro[0]).toMatch(/Wacht ongeveer \d+ seconden/);
    expect((await deps.state.turns(scope, 'C1:1'))?.map((t) => t.question)).toEqual([
      'Wat belemmert de informatie-uitwisseling tussen hulpverleners?',
      'en wat helpt?',
      'Hoe bouw je vertrouwen op?',
    ]);
  });

  it('progress: a model-written answer tells "writing" at once in the question\'s language, then each point the core hands on, then the outcome; an extractive one tells nothing', async () => {
    const heard: AskProgress[] = [];
    const model: Pick<Core, 'respond' | 'mode'> = {
      mode: 'llm',
      respond: async (question, options = {}) => {
        // "writing" came before the core was even asked.
        expect(heard).toEqual([{ kind: 'writing', language: 'en' }]);
        options.onPoint?.('First point.');
        options.onPoint?.('Second point.');
        return { kind: 'answered', reply: { ...reply('answer', question), mode: 'llm' } };
      },
    };
    const outcome = await ask(depsWith(model), { question: 'What helps with unclear roles?', scope }, (p) => heard.push(p));
    expect(heard).toEqual([
      { kind: 'writing', language: 'en' },
      { kind: 'point', text: 'First point.' },
      { kind: 'point', text: 'Second point.' },
    ]);
    expect(outcome.kind).toBe('answer');

    // The same core without a model: the channel is told nothing and posts the answer at once.
    heard.length = 0;
    let handedOn: unknown;
    const extractive: Pick<Core, 'respond' | 'mode'> = {
      mode: 'extractive',
      respond: async (question, options = {}) => {
        handedOn = options.onPoint;
        return { kind: 'answered', reply: reply('answer', question) };
      },
    };
    await ask(depsWith(extractive), { question: 'What helps?', scope }, (p) => heard.push(p));
    expect(heard).toEqual([]);
    expect(handedOn).toBeUndefined();
  });

  it('progress with the real core and no model: nothing is told', async () => {
    const heard: AskProgress[] = [];
    const core = coreFor(testEngine(), 'nl', new QuestionGuard());
    const outcome = await ask(depsWith(core), { question: 'Wat helpt bij onduidelijke rollen?', scope }, (p) => heard.push(p));
    expect(outcome.kind).toBe('answer');
    expect(core.mode).toBe('extractive');
    expect(heard).toEqual([]);
  });
});
