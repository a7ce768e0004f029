import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { checkAlias, checkForm, contentToForm, earliestToday, FIELDS, formLayout } from '../../src/goals/model.js';
import { caseDocument, parseGoalsCommand } from '../../src/goals/service.js';
import { loadGoalsTemplate, readTemplateFile, SECTION_IDS } from '../../src/goals/template.js';
import { findPersonalData, isValidBsn, redact } from '../../src/privacy/personal-data.js';
import { monthsAhead, validForm } from './fixtures.js';

const knowledge = loadKnowledge();

describe('the template in the knowledge base', () => {
  it('names only findings that exist, for every section', () => {
    const file = readTemplateFile(knowledge.dir);
    const ids = new Set(knowledge.findings.map((f) => f.id));
    expect(file.sections.map((s) => s.id).sort()).toEqual([...SECTION_IDS].sort());
    for (const s of file.sections) for (const id of s.findings) expect(ids, `${s.id}: ${id}`).toContain(id);
  });

  it('cites the evidence the issue names: unclear roles (n=7), shared goals (n=14)', () => {
    const template = loadGoalsTemplate(knowledge);
    const roles = template.find((s) => s.id === 'roles')!;
    expect(roles.citation.nl.studyCount).toBe(7);
    expect(knowledge.findings.find((f) => f.id === roles.citation.nl.findingId)!.quote).toContain(
      'onduidelijkheid over rollen en verantwoordelijkheden',
    );
    expect(template.find((s) => s.id === 'goals')!.citation.en.studyCount).toBe(14);
    for (const s of template) {
      expect(s.why.nl.length).toBeGreaterThan(10);
      expect(s.why.en.length).toBeGreaterThan(10);
    }
  });

  it('renders every section with its why line and citation, and says it holds no client identifiers', () => {
    const template = loadGoalsTemplate(knowledge);
    const doc = caseDocument(template, { alias: 'gezin-A7', version: 0, content: null }, 'en');
    expect(doc.sections.map((s) => s.id)).toEqual([...SECTION_IDS]);
    expect(doc.notice).toMatch(/no client identifiers/);
    expect(doc.sections.find((s) => s.id === 'roles')!.citation).toMatch(/n=7/);
    const nl = caseDocument(template, { alias: 'gezin-A7', version: 0, content: null }, 'nl');
    expect(nl.notice).toMatch(/geen cliëntgegevens/);
    expect(nl.sections[0].label).toBe('Casus (alias)');
  });
});

describe('personal data', () => {
  it('knows the BSN eleven-test', () => {
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456782')).toBe(true);
    expect(isValidBsn('123456789')).toBe(false);
    expect(isValidBsn('000000000')).toBe(false);
  });

  it('finds a BSN only when it passes the eleven-test', () => {
    expect(findPersonalData('bsn 123456782').map((m) => m.kind)).toEqual(['bsn']);
    expect(findPersonalData('BSN 1234.56.782')).toHaveLength(1);
    expect(findPersonalData('dossier 123456789')).toEqual([]);
  });

  it('finds dates of birth, phone numbers, e-mail, postcode with house number, a client’s full name', () => {
    const kinds = (t: string) => findPersonalData(t).map((m) => m.kind);
    expect(kinds('geboren op 12-03-2015')).toEqual(['date-of-birth']);
    expect(kinds('date of birth: 3 March 2014')).toEqual(['date-of-birth']);
    expect(kinds('geb. 2015-03-12')).toEqual(['date-of-birth']);
    expect(kinds('bel 06-12345678')).toEqual(['phone']);
    expect(kinds('bel +31 6 1234 5678')).toEqual(['phone']);
    expect(kinds('020 123 4567')).toEqual(['phone']);
    expect(kinds('mail moeder@example.nl')).toEqual(['email']);
    expect(kinds('woont op 1234 AB 12')).toEqual(['postcode']);
    expect(kinds('Dorpsstraat 5, 1234 AB Ergens')).toEqual(['postcode']);
    expect(kinds('cliënt Jan de Vries')).toEqual(['name']);
    expect(kinds('client: Fatima El Amrani')).toEqual(['name']);
    expect(redact('cliënt Jan de Vries, bel 06-12345678')).toBe('cliënt [name], bel [phone]');
  });

  it('leaves ordinary working agreements alone', () => {
    const form = validForm();
    for (const [key, value] of Object.entries(form)) {
      if (FIELDS.find((f) => f.key === key)?.kind === 'date') continue;
      expect(findPersonalData(value ?? ''), key).toEqual([]);
    }
    expect(findPersonalData('In 2025 is 3 keer overleg geweest; de cliënt wil meedoen')).toEqual([]);
  });
});

