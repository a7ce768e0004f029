/**
 * The question sets `npm run eval` scores and `npm run fit` fits on, and the judge both use.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KNOWLEDGE_DIR } from '../knowledge/load.js';
import { PassageJudge } from './judged.js';

/** Judged sets: the product owner's public one, then ours, each written blind by a helper who saw only the two reviews. */
export const JUDGED_SETS = [
  resolve('../shared/eval/judged-dev.jsonl'),
  resolve('tests/eval/judged-blind.jsonl'),
  resolve('tests/eval/judged-blind-2.jsonl'),
  resolve('tests/eval/judged-blind-3.jsonl'),
  resolve('tests/eval/judged-blind-4.jsonl'),
];

/** The older success@k sets; a floor applies to the public dev set and our own, the held-out ones are reported only. */
export const SUCCESS_SETS = [
  { file: resolve('../shared/eval/dev.jsonl'), floor: true },
  { file: resolve('tests/eval/questions.jsonl'), floor: true },
  // Written from the two reviews by someone who saw neither the code nor the other sets.
  { file: resolve('tests/eval/heldout.jsonl'), floor: false },
  { file: resolve('tests/eval/heldout-2.jsonl'), floor: false },
  { file: resolve('tests/eval/heldout-3.jsonl'), floor: false },
];

/**
 * Floors on the judged sets. The answers issue (#17) sets the targets for the public judged set;
 * until they are reached CI enforces the best figures reached so far (a ratchet: raise, never lower).
 */
export type JudgedFloor = Partial<Record<'essentialAt5' | 'essentialAt1' | 'precisionAt5', number>> & {
  maxCitations?: number;
  /** Out-of-scope questions that must be declined, and in-scope ones that may be. */
  minDeclined?: number;
  maxInScopeDeclined?: number;
};
export const JUDGED_FLOORS: Record<string, JudgedFloor> = {
  // Landed main before #17: e@5 0.576, e@1 0.477, p@5 0.482, 11.2 citations, 5/8 declined, 1 in-scope declined.
  // The factor map (2026-12-06) raised e@1 0.705 → 0.750 and p@5 0.589 → 0.620 (and all three on the own
  // blind set) for e@5 0.769 → 0.761: one essential passage fewer in the first five (two questions lost one, one gained one).
  // The setting-only prior (2026-12-06): e@5 0.761 → 0.777, e@1 0.750 → 0.773, p@5 0.620 → 0.622.
  // Constants fitted on the four judged sets (npm run fit, 2026-12-07): e@5 0.777 → 0.799, p@5 0.622 → 0.692, e@1 0.773;
  // the second fit (theme coherence 1.5 → 2): e@5 0.807, p@5 0.700 (the target).
  // The latent semantic model (a fifth retriever): e@5 0.852, p@5 0.703; the constants fitted again with it (npm run
  // fit, 7 December): e@5 0.864, e@1 0.818, p@5 0.738. Every target of #17 is now met; the floors keep what is reached.
  // A negated cue searched by the words of what gets in the way ("wat werkt niet?"), and the stubs of English
  // contractions ("doesn") no longer search terms: e@5 0.871, p@5 0.733 (one answer lost a match on "doesn't" in an ask).
  'judged-dev.jsonl': { essentialAt5: 0.871, essentialAt1: 0.818, precisionAt5: 0.733, maxCitations: 6, minDeclined: 8, maxInScopeDeclined: 0 },
};
/** success@5 on the older sets with a floor: kept as a secondary check (it rewards long answers). */
export const FLOOR_SUCCESS_AT_5 = 0.95;

/** The same-passage rule of the public scorer: a citation within 300 characters of a judged passage counts. */
export const NEAR = 300;

/** A judge over the reviews' own texts: `near` 0 is the strict rule. */
export function passageJudge(near: number): PassageJudge {
  const dir = join(KNOWLEDGE_DIR, 'sources');
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  return new PassageJudge(texts, near);
}
