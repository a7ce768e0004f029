/**
 * The /goals form's and case document's vocabulary in both languages: field labels, buttons
 * and validation messages (plain text). What /goals tells the user (its notices) is in the
 * conversation layer's catalog, src/conversation/texts. Section labels and their "why" lines
 * live in knowledge/goals-template.yaml.
 */
import type { Language } from '../shared/reply.js';
import { PERSONAL_DATA_LABELS, type PersonalDataKind } from '../privacy/personal-data.js';

type L<T> = Record<Language, T>;

export const GOALS_TEXTS = {
  title: { nl: 'Samenwerkingsafspraken', en: 'Working agreement' } as L<string>,
  noIdentifiers: {
    nl: '🔒 Dit formulier bevat geen cliëntgegevens: de casus heet alleen bij een alias. Vul geen namen, BSN, geboortedata, adressen, telefoonnummers of e-mailadressen van het gezin in.',
    en: '🔒 This template holds no client identifiers: the case is named by an alias only. Do not enter names, BSN, dates of birth, addresses, phone numbers or e-mail addresses of the family.',
  } as L<string>,
  notFilled: { nl: 'Nog niet ingevuld.', en: 'Not filled in yet.' } as L<string>,
  version: {
    nl: (v: number, at?: Date) => `Versie ${v}${at ? ` · ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}`,
    en: (v: number, at?: Date) => `Version ${v}${at ? ` · ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}`,
  },
  goal: { nl: (i: number) => `Doel ${i}`, en: (i: number) => `Goal ${i}` },
  agencies: { nl: 'Betrokken organisaties', en: 'Agencies involved' } as L<string>,
  owner: { nl: 'Eigenaar', en: 'Owner' } as L<string>,
  targetDate: { nl: 'Streefdatum', en: 'Target date' } as L<string>,
  fillIn: { nl: 'Invullen', en: 'Fill in' } as L<string>,
  edit: { nl: 'Bewerken', en: 'Edit' } as L<string>,
  save: { nl: 'Opslaan', en: 'Save' } as L<string>,
  cancel: { nl: 'Annuleren', en: 'Cancel' } as L<string>,
  close: { nl: 'Sluiten', en: 'Close' } as L<string>,
  newCase: { nl: 'Nieuwe casus', en: 'New case' } as L<string>,
  /** The light form: one goal slot and the first fields shown, the rest one click away. */
  addGoal: { nl: '+ Nog een doel', en: '+ Add a goal' } as L<string>,
  moreDetails: {
    nl: 'Meer details: rollen per organisatie, informatie delen, overleg',
    en: 'More details: roles per agency, information sharing, meetings',
  } as L<string>,
  /** Sections of the saved case that are still empty, in one line under the summary. */
  toFillIn: { nl: (sections: string) => `Nog in te vullen: ${sections}.`, en: (sections: string) => `Still to fill in: ${sections}.` },
  privacyRefused: {
    nl: (items: string) =>
      `Niet opgeslagen. Ik vond iets dat lijkt op persoonsgegevens van een cliënt: ${items}. Samen bewaart geen cliëntgegevens; de casus heet alleen bij een alias. Haal dit weg en probeer opnieuw. Er is niets opgeslagen.`,
    en: (items: string) =>
      `Not saved. I found what looks like personal data of a client: ${items}. Samen keeps no client identifiers; the case is named by an alias only. Remove it and try again. Nothing has been stored.`,
  },
  privacyField: {
    nl: (kind: PersonalDataKind) =>
      `Dit lijkt ${PERSONAL_DATA_LABELS[kind].nl}. Vul geen cliëntgegevens in; er is niets opgeslagen.`,
    en: (kind: PersonalDataKind) =>
      `This looks like ${PERSONAL_DATA_LABELS[kind].en}. Do not enter client identifiers; nothing has been stored.`,
  },
  foundIn: {
    nl: (kind: PersonalDataKind, field: string) => `${PERSONAL_DATA_LABELS[kind].nl} in "${field}"`,
    en: (kind: PersonalDataKind, field: string) => `${PERSONAL_DATA_LABELS[kind].en} in "${field}"`,
  },
  errors: {
    required: { nl: 'Vul dit in.', en: 'Please fill this in.' } as L<string>,
    /** What to write in a required field left empty: said in the field's place, never its label again. */
    missing: {
      alias: { nl: 'Geef de casus een alias, zoals gezin-A7 (geen naam).', en: 'Give the case an alias, such as family-A7 (not a name).' },
      goalText: { nl: 'Beschrijf wat jullie met het gezin willen bereiken.', en: 'Describe what you want to achieve with the family.' },
      goalAgencies: { nl: 'Noem de organisaties die aan dit doel werken.', en: 'Name the agencies that work on this goal.' },
      goalOwner: { nl: 'Noem wie eigenaar is van dit doel: een professional of organisatie.', en: 'Name who owns this goal: a professional or agency.' },
      goalDate: { nl: 'Kies een streefdatum voor dit doel.', en: 'Choose a target date for this goal.' },
      coordinator: { nl: 'Noem wie de regie voert, bijv. casusregisseur wijkteam.', en: 'Name who coordinates, e.g. case coordinator, social team.' },
      reviewDate: { nl: 'Kies de datum waarop jullie deze afspraken evalueren.', en: 'Choose the date on which you review this agreement.' },
    } satisfies Record<string, L<string>>,
    tooLong: {
      nl: (n: number, length?: number) => `Maximaal ${n} tekens${length ? `; nu ${length}. Maak het korter` : ''}.`,
      en: (n: number, length?: number) => `At most ${n} characters${length ? `; this has ${length}. Please shorten it` : ''}.`,
    },
    datePast: {
      nl: 'Deze datum is al voorbij. Kies vandaag of een latere datum.',
      en: 'This date has passed. Choose today or a later date.',
    } as L<string>,
    alias: {
      nl: 'Gebruik 2 tot 40 letters, cijfers, - of _, zonder spaties (bijv. gezin-A7). Geen naam.',
      en: 'Use 2 to 40 letters, digits, - or _, without spaces (e.g. family-A7). Not a name.',
    } as L<string>,
    date: { nl: 'Kies een geldige datum (jjjj-mm-dd).', en: 'Choose a valid date (yyyy-mm-dd).' } as L<string>,
    atLeastOneGoal: { nl: 'Vul minstens één doel in.', en: 'Write at least one goal.' } as L<string>,
    roleLine: {
      nl: (line: number) => `Regel ${line}: schrijf "Organisatie: rol en verantwoordelijkheid".`,
      en: (line: number) => `Line ${line}: write "Agency: role and responsibility".`,
    },
    tooManyRoles: { nl: 'Maximaal 10 organisaties.', en: 'At most 10 agencies.' } as L<string>,
  },
};