describe('checkForm', () => {
  it('accepts a valid form and turns it into the content model', () => {
    const r = checkForm(validForm(), 'nl');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.alias).toBe('gezin-A7');
    expect(r.content.goals).toHaveLength(2);
    expect(r.content.goals[0].agencies).toEqual(['school', 'wijkteam', 'leerplicht']);
    expect(r.content.roles[1]).toEqual({ agency: 'JGZ', responsibility: 'ontwikkeling van de jongste' });
    // Round trip: the edit form is prefilled with what was saved.
    const again = checkForm(contentToForm(r.alias, r.content), 'nl');
    expect(again.ok && again.content).toEqual(r.content);
  });

  it('gives an error per field that says what to fix, in the channel’s language', () => {
    const form = { ...validForm(), coordinator: '', goal1_date: '2027-02-30', roles: 'Wijkteam doet alles', alias: 'gezin A7' };
    const r = checkForm(form, 'en');
    expect(r.ok).toBe(false);
    if (r.ok || r.reason !== 'invalid') throw new Error('expected invalid');
    expect(r.errors.coordinator).toBe('Name who coordinates, e.g. case coordinator, social team.');
    expect(r.errors.goal1_date).toBe('Choose a valid date (yyyy-mm-dd).');
    expect(r.errors.roles).toMatch(/Line 1/);
    expect(r.errors.alias).toMatch(/without spaces/);
    const nl = checkForm({ ...validForm(), coordinator: '', alias: '', reviewDate: '' }, 'nl');
    if (nl.ok) throw new Error('expected invalid');
    expect(nl.errors.coordinator).toBe('Noem wie de regie voert, bijv. casusregisseur wijkteam.');
    expect(nl.errors.alias).toBe('Geef de casus een alias, zoals gezin-A7 (geen naam).');
    expect(nl.errors.reviewDate).toBe('Kies de datum waarop jullie deze afspraken evalueren.');
    // An error never repeats the field's label.
    for (const [key, message] of Object.entries(nl.errors)) expect(message).not.toContain(FIELDS.find((f) => f.key === key)!.label.nl);
  });

  it('wants one to five complete goals, and says which part of a goal is missing', () => {
    const none = { ...validForm() };
    for (const k of Object.keys(none)) if (k.startsWith('goal')) none[k] = '';
    const r = checkForm(none, 'en');
    expect(!r.ok && r.errors.goal1_text).toBe('Write at least one goal.');
    const nl = checkForm(none, 'nl');
    expect(!nl.ok && nl.errors.goal1_text).toBe('Vul minstens één doel in.');
    const half = checkForm({ ...validForm(), goal3_text: 'Nog een doel' }, 'en');
    if (half.ok) throw new Error('expected invalid');
    expect(half.errors.goal3_owner).toBe('Name who owns this goal: a professional or agency.');
    expect(half.errors.goal3_agencies).toBe('Name the agencies that work on this goal.');
    expect(half.errors.goal3_date).toBe('Choose a target date for this goal.');
  });

  it('needs only the first fields: an alias, one goal, who coordinates and a review date', () => {
    const first = { alias: 'gezin-A7', goal1_text: 'Naar school', goal1_agencies: 'school', goal1_owner: 'IB’er', goal1_date: monthsAhead(3), coordinator: 'Wijkteam', reviewDate: monthsAhead(4) };
    const r = checkForm(first, 'nl');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.content.roles).toEqual([]);
    expect(r.content.information).toEqual({ consent: '', shared: '', notShared: '' });
    expect(FIELDS.filter((f) => f.group === 'first' && !f.goal).map((f) => f.key)).toEqual(['alias', 'coordinator', 'reviewDate']);
    expect(FIELDS.filter((f) => f.group === 'details').every((f) => f.optional)).toBe(true);
  });

  it('refuses a new date that has passed, and keeps one an edit leaves as it was', () => {
    const today = '2026-12-06';
    const past = { ...validForm(), goal1_date: '2026-12-05', reviewDate: '2026-01-01' };
    const r = checkForm(past, 'en', { today });
    if (r.ok || r.reason !== 'invalid') throw new Error('expected invalid');
    expect(r.errors.goal1_date).toBe('This date has passed. Choose today or a later date.');
    expect(r.errors.reviewDate).toBe('This date has passed. Choose today or a later date.');
    expect(checkForm({ ...past, goal1_date: today }, 'en', { today, stored: { reviewDate: '2026-01-01' } }).ok).toBe(true);
    // Today is the earliest calendar date anywhere: at 06:00 UTC it is still yesterday west of UTC−6.
    expect(earliestToday(new Date('2026-12-06T06:00:00Z'))).toBe('2026-12-05');
    expect(earliestToday(new Date('2026-12-06T13:00:00Z'))).toBe('2026-12-06');
  });

  it('lays out the light form: one goal slot and the details closed, unless filled or in error', () => {
    expect(formLayout({})).toEqual({ goalSlots: 1, detailsOpen: false });
    expect(formLayout(validForm())).toEqual({ goalSlots: 2, detailsOpen: true });
    expect(formLayout({ goal1_text: 'x' }, { goal4_owner: 'Name who owns this goal' })).toEqual({ goalSlots: 4, detailsOpen: false });
    expect(formLayout({}, { chair: 'At most 100 characters.' }).detailsOpen).toBe(true);
  });

  it('refuses personal data with a message that says what and where, without repeating it', () => {
    const r = checkForm({ ...validForm(), notShared: 'BSN 123456782 van moeder', contact: 'bel 06-12345678' }, 'en');
    expect(r.ok).toBe(false);
    if (r.ok || r.reason !== 'personal-data') throw new Error('expected personal-data');
    expect(r.errors.notShared).toMatch(/citizen service number/);
    expect(r.errors.contact).toMatch(/phone number/);
    expect(r.message).toMatch(/Nothing has been stored/);
    expect(r.message).toContain('What must not be shared?');
    expect(r.message).not.toContain('123456782');
  });

  it('refuses a child named with an age, and a name as the alias, like other client data', () => {
    const child = checkForm({ ...validForm(), goal1_text: 'Jan (12) gaat weer elke dag naar school' }, 'nl');
    if (child.ok || child.reason !== 'personal-data') throw new Error('expected personal-data');
    expect(child.errors.goal1_text).toMatch(/naam van een cliënt/);
    expect(child.message).not.toContain('Jan');
    const alias = checkForm({ ...validForm(), alias: 'Jan Jansen' }, 'nl');
    expect(!alias.ok && alias.reason).toBe('personal-data');
  });

  it('scans a field only up to its maximum length, and refuses an overlong one before validating it', () => {
    // Personal data within the first 300 characters is still refused (and so never echoed back in the form).
    const early = checkForm({ ...validForm(), goal1_text: `BSN 123456782 ${'x'.repeat(60_000)}` }, 'en');
    expect(!early.ok && early.reason).toBe('personal-data');
    const long = { ...validForm(), goal1_text: 'x'.repeat(60_000), roles: `${'Wijkteam: '.repeat(5000)}` };
    const started = performance.now();
    const r = checkForm(long, 'en');
    expect(performance.now() - started).toBeLessThan(500);
    if (r.ok || r.reason !== 'invalid') throw new Error('expected invalid');
    expect(r.errors).toEqual({
      goal1_text: 'At most 300 characters; this has 60000. Please shorten it.',
      roles: 'At most 2000 characters; this has 49999. Please shorten it.',
    });
  });

  it('checks a command’s alias', () => {
    expect(checkAlias('gezin-A7', 'nl')).toEqual({ ok: true, alias: 'gezin-A7' });
    const named = checkAlias('cliënt Jan de Vries', 'nl');
    expect(named.ok === false && named.personalData).toBe(true);
    expect(checkAlias('a', 'nl').ok).toBe(false);
    // Longer than an alias can be: refused unread.
    expect(checkAlias('x'.repeat(20_000), 'nl')).toMatchObject({ ok: false, personalData: false });
  });
});

describe('parseGoalsCommand', () => {
  it('reads the subcommands', () => {
    expect(parseGoalsCommand('')).toEqual({ kind: 'new' });
    expect(parseGoalsCommand('gezin-A7')).toEqual({ kind: 'new', alias: 'gezin-A7' });
    expect(parseGoalsCommand('list')).toEqual({ kind: 'list' });
    expect(parseGoalsCommand('show gezin-A7')).toEqual({ kind: 'show', alias: 'gezin-A7' });
    expect(parseGoalsCommand('undo gezin-A7')).toEqual({ kind: 'undo', alias: 'gezin-A7' });
    expect(parseGoalsCommand('history gezin-A7')).toEqual({ kind: 'history', alias: 'gezin-A7' });
    expect(parseGoalsCommand('language en')).toEqual({ kind: 'language', language: 'en' });
    expect(parseGoalsCommand('taal')).toEqual({ kind: 'language' });
    expect(parseGoalsCommand('help')).toEqual({ kind: 'help' });
    expect(parseGoalsCommand('show')).toEqual({ kind: 'help' });
    expect(parseGoalsCommand('Jan de Vries')).toEqual({ kind: 'new', alias: 'Jan de Vries' });
  });
});
