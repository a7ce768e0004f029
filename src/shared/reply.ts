/**
 * The one platform-neutral reply model. The core produces it; each channel only renders
 * it (Slack Block Kit, Teams cards, terminal, web). It holds no channel-specific detail.
 */
import { z } from 'zod';

export const LanguageSchema = z.enum(['nl', 'en']);
export type Language = z.infer<typeof LanguageSchema>;

export const CitationSchema = z.object({
  /** Number shown in the text as [n]; 1-based, in reading order (the first cited point first). */
  n: z.number().int().positive(),
  /** The finding's stable id. */
  id: z.string(),
  source: z.string(),
  /** Short title of the review, in the reply's language. */
  sourceTitle: z.string(),
  location: z.string(),
  studies: z.array(z.string()),
  /** The verbatim Dutch passage. */
  quote: z.string(),
  /** The finding in the reply's language (the English rendering, or the Dutch quote). */
  text: z.string(),
  score: z.number(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const PointSchema = z.object({
  text: z.string().min(1),
  /** Citation numbers supporting this point. */
  citations: z.array(z.number().int().positive()).min(1),
});
export type Point = z.infer<typeof PointSchema>;

export const SectionSchema = z.object({
  /**
   * What the section is about, so renderers may style it: the short answer first (summary), then
   * helps, hinders, actions, findings.
   */
  kind: z.enum(['summary', 'helps', 'hinders', 'actions', 'findings']),
  heading: z.string(),
  points: z.array(PointSchema).min(1),
});
export type Section = z.infer<typeof SectionSchema>;

export const ReplySchema = z.object({
  /** answer: cited findings; out-of-scope: the reviews do not cover it; help: usage text; notice: a short message (errors, limits). */
  kind: z.enum(['answer', 'out-of-scope', 'help', 'notice']),
  language: LanguageSchema,
  /** The question the reply answers, as understood (after follow-up condensing). */
  question: z.string(),
  title: z.string(),
  /** Plain sentences before the sections (e.g. the out-of-scope explanation, help text). */
  intro: z.array(z.string()).default([]),
  sections: z.array(SectionSchema).default([]),
  citations: z.array(CitationSchema).default([]),
  followUps: z.array(z.string()).default([]),
  /**
   * How many further relevant findings were left out to keep the answer short: the channels offer
   * them one action away ("More findings"), which asks the same question with `all`.
   */
  more: z.number().int().nonnegative().optional(),
  /** How the answer was written: extractive (no model) or a language model's, verified. */
  mode: z.enum(['extractive', 'llm']).default('extractive'),
});
export type Reply = z.infer<typeof ReplySchema>;

/** True when the reply cites findings (what the `found` field of `ask --json` reports). */
export function isFound(reply: Reply): boolean {
  return reply.kind === 'answer' && reply.citations.length > 0;
}
