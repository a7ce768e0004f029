/**
 * The reviews' own structure: what part a finding plays in its review. A synthesis states a factor,
 * conclusion or recommendation across studies (the theme sections with their study counts, Table 2,
 * the factor sections, discussion, conclusion, recommendations); evidence reports one study (a row of
 * the systematic review's Table 1, one effect study); background sets the scene (introduction,
 * context). An answer leads with synthesis and keeps evidence and background for when they are asked.
 */
import type { Finding } from './schema.js';

export type Role = 'synthesis' | 'evidence' | 'background' | 'table-row';

/** A row of a table that lists factors: a one-line restatement of what the text states with its studies. */
const TABLE_ROW_LOCATION = /Resultaten – Tabel 2 –/;

/** The introduction: why the review was done, the problem it starts from (not what it found). */
const INTRODUCTION = /^(1\. )?Inleiding/;

/** One study's row of a table of included studies, or one study under the effects by design. */
const EVIDENCE_LOCATION = /Resultaten – Tabel 1 –|Resultaten – Effecten – /;

/**
 * sourceKind: the kind of the finding's source (sources.yaml); a passage of an organisation's own
 * document (`npm run ingest`) is what that organisation agreed, so it always counts as a synthesis.
 */
export function roleOf(f: Finding, sourceKind: string): Role {
  if (!/review/.test(sourceKind)) return 'synthesis';
  if (f.kind === 'context' || (INTRODUCTION.test(f.location) && f.kind !== 'definition')) return 'background';
  if (EVIDENCE_LOCATION.test(f.location) && f.kind !== 'definition') return 'evidence';
  if (TABLE_ROW_LOCATION.test(f.location)) return 'table-row';
  return 'synthesis';
}

/** Where a review sums itself up: its summary, the overview of its results, its conclusion. */
const OVERVIEW_LOCATION = /^(Samenvatting|3\. Resultaten|3\. Resultaten – Bevorderende en belemmerende factoren voor integrale samenwerking|4\. Conclusie|4\. Discussie – Inhoudelijke discussie)$/;

export function isOverview(f: Finding): boolean {
  return OVERVIEW_LOCATION.test(f.location);
}

/** A passage that gives a number: how many studies, articles, participants, sectors. */
const COUNT = /\b(\d+|n\s*=\s*\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|negentien)\b/i;

export function givesCount(f: Finding): boolean {
  return f.studyCount !== undefined || COUNT.test(f.quote.replace(/\(\D*\d{4}[a-z]?\)|\d{4}[a-z]?\)/g, ''));
}
