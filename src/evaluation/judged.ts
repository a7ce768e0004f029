/**
 * Answer quality on a judged question set (the format of ../shared/eval/judged-dev.jsonl), with
 * the same rules as the product owner's scorer `judge.mjs`: each in-scope question lists the
 * passages a good answer must cite ("essential") and further on-point ones ("relevant"), copied
 * verbatim from the reviews. A citation counts when its quote shares a run of 50 letters or digits
 * with a judged passage (strict), or, with `near`, lies within that many canonical characters of it
 * in the same review (the same passage or the sentence beside it).
 */
import { readFileSync } from 'node:fs';
import type { AskJson } from '../answer/ask-json.js';

export interface JudgedQuestion {
  id: string;
  lang?: 'nl' | 'en';
  q: string;
  essential?: string[];
  relevant?: string[];
  expect_abstain?: boolean;
}

export interface JudgedFigures {
  inScope: number;
  /** In-scope questions answered without any citation. */
  noCitations: number;
  precisionAt3: number;
  precisionAt5: number;
  precisionAll: number;
  essentialAt5: number;
  essentialAt1: number;
  citationsPerAnswer: number;
  answerChars: number;
  declined: number;
  outOfScope: number;
  /** Per question, for --verbose: a '+' per citation that is on point. */
  lines: { id: string; q: string; line: string; weak: boolean }[];
}

/** Letters and digits only, lower case: the scorer's canonical text. */
export const canonical = (t: string) => t.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

const RUN = 50;
/** Parts of a snippet shorter than this are not located in the sources. */
const LOCATABLE = 20;

export class PassageJudge {
  private readonly sources: string[];
  private readonly spans = new Map<string, [number, number, number] | null>();

  constructor(sourceTexts: string[], private readonly near: number) {
    this.sources = sourceTexts.map(canonical);
  }

  private spanOf(text: string): [number, number, number] | null {
    const cached = this.spans.get(text);
    if (cached !== undefined) return cached;
    let found: [number, number, number] | null = null;
    const parts = String(text).split(/\.\.\.|…|\[\.\.\.\]/).map(canonical).filter((x) => x.length >= LOCATABLE);
    outer: for (const [si, src] of this.sources.entries()) {
      for (const p of parts) {
        const i = src.indexOf(p);
        if (i >= 0) {
          found = [si, i, i + canonical(text).length];
          break outer;
        }
      }
    }
    this.spans.set(text, found);
    return found;
  }

  overlaps(quote: string, snippet: string): boolean {
    if (this.near > 0) {
      const a = this.spanOf(quote);
      const b = this.spanOf(snippet);
      if (a && b && a[0] === b[0] && a[1] <= b[2] + this.near && b[1] <= a[2] + this.near) return true;
    }
    const q = canonical(quote);
    const s = canonical(snippet);
    if (!q || !s) return false;
    if (s.length <= RUN) return q.includes(s) || s.includes(q);
    if (q.length <= RUN) return s.includes(q);
    for (let i = 0; i + RUN <= s.length; i += 10) if (q.includes(s.slice(i, i + RUN))) return true;
    return s.includes(q.slice(0, RUN)) || s.includes(q.slice(-RUN));
  }
}

export function readJudged(file: string): JudgedQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as JudgedQuestion);
}

/** Scores answers (one `ask --json` object per question, in order) as judge.mjs does. */
export function scoreJudged(questions: JudgedQuestion[], answers: AskJson[], judge: PassageJudge): JudgedFigures {
  const sum = { p3: 0, p5: 0, pall: 0, e5: 0, e1: 0, cites: 0, chars: 0 };
  let inScope = 0;
  let noCitations = 0;
  let declined = 0;
  let outOfScope = 0;
  const lines: JudgedFigures['lines'] = [];
  questions.forEach((q, i) => {
    const r = answers[i];
    const c = r.citations;
    if (q.expect_abstain) {
      outOfScope += 1;
      const ok = r.found === false && c.length === 0;
      if (ok) declined += 1;
      lines.push({ id: q.id, q: q.q, line: ok ? 'declined' : `ANSWERED (should decline) n=${c.length}`, weak: !ok });
      return;
    }
    inScope += 1;
    const snippets = [...(q.essential ?? []), ...(q.relevant ?? [])];
    const rel = c.map((x) => snippets.some((s) => judge.overlaps(x.quote, s)));
    const prec = (k: number) => {
      const m = Math.min(k, c.length);
      return m ? rel.slice(0, m).filter(Boolean).length / m : 0;
    };
    const ess = q.essential ?? [];
    const e5 = ess.length ? ess.filter((s) => c.slice(0, 5).some((x) => judge.overlaps(x.quote, s))).length / ess.length : 1;
    const e1 = c.length > 0 && ess.some((s) => judge.overlaps(c[0].quote, s)) ? 1 : 0;
    if (!c.length) noCitations += 1;
    sum.p3 += prec(3);
    sum.p5 += prec(5);
    sum.pall += c.length ? rel.filter(Boolean).length / c.length : 0;
    sum.e5 += e5;
    sum.e1 += e1;
    sum.cites += c.length;
    sum.chars += r.answer.length;
    lines.push({
      id: q.id,
      q: q.q,
      line: `p@5=${prec(5).toFixed(2)} ess@5=${e5.toFixed(2)} e1=${e1} n=${c.length} rel=${rel.map((b) => (b ? '+' : '.')).join('')}`,
      weak: prec(5) < 0.5 || e5 < 1,
    });
  });
  const mean = (x: number) => x / Math.max(1, inScope);
  return {
    inScope,
    noCitations,
    precisionAt3: mean(sum.p3),
    precisionAt5: mean(sum.p5),
    precisionAll: mean(sum.pall),
    essentialAt5: mean(sum.e5),
    essentialAt1: mean(sum.e1),
    citationsPerAnswer: mean(sum.cites),
    answerChars: mean(sum.chars),
    declined,
    outOfScope,
    lines,
  };
}
