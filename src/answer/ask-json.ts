/**
 * The stable JSON contract of `ask --json`: other tools depend on it, and the evaluation
 * (src/evaluation) scores answers in this form, as the product owner's judge.mjs does.
 */
import { redact } from '../privacy/personal-data.js';
import { renderText } from './plain-text.js';
import { isFound, type Reply } from '../shared/reply.js';

export interface AskJson {
  question: string;
  language: 'nl' | 'en';
  found: boolean;
  answer: string;
  citations: { n: number; id: string; source: string; sourceTitle: string; location: string; studies: string[]; quote: string; text: string; score: number }[];
}

/** question: as asked, with detected personal data replaced by placeholders (it is never repeated). */
export function toAskJson(question: string, reply: Reply): AskJson {
  return {
    question: redact(question),
    language: reply.language,
    found: isFound(reply),
    answer: renderText(reply),
    citations: reply.citations.map(({ n, id, source, sourceTitle, location, studies, quote, text, score }) => ({
      n, id, source, sourceTitle, location, studies, quote, text, score,
    })),
  };
}
