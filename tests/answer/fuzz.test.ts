/**
 * Fuzz-style: random and hostile text at the command parsers (/goals, /reflect, /samen)
 * and the question path through the core. Nothing may throw; parsers return a well-formed
 * result, and every reply is a valid reply model.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { QuestionGuard } from '../../src/answer/guard.js';
import { ReplySchema } from '../../src/shared/reply.js';
import { inputFromSlack } from '../../src/channels/slack/text.js';
import { parseGoalsCommand } from '../../src/goals/index.js';
import { parseReflect } from '../../src/reminders/parse.js';
import { coreFor } from '../../src/conversation/core.js';
import { testEngine } from '../helpers/engine.js';

const HOSTILE = [
  '',
  ' ',
  '\u0000',
  '\t\n\r\v\f',
  '\u200b\u200e\u202e\ufeff',
  '<script>alert(1)</script>',
  '"; DROP TABLE cases; --',
  "' OR 1=1 --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a hostile question that looks like a template literal, on purpose
  '${process.exit(1)}',
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '../../../etc/passwd',
  '%00%0a%0d',
  '\\u0000\\x00',
  '*bold* _it_ ~s~ `code` <!channel> <@U123> <#C1|x>',
  '&lt;&gt;&amp;',
  'weekly',
  'weekly maandag',
  'weekly monday 25:99',
  'weekly monday 14:00 Mars/Olympus',
  'weekly monday 14:00 Europe/Amsterdam extra',
  'goals show',
  'show a b c',
  'language xx',
  'help',
  '?',
  'a'.repeat(10_000),
  '😀'.repeat(600),
  'Zalgo Z̷̛̛̙a̵̧̛l̶̨g̷o̵',
  'BSN 111222333 geboren 01-02-2010 jan@example.nl 06-12345678 1234 AB 5',
  'cliënt Jan de Vries',
  'Wat helpt bij onduidelijke rollen?',
  'What helps with unclear roles?',
];

const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(...HOSTILE),
  fc.array(fc.constantFrom(...HOSTILE, 'weekly', 'maandag', '14:00', 'UTC', 'show', 'undo', 'taal', 'nl'), { maxLength: 6 }).map((w) => w.join(' ')),
  fc.tuple(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 50 })).map(([a, b]) => a + b),
);

const GoalsCommandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('help') }).strict(),
  z.object({ kind: z.literal('new'), alias: z.string().min(1).optional() }).strict(),
  z.object({ kind: z.literal('list') }).strict(),
  z.object({ kind: z.enum(['show', 'history', 'undo']), alias: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('language'), language: z.enum(['nl', 'en']).optional() }).strict(),
]);

const ReflectCommandSchema = z.union([
  z
    .object({
      kind: z.literal('weekly'),
      rule: z.object({
        weekday: z.number().int().min(1).max(7),
        hour: z.number().int().min(0).max(23),
        minute: z.number().int().min(0).max(59),
        zone: z.string().min(1),
      }),
    })
    .strict(),
  z.object({ kind: z.enum(['list', 'pause', 'resume', 'stop', 'now', 'help']) }).strict(),
  z
    .object({
      kind: z.literal('error'),
      error: z.object({
        code: z.enum(['missing-day', 'unknown-day', 'missing-time', 'bad-time', 'unknown-zone', 'too-many', 'unknown-subcommand']),
        value: z.string().optional(),
      }),
    })
    .strict(),
]);

const InputSchema = z.union([
  z.object({ kind: z.literal('help') }).strict(),
  z.object({ kind: z.enum(['goals', 'reflect']), args: z.string() }).strict(),
  z.object({ kind: z.literal('question'), question: z.string().min(1) }).strict(),
]);

describe('fuzz: command parsers', () => {
  it('/goals: never throws, always a well-formed command', () => {
    fc.assert(
      fc.property(fc.option(text, { nil: undefined }), (t) => {
        expect(GoalsCommandSchema.safeParse(parseGoalsCommand(t)).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('/reflect: never throws, always a command or an error value', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('Europe/Amsterdam', 'UTC', 'America/New_York'), (t, zone) => {
        const parsed = parseReflect(t, zone);
        expect(ReflectCommandSchema.safeParse(parsed).success).toBe(true);
        if (parsed.kind === 'weekly') expect(parsed.rule.zone).toBeTruthy();
      }),
      { numRuns: 200 },
    );
  });

  it('/reflect: names of Object.prototype are neither days nor subcommands (found by this fuzz test)', () => {
    expect(parseReflect('constructor')).toEqual({ kind: 'error', error: { code: 'unknown-subcommand', value: 'constructor' } });
    expect(parseReflect('toString')).toMatchObject({ kind: 'error' });
    expect(parseReflect('weekly constructor 14:00')).toEqual({ kind: 'error', error: { code: 'unknown-day', value: 'constructor' } });
    expect(parseReflect('weekly __proto__ 14:00')).toMatchObject({ kind: 'error', error: { code: 'unknown-day' } });
  });

  it('/samen and every typed line: never throws, always help, a command or a non-empty question', () => {
    fc.assert(
      fc.property(fc.option(text, { nil: undefined }), (t) => {
        expect(InputSchema.safeParse(inputFromSlack(t)).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('fuzz: the question path', () => {
  const engine = testEngine();
  // Generous limits: this fuzzes the answer path; the guard's limits have their own tests.
  const core = coreFor(engine, 'nl', new QuestionGuard({ perUser: { limit: 1_000, windowMs: 1_000 } }));

  it('never throws; every reply is a valid reply model', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom(undefined, 'nl' as const, 'en' as const), fc.constantFrom(undefined, 'U1', 'U2'), async (q, language, userId) => {
        const reply = await core.answer(q, { ...(language ? { language } : {}), ...(userId ? { userId, channelId: 'C1' } : {}) });
        const parsed = ReplySchema.safeParse(reply);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        // The engine's own answer path too, without the guard.
        if (q.length <= 1000) expect(ReplySchema.safeParse(engine.answer(q, language ? { language } : {})).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
