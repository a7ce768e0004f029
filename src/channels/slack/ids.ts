/**
 * Action ids, callback ids and the small values Samen's buttons carry. Values come back
 * from Slack with the click; they are parsed defensively (old messages, edited payloads).
 * No value holds a user's name; a question travels only where the reply needs it again
 * (sharing an ephemeral answer, which Slack does not send back with the click).
 */
import { z } from 'zod';
import { LanguageSchema, type Language } from '../../shared/reply.js';

export const ACTIONS = {
  /** Ask the question in the button's value (follow-ups, home-tab examples). Suffixed :n. */
  ask: 'samen_ask',
  share: 'samen_share',
  /** Slack's own feedback buttons (👍 / 👎) under an answer; the value carries the rating. */
  feedback: 'samen_feedback',
  /** The plain buttons of answers posted before the native ones: still answered. */
  feedbackHelpful: 'samen_feedback_helpful',
  feedbackNotHelpful: 'samen_feedback_not_helpful',
  /** Open the full quote of a citation. Suffixed :n. */
  showQuote: 'samen_show_quote',
  /** Answer the question in the button's value with every relevant finding ("More findings"). */
  more: 'samen_more',
  /** Open the "ask a question" modal (home tab). */
  openAsk: 'samen_open_ask',
} as const;

export const VIEWS = {
  ask: 'samen_ask_modal',
  quote: 'samen_quote_modal',
} as const;

export const ASK_INPUT = { block: 'question', action: 'question_input' } as const;

/** Matches an action id with or without its :n suffix. */
export function actionPattern(id: string): RegExp {
  return new RegExp(`^${id}(:\\d+)?$`);
}

/** Slack's limit on a button value. */
export const MAX_VALUE = 2000;

const ShareValue = z.object({ q: z.string().min(1), l: LanguageSchema });
const QuoteValue = z.object({ id: z.string().min(1), l: LanguageSchema });
const FeedbackValue = z.object({ ids: z.array(z.string()), l: LanguageSchema, r: z.enum(['helpful', 'not_helpful']).optional() });

function parse<T>(schema: z.ZodType<T>, value: string | undefined): T | undefined {
  if (!value) return undefined;
  try {
    const r = schema.safeParse(JSON.parse(value));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** Undefined when the value would be longer than Slack allows (the button is then left out). */
export function shareValue(question: string, language: Language): string | undefined {
  const v = JSON.stringify({ q: question, l: language });
  return v.length <= MAX_VALUE ? v : undefined;
}
export const parseShareValue = (v: string | undefined) => parse(ShareValue, v);

export function quoteValue(findingId: string, language: Language): string | undefined {
  const v = JSON.stringify({ id: findingId, l: language });
  return v.length <= MAX_VALUE ? v : undefined;
}
export const parseQuoteValue = (v: string | undefined) => parse(QuoteValue, v);

/** The cited finding ids (as many as fit), the reply's language and the rating the button gives. */
export function feedbackValue(findingIds: string[], language: Language, rating: 'helpful' | 'not_helpful'): string {
  const ids = [...findingIds];
  let v = JSON.stringify({ ids, l: language, r: rating });
  while (v.length > MAX_VALUE && ids.length > 0) {
    ids.pop();
    v = JSON.stringify({ ids, l: language, r: rating });
  }
  return v;
}
export const parseFeedbackValue = (v: string | undefined) => parse(FeedbackValue, v);
