/**
 * Text clean-up for PDF extractions. Quotes are compared in a canonical form so that
 * hard line breaks, blank lines and end-of-line hyphenation in the PDF text do not matter,
 * while every letter of the quote must still be there in order.
 */

/**
 * Blank out whole lines that are page furniture (running heads) so that passages read on.
 * The lines stay (empty) so that line numbers still match the source file.
 */
export function stripRunningHeads(text: string, patterns: string[]): string {
  if (patterns.length === 0) return text;
  const regexes = patterns.map((p) => new RegExp(p, 'i'));
  return text
    .split('\n')
    .map((line) => (regexes.some((r) => r.test(line)) ? '' : line))
    .join('\n');
}

/** Abbreviations after which a full stop does not end a sentence. */
const NO_SENTENCE_END = /(?:\bet al|\bbijv|\bo\.a|\be\.g|\bi\.e|\bvs|\bnl|\bp|\b\p{Lu})$/u;

/** Splits text into sentences with their offsets, not breaking at "et al." and the like. */
export function sentences(text: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  const end = /[.!?]+["'”’)\]]*(?=\s+["'“‘(]?[\p{Lu}\d•]|\s*$)/gu;
  let start = 0;
  for (const m of text.matchAll(end)) {
    const stop = (m.index ?? 0) + m[0].length;
    if (NO_SENTENCE_END.test(text.slice(Math.max(start, (m.index ?? 0) - 8), m.index))) continue;
    out.push({ start, text: text.slice(start, stop) });
    start = stop;
  }
  if (start < text.length) out.push({ start, text: text.slice(start) });
  return out;
}

/** Canonical form for verbatim comparison. */
export function canonical(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00ad\ufffd]/g, '') // soft hyphens and the extraction's replacement characters
    .replace(/[‘’´`]/g, "'")
    .replace(/[“”„]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/(\p{L})-\s*(?=\p{L})/gu, '$1') // "informatie-\nuitwisseling" = "informatie-uitwisseling" = "informatieuitwisseling"
    .replace(/\s+/g, ' ')
    .trim();
}

/** Readable form of PDF text: one line per paragraph-ish, hyphenated line ends rejoined. */
export function readable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00ad\ufffd]/g, '')
    .replace(/(\p{Ll})-\s*\n\s*(\p{Ll})/gu, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** First author's surname of a study reference such as "Darlington & Feeney (2007)". */
export function studySurname(study: string): string {
  // Leading particles belong to the surname: "De Winter", "Van den Steene".
  const m = study
    .trim()
    .match(/^((?:(?:van|de|der|den|von|ten|ter)\s+)*[\p{L}'’-]+(?:\s+(?:van|de|der|den|von)\s+[\p{L}'’-]+)?)/iu);
  return m ? m[1] : study.trim();
}
