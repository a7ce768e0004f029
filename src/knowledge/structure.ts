/**
 * The reviews' own structure: what part a finding plays in its review. A synthesis states a factor,
 * conclusion or recommendation across studies (the theme sections with their study counts, Table 2,
 * the factor sections, discussion, conclusion, recommendations); evidence reports one study (a row of
 * the systematic review's Table 1, one effect study); background sets the scene (introduction,
 * context). An answer leads with synthesis and keeps evidence and background for when they are asked.
 */
import type { Finding } from './schema.js';

export type Role = 'synthesis' | 'evidence' | 'background';

/** One study's row of a table of included studies, or one study under the effects by design. */
const EVIDENCE_LOCATION = /Resultaten – Tabel 1 –|Resultaten – Effecten – /;

export function roleOf(f: Finding): Role {
  if (f.kind === 'context') return 'background';
  if (EVIDENCE_LOCATION.test(f.location) && f.kind !== 'definition') return 'evidence';
  return 'synthesis';
}
