import { describe, expect, it } from 'vitest';
import { findPersonalData, isValidBsn, redact, redactWithReport, PERSONAL_DATA_LABELS } from '../../src/privacy/personal-data.js';

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

  it('finds a full name after cliënt / client, not a lone first name or the word alone', () => {
    expect(kinds('cliënt Jan de Vries wil niet')).toEqual([['name', 'Jan de Vries']]);
    expect(kinds('Cliënte Anna van der Berg')).toEqual([['name', 'Anna van der Berg']]);
    expect(kinds('my client: Fatima El Amrani')).toEqual([['name', 'Fatima El Amrani']]);
    expect(kinds('de client wil niet')).toEqual([]);
    expect(kinds('cliënt Jan wil niet')).toEqual([]);
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
