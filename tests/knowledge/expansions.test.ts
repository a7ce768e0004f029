import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadKnowledge } from '../../src/knowledge/load.js';

const k = loadKnowledge();
const words = (t: string) => t.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
/**
 * An ask copies a question when it shares a run of this many words in a row with it (shorter runs
 * are common chat phrases: "wat doet dat met de samenwerking"), or most of its words.
 */
const COPY_RUN = 8;
const COPY_SHARE = 0.7;
const jaccard = (a: Set<string>, b: Set<string>) => [...a].filter((w) => b.has(w)).length / new Set([...a, ...b]).size;

function evaluationQuestions(): string[] {
  const dirs = [resolve('tests/eval'), resolve('../shared/eval')].filter(existsSync);
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { q: string }).q)),
  );
}

describe('index-time expansions (knowledge/expansions) and the factor map (knowledge/factors)', () => {
  it('cover every curated finding, with a gist that reads on its own', () => {
    const curated = k.findings.filter((f) => !k.fileOf.get(f.id)?.startsWith('ingested'));
    const missing = curated.filter((f) => !f.gist || !f.asks).map((f) => f.id);
    expect(missing).toEqual([]);
    // A point of an answer must say who or what it is about: no gist opens with a bare pronoun.
    const bare = curated.filter((f) => /^(ze|dit|deze|zij)\b/i.test(f.gist!.nl) || /^(they|this|it|these)\b/i.test(f.gist!.en));
    expect(bare.map((f) => f.id)).toEqual([]);
  });

  it('copy no question of any evaluation set', () => {
    const questions = evaluationQuestions();
    expect(questions.length).toBeGreaterThan(100);
    const runs = new Set<string>();
    for (const q of questions) {
      const w = words(q);
      for (let i = 0; i + COPY_RUN <= w.length; i += 1) runs.add(w.slice(i, i + COPY_RUN).join(' '));
    }
    const sets = questions.map((q) => new Set(words(q)));
    const copies: string[] = [];
    // The findings' expansion asks and the factor map's asks alike.
    const asked = [...k.findings, ...k.factors].map((f) => ({ id: f.id, asks: [...(f.asks?.nl ?? []), ...(f.asks?.en ?? [])] }));
    for (const f of asked) {
      for (const ask of f.asks) {
        const w = words(ask);
        const own = new Set(w);
        let copied = sets.some((q) => jaccard(own, q) >= COPY_SHARE);
        for (let i = 0; i + COPY_RUN <= w.length; i += 1) copied ||= runs.has(w.slice(i, i + COPY_RUN).join(' '));
        if (copied) copies.push(`${f.id}: ${ask}`);
      }
    }
    expect(copies).toEqual([]);
  });
});
