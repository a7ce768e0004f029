import { describe, expect, it } from 'vitest';
import {
  findPersonalData,
  isValidBsn,
  MAX_SCANNED_CHARS,
  redact,
  redactWithReport,
  PERSONAL_DATA_LABELS,
} from '../../src/privacy/personal-data.js';

const kinds = (text: string) => findPersonalData(text).map((f) => [f.kind, f.match]);

describe('finding personal data of clients', () => {
  it('finds a BSN only when it passes the eleven-test, also written in groups', () => {
    expect(isValidBsn('123456782')).toBe(true);
    expect(isValidBsn('123456789')).toBe(false);
    expect(isValidBsn('000000000')).toBe(false);
    expect(kinds('BSN 123456782 van moeder')).toEqual([['bsn', '123456782']]);
    expect(kinds('bsn: 123.456.782')).toEqual([['bsn', '123.456.782']]);
    expect(kinds('nummer 123456789')).toEqual([]);
  });

  it('finds dates (of birth) in the usual forms', () => {
    expect(kinds('geboren 03-04-2012')).toEqual([['date-of-birth', '03-04-2012']]);
    expect(kinds('geb. 3 april 2012')).toEqual([['date-of-birth', '3 april 2012']]);
    expect(kinds('born April 3, 2012')).toEqual([['date-of-birth', 'April 3, 2012']]);
    expect(kinds('dob 2012-04-03')).toEqual([['date-of-birth', '2012-04-03']]);
  });

  it('finds phone numbers and e-mail addresses', () => {
    expect(kinds('bel 06-12345678')).toEqual([['phone', '06-12345678']]);
    expect(kinds('of +31 6 1234 5678')).toEqual([['phone', '+31 6 1234 5678']]);
    expect(kinds('of 020 123 4567')).toEqual([['phone', '020 123 4567']]);
    expect(kinds('mail j.devries@example.nl graag')).toEqual([['email', 'j.devries@example.nl']]);
  });

  it('finds a postcode with its house number', () => {
    expect(kinds('woont op 2511 CV 4a in Den Haag')).toEqual([['postcode', '2511 CV 4a']]);
    expect(kinds('Kerkstraat 12, 1234 AB Utrecht')).toEqual([['postcode', '12, 1234 AB']]);
    expect(kinds('postcode 1234AB')).toEqual([['postcode', '1234AB']]);
  });

  it('finds a full name after cliënt / client, and a listed first name there; not the word alone', () => {
    expect(kinds('cliënt Jan de Vries wil niet')).toEqual([['name', 'Jan de Vries']]);
    expect(kinds('Cliënte Anna van der Berg')).toEqual([['name', 'Anna van der Berg']]);
    expect(kinds('my client: Fatima El Amrani')).toEqual([['name', 'Fatima El Amrani']]);
    expect(kinds('Cliënt Oumayma Benali wil geen hulp')).toEqual([['name', 'Oumayma Benali']]);
    expect(kinds('de client wil niet')).toEqual([]);
    // Jan is in the first-name lists, so after "cliënt" it is a name.
    expect(kinds('cliënt Jan wil niet')).toEqual([['name', 'Jan']]);
  });

  it('finds names by first-name lists and context: kinship words, titles, ages, dates of birth', () => {
    expect(kinds('Moeder Fatima El Amrani (BSN 123456782, tel 06-12345678) wil niet')).toEqual([
      ['name', 'Fatima El Amrani'],
      ['bsn', '123456782'],
      ['phone', '06-12345678'],
    ]);
    expect(kinds('Jan (12) gaat weer elke dag naar school')).toEqual([['name', 'Jan']]);
    // Not in the lists, but the context says it: a kinship word before, an age with its unit after.
    expect(kinds('de moeder van Oumayma wil geen hulp')).toEqual([['name', 'Oumayma']]);
    expect(kinds('we spraken met Oumayma (9 jaar) op school')).toEqual([['name', 'Oumayma']]);
    expect(kinds('mevrouw Van der Berg belt steeds')).toEqual([['name', 'Van der Berg']]);
    expect(kinds("Emre's vader wil niet praten")).toEqual([['name', 'Emre']]);
    expect(kinds('Aisha, geb. 03-04-2012, woont bij haar oma')).toEqual([['name', 'Aisha'], ['date-of-birth', '03-04-2012']]);
    expect(kinds('Hoe betrek ik Fatima bij het overleg?')).toEqual([['name', 'Fatima']]);
    expect(kinds('Please call Mr. O\'Brien about it')).toEqual([['name', "O'Brien"]]);
  });

  it('does not take authors of studies, titles, places or months for names', () => {
    for (const q of [
      'Darlington & Feeney (2007) vonden dat rollen onduidelijk waren.',
      'Kothari et al. (2022) beschrijven wisselende contacten.',
      'Volgens Mack e.a. (2017) helpt een vaste contactpersoon.',
      'The review by Oliver and colleagues (2010) describes the effects.',
      'Multi-agency teams were studied by Morris (2005).',
      'The Child Welfare System and the Juvenile Justice System rarely share data.',
      'Studies from Alabama, California, Colorado and Florida were included.',
      'In May the team met the mother.',
      'Hoe betrek ik de moeder bij het casusoverleg?',
      'Het kind van 12 jaar wil zelf meepraten.',
    ]) {
      expect(kinds(q), q).toEqual([]);
    }
  });

  it('leaves ordinary questions about the reviews alone', () => {
    for (const q of [
      'Wat helpt bij onduidelijke rollen?',
      'What did Darlington & Feeney (2007) find in 12 studies (n=7)?',
      'Hoe werkt een casusoverleg met de GGZ en de school in 2024?',
      'Is there evidence that joint training works for 15-year-olds?',
    ]) {
      expect(findPersonalData(q)).toEqual([]);
    }
  });

  it('redacts with placeholders naming the kind, and reports what it found', () => {
    const text = 'Cliënt Jan de Vries (BSN 123456782, geb. 03-04-2012) is bereikbaar op 06-12345678 of jan@example.nl, 2511 CV 4.';
    const r = redactWithReport(text);
    expect(r.text).toBe('Cliënt [name] (BSN [bsn], geb. [date-of-birth]) is bereikbaar op [phone] of [email], [postcode].');
    expect(r.found.map((f) => f.kind)).toEqual(['name', 'bsn', 'date-of-birth', 'phone', 'email', 'postcode']);
    expect(redact('Wat helpt bij onduidelijke rollen?')).toBe('Wat helpt bij onduidelijke rollen?');
    for (const kind of r.found.map((f) => f.kind)) expect(PERSONAL_DATA_LABELS[kind].nl).toBeTruthy();
  });
});

