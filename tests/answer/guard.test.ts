import { describe, expect, it } from 'vitest';
import { QuestionGuard, withWarning } from '../../src/answer/guard.js';
import { MemoryState } from '../../src/conversation/memory-state.js';
import { ReplySchema, type Reply } from '../../src/shared/reply.js';
import { coreFor } from '../../src/conversation/core.js';
import { testEngine } from '../helpers/engine.js';

const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('QuestionGuard', () => {
  it('refuses a question over the maximum length with a notice in its language naming the limit', async () => {
    const guard = new QuestionGuard({ maxChars: 20 });
    expect(await guard.check('x'.repeat(20), 'en')).toEqual({ kind: 'pass' });
    const nl = await guard.check('x'.repeat(21), 'nl');
    expect(nl.kind).toBe('refuse');
    if (nl.kind !== 'refuse') return;
    expect(ReplySchema.parse(nl.reply)).toEqual(nl.reply);
    expect(nl.reply).toMatchObject({ kind: 'notice', language: 'nl', question: '' });
    expect(nl.reply.intro[0]).toContain('hoogstens 20 tekens');
    const en = await guard.check('y'.repeat(30), 'en');
    expect(en.kind === 'refuse' && en.reply.intro[0]).toContain('at most 20 characters');
  });

  it('counts characters, not UTF-16 units', async () => {
    expect((await new QuestionGuard({ maxChars: 3 }).check('😀😀😀', 'en')).kind).toBe('pass');
  });

  it('limits each user in a sliding window, with a friendly notice saying how long to wait', async () => {
    const c = clock();
    const guard = new QuestionGuard({ perUser: { limit: 3, windowMs: 60_000 }, now: c.now });
    for (let i = 0; i < 3; i += 1) {
      expect((await guard.check('vraag', 'nl', { userId: 'u1' })).kind).toBe('pass');
      c.advance(10_000);
    }
    const refused = await guard.check('vraag', 'nl', { userId: 'u1' });
    expect(refused.kind).toBe('refuse');
    if (refused.kind === 'refuse') {
      expect(refused.reply.kind).toBe('notice');
      // The first question (at t=0) leaves the window at t=60 s; it is now t=30 s.
      expect(refused.reply.intro[0]).toContain('30 seconden');
    }
    // Another user is not affected.
    expect((await guard.check('vraag', 'nl', { userId: 'u2' })).kind).toBe('pass');
    // Sliding: once the first question is a minute old, one more is allowed, not three.
    c.advance(30_000);
    expect((await guard.check('vraag', 'nl', { userId: 'u1' })).kind).toBe('pass');
    expect((await guard.check('vraag', 'nl', { userId: 'u1' })).kind).toBe('refuse');
  });

  it('limits each channel across its users', async () => {
    const c = clock();
    const guard = new QuestionGuard({ perChannel: { limit: 2, windowMs: 60_000 }, now: c.now });
    expect((await guard.check('q', 'en', { userId: 'a', channelId: 'C1' })).kind).toBe('pass');
    expect((await guard.check('q', 'en', { userId: 'b', channelId: 'C1' })).kind).toBe('pass');
    const refused = await guard.check('q', 'en', { userId: 'c', channelId: 'C1' });
    expect(refused.kind === 'refuse' && refused.reply.intro[0]).toMatch(/asked here .* wait about 60 seconds/);
    expect((await guard.check('q', 'en', { userId: 'c', channelId: 'C2' })).kind).toBe('pass');
    c.advance(60_000);
    expect((await guard.check('q', 'en', { userId: 'c', channelId: 'C1' })).kind).toBe('pass');
  });

  it('counts per tenant: the same user and channel ids in another tenant or platform have their own limits', async () => {
    const guard = new QuestionGuard({ perUser: { limit: 1, windowMs: 60_000 } });
    const acme = { platform: 'slack' as const, tenantId: 'T0ACME' };
    expect((await guard.check('q', 'en', { userId: 'U1', channelId: 'C1', tenant: acme })).kind).toBe('pass');
    expect((await guard.check('q', 'en', { userId: 'U1', channelId: 'C1', tenant: acme })).kind).toBe('refuse');
    expect((await guard.check('q', 'en', { userId: 'U1', channelId: 'C1', tenant: { ...acme, tenantId: 'T0OTHER' } })).kind).toBe('pass');
    expect((await guard.check('q', 'en', { userId: 'U1', channelId: 'C1', tenant: { ...acme, platform: 'teams' } })).kind).toBe('pass');
  });

  it('counts its hits in the state it is given (the server: the shared database)', async () => {
    const state = new MemoryState();
    const limits = { perUser: { limit: 2, windowMs: 60_000 }, state };
    const [a, b] = [new QuestionGuard(limits), new QuestionGuard(limits)];
    expect((await a.check('q', 'en', { userId: 'U1' })).kind).toBe('pass');
    expect((await b.check('q', 'en', { userId: 'U1' })).kind).toBe('pass');
    expect((await a.check('q', 'en', { userId: 'U1' })).kind).toBe('refuse');
  });

  it('does not rate-limit questions without ids (help texts, the CLI)', async () => {
    const guard = new QuestionGuard({ perUser: { limit: 1, windowMs: 60_000 }, perChannel: { limit: 1, windowMs: 60_000 } });
    for (let i = 0; i < 5; i += 1) expect((await guard.check('help', 'en')).kind).toBe('pass');
  });

  it('warns about personal data without repeating it', async () => {
    const guard = new QuestionGuard();
    const verdict = await guard.check('Wat helpt bij cliënt Jan de Vries, geboren 12-03-2015, bel 06-12345678?', 'nl');
    expect(verdict.kind).toBe('pass');
    if (verdict.kind !== 'pass') return;
    expect(verdict.warning).toContain('Zet geen cliëntgegevens in je vragen');
    expect(verdict.warning).toContain('telefoonnummer');
    expect(verdict.warning).not.toContain('06-12345678');
    expect(verdict.warning).not.toContain('Vries');
    expect(await guard.check('What helps with unclear roles?', 'en')).toEqual({ kind: 'pass' });
  });

  it('withWarning puts the warning first in the intro', () => {
    const reply = ReplySchema.parse({ kind: 'answer', language: 'en', question: 'q', title: 't', intro: ['a'] }) as Reply;
    expect(withWarning(reply, 'w').intro).toEqual(['w', 'a']);
    expect(withWarning(reply, undefined)).toBe(reply);
  });
});

