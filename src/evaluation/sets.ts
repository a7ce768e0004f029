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
