/**
 * The scope stage: does a question ask something the reviews answer? From the query analysis's
 * counts of the question's content words: field words (the curated vocabulary), general words
 * (occurring in the reviews) and unknown words.
 */
import { RETRIEVAL } from './tuning.js';

export interface ScopeSignals {
  content: number;
  domain: number;
  general: number;
  unknown: number;
  /** Field words about working together, not only about who or where. */
  topic: number;
  /** The question names working together itself. */
  subject: boolean;
  /** The question names something the reviews say nothing about (a reporting code, a dose). */
  notCovered: boolean;
  fieldShare: number;
  /** Names the reviews never use (a place, a product, an instrument). */
  unknownNames: number;
  /** Cue words (what helps, hinders, …), names of a review, weighted search terms. */
  intents: number;
  named: number;
  weighted: number;
}

export function decideScope(s: ScopeSignals): boolean {
  // A question only about who or where ("parental leave in the Netherlands") asks nothing the
  // reviews answer, unless it asks what helps, hinders, works, or names a review. A question about
  // something the reviews do not cover is theirs only when it also asks about working together.
  const about = (s.topic > 0 || s.intents > 0 || s.named > 0) && (!s.notCovered || s.subject);
  // A question about something the reviews never name ("Utrecht's budget", "Zorgdomein", "EMDR") asks what
  // they cannot say, unless it also asks about working together itself.
  if (s.unknownNames > 0 && !s.subject) return false;
  if (s.content === 0) return s.intents > 0 && s.weighted > 0;
  const share = s.subject ? RETRIEVAL.subjectFieldShare : RETRIEVAL.minFieldShare;
  // Every word occurring in the reviews also counts: a question entirely in their words is theirs.
  return about && ((s.domain > 0 && s.fieldShare >= share) || (s.unknown === 0 && s.general >= 2));
}
