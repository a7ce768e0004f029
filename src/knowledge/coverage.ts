import { canonical, sentences } from './text.js';
import { canonicalSource } from './verify.js';
import type { Knowledge } from './load.js';

export interface UncoveredPassage {
  source: string;
  /** Line in the source file where the passage starts (1-based, running heads not counted out). */
  line: number;
  text: string;
}

/** A sentence counts as covered when most of its characters lie inside some finding's quote. */
const COVERED_SHARE = 0.6;
/** Fragments shorter than this (headings, table labels, page numbers) are not body text. */
const MIN_SENTENCE_CHARS = 40;

/** Canonical offset at which each line of the source text starts. */
function lineOffsets(text: string): number[] {
  const lines = text.split('\n');
  const offsets: number[] = [];
  let prefix = '';
  // Canonicalising prefixes keeps offsets exact across hyphenated line ends.
  for (let i = 0; i < lines.length; i += 1) {
    offsets.push(canonical(prefix).length);
    prefix += `${lines[i]}\n`;
  }
  return offsets;
}

/**
 * Passages of a source's body text that no finding quotes, in reading order.
 * `fromLine`/`toLine` restrict the report to part of the source (1-based, inclusive).
 */
export function uncoveredPassages(
  k: Knowledge,
  sourceId: string,
  fromLine = 1,
  toLine = Number.MAX_SAFE_INTEGER,
): UncoveredPassage[] {
  const source = k.sources.get(sourceId);
  if (!source) throw new Error(`unknown source ${sourceId}`);
  const text = canonicalSource(k, sourceId);
  const covered = new Uint8Array(text.length);
  const quoted = k.findings.filter((f) => f.source === sourceId).map((f) => f.quote);
  for (const quote of [...quoted, ...source.notClaims]) {
    // Every occurrence counts: the PDF sometimes repeats a passage (a table cell twice).
    const q = canonical(quote);
    for (let at = text.indexOf(q); at >= 0 && q.length > 0; at = text.indexOf(q, at + 1)) covered.fill(1, at, at + q.length);
  }
  const offsets = lineOffsets(source.text);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const result: UncoveredPassage[] = [];
  for (const { start, text: raw } of sentences(text)) {
    const s = raw.trim();
    if (s.length < MIN_SENTENCE_CHARS) continue;
    let inside = 0;
    for (let i = start; i < start + raw.length; i += 1) inside += covered[i];
    if (inside / raw.length >= COVERED_SHARE) continue;
    const line = lineAt(start);
    if (line < fromLine || line > toLine) continue;
    result.push({ source: sourceId, line, text: s });
  }
  return result;
}
