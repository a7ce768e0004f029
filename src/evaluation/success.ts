/** Retrieval quality on a question file in the format of shared/eval/dev.jsonl. */
import { readFileSync } from 'node:fs';
import type { Engine } from '../answer/engine.js';
import { toAskJson, type AskJson } from '../answer/ask-json.js';

export interface EvalQuestion {
  id: string;
  lang?: 'nl' | 'en';
  q: string;
  expect_any?: string[];
  expect_abstain?: boolean;
}

export interface EvalReport {
  questions: number;
  successAt: Record<1 | 3 | 5, number>;
  mrr: number;
  abstainCorrect: number;
  abstainTotal: number;
  languageCorrect: number;
  misses: { id: string; q: string; why: string }[];
}

export function readQuestions(file: string): EvalQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion);
}

/** Rank (1-based) of the first citation that contains an expected string, or 0. */
function firstHit(result: AskJson, expect: string[]): number {
  const i = result.citations.findIndex((c) =>
    expect.some((e) => c.studies.some((s) => s.includes(e)) || c.quote.includes(e) || c.location.includes(e)),
  );
  return i + 1;
}

export function evaluate(engine: Engine, questions: EvalQuestion[]): EvalReport {
  const ranks: number[] = [];
  const misses: EvalReport['misses'] = [];
  let abstainCorrect = 0;
  let abstainTotal = 0;
  let languageCorrect = 0;
  for (const item of questions) {
    const result = toAskJson(item.q, engine.answer(item.q));
    if (!item.lang || result.language === item.lang) languageCorrect += 1;
    else misses.push({ id: item.id, q: item.q, why: `answered in ${result.language}, expected ${item.lang}` });
    if (item.expect_abstain) {
      abstainTotal += 1;
      const ok = !result.found && result.citations.length === 0;
      if (ok) abstainCorrect += 1;
      else misses.push({ id: item.id, q: item.q, why: `should decline, cited ${result.citations.map((c) => c.id).join(', ')}` });
      ranks.push(ok ? 1 : 0);
      continue;
    }
    const rank = firstHit(result, item.expect_any ?? []);
    ranks.push(rank);
    if (rank === 0 || rank > 5) {
      misses.push({
        id: item.id,
        q: item.q,
        why: result.found
          ? `no expected match in top 5 (${rank ? `first at ${rank}` : 'none'}); top: ${result.citations.slice(0, 3).map((c) => c.id).join(', ')}`
          : 'declined as out of scope',
      });
    }
  }
  const share = (k: number) => ranks.filter((r) => r >= 1 && r <= k).length / Math.max(1, ranks.length);
  return {
    questions: questions.length,
    successAt: { 1: share(1), 3: share(3), 5: share(5) },
    mrr: ranks.reduce((s, r) => s + (r ? 1 / r : 0), 0) / Math.max(1, ranks.length),
    abstainCorrect,
    abstainTotal,
    languageCorrect,
    misses,
  };
}