describe('hostile input', () => {
  const MB = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  // The shapes that make a backtracking pattern slow: long runs of letters, digits, '@', dots, and their mixtures.
  const SHAPES = [
    fill('x'),
    fill('a@'),
    fill('a.'),
    fill('1'),
    fill('1 '),
    fill('x@x.'),
    fill('Jan '),
    fill('Jan (12) '),
    fill('cliënt Jan de '),
    fill('06-1234 '),
    fill('12-03-'),
    fill('<@a.b@c '),
    Array.from({ length: MB }, (_, i) => 'aZ9@. -_(),+'[(i * 7919) % 12]).join(''),
  ];
  // The target is 50 ms; the bound leaves room for a slow, busy machine and still fails a quadratic pattern by far.
  const BOUND_MS = 500;

  /** The best of three runs: a pause of the collector or of a busy machine is not the pattern's cost, which every run pays. */
  const timed = (fn: () => unknown) => {
    let best = Infinity;
    for (let run = 0; run < 3; run += 1) {
      const start = performance.now();
      fn();
      best = Math.min(best, performance.now() - start);
    }
    return best;
  };

  it('scans and redacts 1 MB of any shape quickly: the text is cut before any pattern runs', () => {
    for (const text of SHAPES) {
      expect(timed(() => findPersonalData(text)), text.slice(0, 12)).toBeLessThan(BOUND_MS);
      expect(timed(() => redact(text)), text.slice(0, 12)).toBeLessThan(BOUND_MS);
    }
    // What was not scanned is not passed on.
    expect(redact(fill('x')).length).toBe(MAX_SCANNED_CHARS + 1);
  });

  it('every pattern is linear: 256 KB scanned whole stays far from the minutes a quadratic pattern takes', () => {
    // x.repeat(40_000) took 3.3 s with the old e-mail pattern, so 256 KB would take over two minutes.
    for (const text of SHAPES) {
      const quarter = text.slice(0, MB / 4);
      expect(timed(() => findPersonalData(quarter, { maxChars: Infinity })), text.slice(0, 12)).toBeLessThan(BOUND_MS * 4);
    }
  });

  it('still finds what stands in a long text within the cap', () => {
    const text = `${'x'.repeat(5000)} BSN 123456782 ${'y@'.repeat(1000)} mail jan@example.nl`;
    expect(kinds(text)).toEqual([['bsn', '123456782'], ['email', 'jan@example.nl']]);
  });
});
