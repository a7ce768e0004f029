import { canonical, studySurname } from './text.js';
import type { Knowledge } from './load.js';

/** How far around a quote (in canonical characters) a cited study's name may stand. */
const STUDY_WINDOW_BEFORE = 1500;
const STUDY_WINDOW_AFTER = 400;

export interface QuoteLocation {
  start: number;
  end: number;
}

const canonicalCache = new Map<string, string>();
export function canonicalSource(k: Knowledge, sourceId: string): string {
  const key = `${sourceId}:${k.sources.get(sourceId)?.text.length}`;
  let c = canonicalCache.get(key);
  if (c === undefined) {
    c = canonical(k.sources.get(sourceId)?.text ?? '');
    canonicalCache.set(key, c);
  }
  return c;
}

/** Where a finding's quote stands in its source's canonical text, or null when it is not verbatim. */
export function locateQuote(k: Knowledge, sourceId: string, quote: string): QuoteLocation | null {
  const text = canonicalSource(k, sourceId);
  const q = canonical(quote);
  const start = text.indexOf(q);
  return start < 0 ? null : { start, end: start + q.length };
}

/**
 * Every grounding problem in the knowledge base: quotes that are not verbatim in their
 * source, and studies that are not named in or near their quote.
 */
export function groundingProblems(k: Knowledge): string[] {
  const problems: string[] = [];
  for (const f of k.findings) {
    const where = `${k.fileOf.get(f.id) ?? '?'}: ${f.id}`;
    const loc = locateQuote(k, f.source, f.quote);
    if (!loc) {
      problems.push(`${where}: quote is not verbatim in source "${f.source}": "${f.quote.slice(0, 80)}…"`);
      continue;
    }
    const text = canonicalSource(k, f.source);
    const around = text.slice(Math.max(0, loc.start - STUDY_WINDOW_BEFORE), loc.end + STUDY_WINDOW_AFTER);
    for (const study of f.studies) {
      const surname = studySurname(study);
      if (!around.includes(canonical(surname))) {
        problems.push(`${where}: study "${study}" is not named in or near its quote`);
      }
    }
  }
  return problems;
}
