/**
 * Finds text that looks like personal data of a client, so that it can be removed before a
 * question leaves the process (a remote language model) or is stored (/goals). Platform-
 * neutral and deliberately conservative: a false alarm costs a word, a miss costs privacy.
 *
 * Kinds: a Dutch citizen service number (BSN, nine digits passing the eleven-test), a full
 * date (possibly a date of birth), a phone number, an e-mail address, a Dutch postcode
 * (with its house number when given) and a name (first-name lists and context: names.ts).
 *
 * Safe on hostile input: the text is cut at MAX_SCANNED_CHARS before any pattern runs, and
 * every pattern runs in linear time (bounded repetition; e-mail addresses without a pattern).
 */
import { DATE, findNames } from './names.js';

export type PersonalDataKind = 'bsn' | 'date-of-birth' | 'phone' | 'email' | 'postcode' | 'name';

/** What each kind is called in a sentence ("This looks like …", "… was removed"), in both languages. */
export const PERSONAL_DATA_LABELS: Record<PersonalDataKind, { nl: string; en: string }> = {
  bsn: { nl: 'een BSN (burgerservicenummer)', en: 'a citizen service number (BSN)' },
  'date-of-birth': { nl: 'een datum (mogelijk een geboortedatum)', en: 'a date (possibly a date of birth)' },
  phone: { nl: 'een telefoonnummer', en: 'a phone number' },
  email: { nl: 'een e-mailadres', en: 'an e-mail address' },
  postcode: { nl: 'een postcode of adres', en: 'a postcode or address' },
  name: { nl: 'een naam van een cliënt', en: "a client's name" },
};

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  /** The text as it occurs. */
  match: string;
  /** Where it starts in the text. */
  index: number;
}

/** The Dutch eleven-test for a BSN: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not 0). */
export function isValidBsn(digits: string): boolean {
  const d = digits.replace(/\D/g, '');
  if (!/^\d{9}$/.test(d) || /^0+$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(d[i]) * (9 - i);
  sum -= Number(d[8]);
  return sum % 11 === 0;
}

/**
 * The longest text scanned. The longest text Samen scans on purpose is a /goals field (2,000
 * characters) or a question (1,000); callers check their own, lower limits first. Past this the
 * rest is not scanned, and redaction drops it, so nothing unscanned is passed on.
 */
export const MAX_SCANNED_CHARS = 10_000;

interface Detector {
  kind: PersonalDataKind;
  find: (text: string) => { match: string; index: number }[];
}

/** Every match of a global pattern; accept is an extra check (the BSN's eleven-test), group the part that is the data. */
function matchesOf(pattern: RegExp, options: { accept?: (m: RegExpExecArray) => boolean; group?: number } = {}) {
  return (text: string) => {
    const out: { match: string; index: number }[] = [];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (m[0].length === 0) {
        pattern.lastIndex += 1;
        continue;
      }
      if (options.accept && !options.accept(m)) continue;
      const match = options.group ? m[options.group] : m[0];
      out.push({ match, index: options.group ? m.index + m[0].lastIndexOf(match) : m.index });
    }
    return out;
  };
}

const EMAIL_LOCAL = /[\p{L}\p{N}._%+-]/u;
const EMAIL_DOMAIN = /[\p{L}\p{N}.-]/u;
const LETTER = /\p{L}/u;

/**
 * E-mail addresses, found from each "@" outwards instead of by one pattern: a pattern for
 * "local@domain.tld" backtracks over every start in a long run of letters (quadratic). Here
 * each character is looked at at most twice.
 */
function findEmails(text: string): { match: string; index: number }[] {
  const out: { match: string; index: number }[] = [];
  let taken = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > taken && EMAIL_LOCAL.test(text[start - 1])) start -= 1;
    let domainEnd = at + 1;
    while (domainEnd < text.length && EMAIL_DOMAIN.test(text[domainEnd])) domainEnd += 1;
    if (start === at) continue;
    // The address ends with its top-level domain: the last dot with at least two letters after it.
    let end = -1;
    for (let dot = domainEnd - 1; dot > at + 1 && end < 0; dot -= 1) {
      if (text[dot] !== '.' || !LETTER.test(text[dot + 1] ?? '') || !LETTER.test(text[dot + 2] ?? '')) continue;
      end = dot + 1;
      while (end < domainEnd && LETTER.test(text[end])) end += 1;
    }
    if (end < 0) continue;
    out.push({ match: text.slice(start, end), index: start });
    taken = end;
  }
  return out;
}