describe('the core with the guard', () => {
  const engine = testEngine();

  it('answers a question with personal data as usual, warning first', async () => {
    const core = coreFor(engine, 'nl');
    const plain = await core.answer('Wat helpt bij onduidelijke rollen?');
    const warned = await core.answer('Wat helpt bij onduidelijke rollen? Mail jan@example.nl');
    expect(warned.kind).toBe('answer');
    expect(warned.intro[0]).toContain('een e-mailadres');
    expect(warned.citations.length).toBeGreaterThan(0);
    expect(plain.intro.join(' ')).not.toContain('cliëntgegevens');
    expect(ReplySchema.safeParse(warned).success).toBe(true);
  });

  it('never repeats detected personal data: title, question and follow-ups hold the redacted question', async () => {
    const core = coreFor(engine, 'nl');
    const secrets = ['Fatima', 'Amrani', '123456782', '12345678'];
    const asked = 'Moeder Fatima El Amrani (BSN 123456782, tel 06-12345678) werkt niet mee. Wat helpt bij onduidelijke rollen?';
    const reply = await core.answer(asked);
    expect(reply.kind).toBe('answer');
    expect(reply.intro[0]).toContain('Zet geen cliëntgegevens in je vragen');
    expect(reply.title).toBe('Wat de reviews zeggen over: Moeder [name] (BSN [bsn], tel [phone]) werkt niet mee. Wat helpt bij onduidelijke rollen?');
    for (const secret of secrets) expect(JSON.stringify(reply)).not.toContain(secret);
    // "More findings" asks the reply's (redacted) question again: the same findings, and nothing left to warn about.
    const more = await core.answer(reply.question, { all: true });
    expect(more.kind).toBe('answer');
    expect(more.citations.map((c) => c.id)).toEqual(expect.arrayContaining(reply.citations.map((c) => c.id)));
    // Out of scope and small talk: no heading repeats the question, and their question is redacted too.
    for (const other of ['Wat is de hoofdstad van Frankrijk, vraagt Fatima El Amrani (06-12345678)?', 'hallo, ik ben Jan de Vries']) {
      const r = await core.answer(other);
      expect(r.kind).not.toBe('answer');
      for (const secret of [...secrets, 'Vries']) expect(JSON.stringify(r)).not.toContain(secret);
    }
  });

  it('refuses too long and too many questions with a notice', async () => {
    const core = coreFor(engine, 'en', new QuestionGuard({ perUser: { limit: 1, windowMs: 60_000 } }));
    expect((await core.answer('What helps? '.repeat(200))).kind).toBe('notice');
    expect((await core.answer('What helps with unclear roles?', { userId: 'U1', channelId: 'C1' })).kind).toBe('answer');
    expect((await core.answer('What helps with unclear roles?', { userId: 'U1', channelId: 'C1' })).kind).toBe('notice');
  });
});
