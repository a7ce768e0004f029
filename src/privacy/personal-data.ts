/**
 * Finds text that looks like personal data of a client, so that it can be removed before a
 * question leaves the process (a remote language model) or is stored (/goals). Platform-
 * neutral and deliberately conservative: a false alarm costs a word, a miss costs privacy.
 *
 * Kinds: a Dutch citizen service number (BSN, nine digits passing the eleven-test), a full
 * date (possibly a date of birth), a phone number, an e-mail address, a Dutch postcode
 * (with its house number when given) and a full name after "cliënt"/"client".
 */

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

const MONTHS =
  'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|' +
  'january|february|march|may|june|july|august|october|' +
  'jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec';

/** Words that may sit between the parts of a Dutch (or other) name: "de Vries", "van der Berg", "El Amrani". */
const PARTICLES = "(?:van|de|der|den|het|ter|ten|te|in|'t|op|la|le|du|da|di|del|el|al|bin|ben|von|zu|mc)";
const NAME_PART = "\\p{Lu}[\\p{Ll}'’-]+";

interface Detector {
  kind: PersonalDataKind;
  pattern: RegExp;
  /** Extra check on a candidate (the BSN's eleven-test). */
  accept?: (m: RegExpExecArray) => boolean;
  /** Which capture group is the personal data (default: the whole match). */
  group?: number;
}

/** In priority order: when two detections overlap, the earlier kind wins. */
const DETECTORS: Detector[] = [
  { kind: 'email', pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu },
  {
    kind: 'bsn',
    // Nine digits, also written in groups (123.456.782, 123 456 782, 1234 56 782).
    pattern: /(?<![\d.,-])(\d(?:[ .-]?\d){8})(?![\d]|[.,-]\d)/g,
    accept: (m) => isValidBsn(m[1]) && /^\d{9}$|^\d{3}[ .-]\d{3}[ .-]\d{3}$|^\d{4}[ .-]\d{2}[ .-]\d{3}$|^\d{2}[ .-]\d{3}[ .-]\d{4}$/.test(m[1]),
    group: 1,
  },
  {
    kind: 'date-of-birth',
    pattern: new RegExp(
      [
        // 03-04-2012, 3/4/12, 03.04.2012
        '(?<!\\d)(?:0?[1-9]|[12]\\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:(?:19|20)\\d{2}|\\d{2})(?!\\d)',
        // 2012-04-03
        '(?<!\\d)(?:19|20)\\d{2}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\\d|3[01])(?!\\d)',
        // 3 april 2012, 3 apr. 2012
        `(?<!\\d)(?:0?[1-9]|[12]\\d|3[01])(?:e|st|nd|rd|th)?\\s+(?:${MONTHS})\\.?\\s+(?:19|20)\\d{2}(?!\\d)`,
        // April 3, 2012
        `\\b(?:${MONTHS})\\.?\\s+(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d{2}(?!\\d)`,
      ].join('|'),
      'giu',
    ),
  },
  {
    kind: 'phone',
    pattern: new RegExp(
      [
        // Dutch: 06-12345678, 06 1234 5678, 020-1234567, +31 6 12345678, 0031 (0)20 123 4567
        '(?<![\\d+])(?:\\+31|0031)[\\s-]?(?:\\(0\\)[\\s-]?)?[1-9](?:[\\s-]?\\d){8}(?!\\d)',
        '(?<![\\d+])0[1-9](?:[\\s-]?\\d){8}(?!\\d)',
        // Other international numbers: +44 20 7946 0958
        '(?<![\\d+])\\+[1-9]\\d{0,2}(?:[\\s-]?\\(?\\d\\)?){7,12}(?!\\d)',
      ].join('|'),
      'g',
    ),
  },
  {
    kind: 'postcode',
    // 1234 AB, 1234AB, with a house number before or after: "1234 AB 12", "12, 1234 AB", "Kerkstraat 12a, 1234 AB".
    pattern: /(?<!\d)(?:\d{1,5}[a-zA-Z]?,?\s+)?[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\p{L}\d])(?:,?\s+\d{1,5}(?:[-\s]?[a-zA-Z](?![\p{L}]))?)?/gu,
  },
  {
    kind: 'name',
    // cliënt Jan de Vries, client: Fatima El Amrani, de cliënte Anna van der Berg
    pattern: new RegExp(
      // Case matters for the name (capitalised parts), not for the word before it.
      `(?<![\\p{L}])(?:[Cc][Ll][Ii][EeËë][Nn][Tt][Ee]?)(?:\\s*[:,]\\s*|\\s+)((?:${NAME_PART})(?:\\s+(?:${PARTICLES}\\s+)*${NAME_PART})+)`,
      'gu',
    ),
    group: 1,
  },
];

/** Every stretch of text that looks like a client's personal data, in order of position. */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  const overlaps = (start: number, end: number) => found.some((f) => start < f.index + f.match.length && f.index < end);
  for (const d of DETECTORS) {
    d.pattern.lastIndex = 0;
    for (let m = d.pattern.exec(text); m; m = d.pattern.exec(text)) {
      if (m[0].length === 0) {
        d.pattern.lastIndex += 1;
        continue;
      }
      if (d.accept && !d.accept(m)) continue;
      const match = d.group ? m[d.group] : m[0];
      const index = d.group ? m.index + m[0].lastIndexOf(match) : m.index;
      const trimmed = match.replace(/[\s,]+$/, '');
      if (!overlaps(index, index + trimmed.length)) found.push({ kind: d.kind, match: trimmed, index });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

export interface Redaction {
  /** The text with each detection replaced by a placeholder such as [bsn]. */
  text: string;
  found: PersonalDataMatch[];
}

/** Replaces personal data by placeholders naming its kind, and says what was found. */
export function redactWithReport(text: string): Redaction {
  const found = findPersonalData(text);
  let out = '';
  let at = 0;
  for (const f of found) {
    out += `${text.slice(at, f.index)}[${f.kind}]`;
    at = f.index + f.match.length;
  }
  return { text: out + text.slice(at), found };
}

/** The text with personal data replaced by placeholders such as [bsn], [email], [name]. */
export function redact(text: string): string {
  return redactWithReport(text).text;
}