/** In priority order: when two detections overlap, the earlier kind wins. Every pattern has bounded repetition, so it runs in linear time. */
const DETECTORS: Detector[] = [
  { kind: 'email', find: findEmails },
  {
    kind: 'bsn',
    // Nine digits, also written in groups (123.456.782, 123 456 782, 1234 56 782).
    find: matchesOf(/(?<![\d.,-])(\d(?:[ .-]?\d){8})(?![\d]|[.,-]\d)/g, {
      accept: (m) => isValidBsn(m[1]) && /^\d{9}$|^\d{3}[ .-]\d{3}[ .-]\d{3}$|^\d{4}[ .-]\d{2}[ .-]\d{3}$|^\d{2}[ .-]\d{3}[ .-]\d{4}$/.test(m[1]),
      group: 1,
    }),
  },
  {
    kind: 'date-of-birth',
    // 03-04-2012, 3/4/12, 2012-04-03, 3 april 2012, April 3, 2012 (the forms of DATE), not inside a longer number.
    find: matchesOf(new RegExp(`(?<![\\d\\p{L}])${DATE}`, 'giu')),
  },
  {
    kind: 'phone',
    find: matchesOf(
      new RegExp(
        [
          // Dutch: 06-12345678, 06 1234 5678, 020-1234567, +31 6 12345678, 0031 (0)20 123 4567
          '(?<![\\d+])(?:\\+31|0031)[\\s-]?(?:\\(0\\)[\\s-]?)?[1-9](?:[\\s-]?\\d){8}(?!\\d)',
          '(?<![\\d+])0[1-9](?:[\\s-]?\\d){8}(?!\\d)',
          // Other international numbers: +44 20 7946 0958
          '(?<![\\d+])\\+[1-9]\\d{0,2}(?:[\\s-]?\\(?\\d\\)?){7,12}(?!\\d)',
        ].join('|'),
        'g',
      ),
    ),
  },
  {
    kind: 'postcode',
    // 1234 AB, 1234AB, with a house number before or after: "1234 AB 12", "12, 1234 AB", "Kerkstraat 12a, 1234 AB".
    find: matchesOf(
      /(?<!\d)(?:\d{1,5}[a-zA-Z]?,?\s{1,3})?[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\p{L}\d])(?:,?\s{1,3}\d{1,5}(?:[-\s]?[a-zA-Z](?![\p{L}]))?)?/gu,
    ),
  },
  // "Moeder Fatima El Amrani", "Jan (12)", "cliënt Jan de Vries": see names.ts.
  { kind: 'name', find: findNames },
];

export interface ScanOptions {
  /** Scan at most this many characters (default MAX_SCANNED_CHARS). */
  maxChars?: number;
}

/** Every stretch of text that looks like a client's personal data, in order of position. Only the first maxChars characters are scanned. */
export function findPersonalData(text: string, options: ScanOptions = {}): PersonalDataMatch[] {
  // The cap comes before any pattern: the cost of a scan is bounded whatever arrives.
  const max = options.maxChars ?? MAX_SCANNED_CHARS;
  const scanned = text.length > max ? text.slice(0, max) : text;
  let found: PersonalDataMatch[] = [];
  for (const d of DETECTORS) {
    // Both lists are in text order and without overlaps, so one sweep drops what an earlier kind already holds.
    const added: PersonalDataMatch[] = [];
    let k = 0;
    for (const { match, index } of d.find(scanned)) {
      const trimmed = match.replace(/[\s,]+$/, '');
      if (!trimmed) continue;
      while (k < found.length && found[k].index + found[k].match.length <= index) k += 1;
      if (k < found.length && found[k].index < index + trimmed.length) continue;
      added.push({ kind: d.kind, match: trimmed, index });
    }
    if (added.length) found = mergeByIndex(found, added);
  }
  return found;
}

function mergeByIndex(a: PersonalDataMatch[], b: PersonalDataMatch[]): PersonalDataMatch[] {
  const out: PersonalDataMatch[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i].index <= b[j].index) ? a[i++] : b[j++]);
  return out;
}

export interface Redaction {
  /** The text with each detection replaced by a placeholder such as [bsn]. */
  text: string;
  found: PersonalDataMatch[];
}

/** Replaces personal data by placeholders naming its kind, and says what was found. */
export function redactWithReport(text: string, options: ScanOptions = {}): Redaction {
  const max = options.maxChars ?? MAX_SCANNED_CHARS;
  // What was not scanned is not passed on.
  const scanned = text.length > max ? `${text.slice(0, max)}…` : text;
  const found = findPersonalData(scanned, { maxChars: max });
  let out = '';
  let at = 0;
  for (const f of found) {
    out += `${scanned.slice(at, f.index)}[${f.kind}]`;
    at = f.index + f.match.length;
  }
  return { text: out + scanned.slice(at), found };
}

/** The text with personal data replaced by placeholders such as [bsn], [email], [name]. */
export function redact(text: string, options: ScanOptions = {}): string {
  return redactWithReport(text, options).text;
}
