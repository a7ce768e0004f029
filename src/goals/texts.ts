/**
 * The /goals texts in both languages: field labels and hints, validation messages and
 * notices. Section labels and their "why" lines live in knowledge/goals-template.yaml.
 */
import type { Language } from '../answer/reply.js';
import { PERSONAL_DATA_LABELS, type PersonalDataKind } from '../privacy/personal-data.js';

type L<T> = Record<Language, T>;

export const GOALS_TEXTS = {
  title: { nl: 'Samenwerkingsafspraken', en: 'Working agreement' } as L<string>,
  noIdentifiers: {
    nl: '🔒 Dit formulier bevat geen cliëntgegevens: de casus heet alleen bij een alias. Vul geen namen, BSN, geboortedata, adressen, telefoonnummers of e-mailadressen van het gezin in.',
    en: '🔒 This template holds no client identifiers: the case is named by an alias only. Do not enter names, BSN, dates of birth, addresses, phone numbers or e-mail addresses of the family.',
  } as L<string>,
  notFilled: { nl: '_Nog niet ingevuld._', en: '_Not filled in yet._' } as L<string>,
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
  savedBy: {
    nl: (v: number) => `Opgeslagen als versie ${v}.`,
    en: (v: number) => `Saved as version ${v}.`,
  },
  conflictTitle: { nl: 'Casus gewijzigd', en: 'Case changed' } as L<string>,
  conflict: {
    nl: (alias: string, v: number) =>
      `Casus ${alias} is gewijzigd sinds je het formulier opende: er is nu versie ${v}. Je wijzigingen zijn niet opgeslagen, zodat niets ongemerkt wordt overschreven. Hieronder de nieuwere versie; open "Bewerken" opnieuw om je wijzigingen daarop aan te brengen.`,
    en: (alias: string, v: number) =>
      `Case ${alias} changed since you opened the form: it is now at version ${v}. Your changes were not saved, so nothing is overwritten without notice. The newer version is below; open "Edit" again to apply your changes to it.`,
  },
  privacyTitle: { nl: 'Niet opgeslagen: persoonsgegevens', en: 'Not saved: personal data' } as L<string>,
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
  dbDown: {
    nl: 'De casus kon niet worden opgeslagen of gelezen: de database is nu niet bereikbaar. Er is niets half opgeslagen. Probeer het over een paar minuten opnieuw.',
    en: 'The case could not be saved or read: the database is unavailable right now. Nothing was half-saved. Please try again in a few minutes.',
  } as L<string>,
  failed: {
    nl: 'Er ging iets mis met /goals. Er is niets half opgeslagen; probeer het opnieuw.',
    en: 'Something went wrong with /goals. Nothing was half-saved; please try again.',
  } as L<string>,
  notFound: {
    nl: (alias: string) => `Dit kanaal heeft geen casus ${alias}. Zie de casussen met \`goals list\`.`,
    en: (alias: string) => `This channel has no case ${alias}. See the cases with \`goals list\`.`,
  },
  listEmpty: {
    nl: 'Dit kanaal heeft nog geen casussen. Begin er een met `/goals ALIAS`.',
    en: 'This channel has no cases yet. Start one with `/goals ALIAS`.',
  } as L<string>,
  listHeading: { nl: 'Casussen in dit kanaal', en: 'Cases in this channel' } as L<string>,
  listItem: {
    nl: (alias: string, v: number, at: Date) =>
      `• *${alias}*: ${v === 0 ? 'nog niet ingevuld' : `versie ${v}`}, bijgewerkt ${at.toISOString().slice(0, 10)}`,
    en: (alias: string, v: number, at: Date) =>
      `• *${alias}*: ${v === 0 ? 'not filled in yet' : `version ${v}`}, updated ${at.toISOString().slice(0, 10)}`,
  },
  historyHeading: { nl: (a: string) => `Geschiedenis van ${a}`, en: (a: string) => `History of ${a}` },
  historyItem: {
    nl: (v: number, at: Date, note: string) => `• versie ${v}: ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC${note}`,
    en: (v: number, at: Date, note: string) => `• version ${v}: ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC${note}`,
  },
  undone: {
    nl: (a: string, v: number, from: number) => `Laatste wijziging van ${a} ongedaan gemaakt: versie ${v} is weer de inhoud van versie ${from}.`,
    en: (a: string, v: number, from: number) => `Undid the last edit of ${a}: version ${v} restores the content of version ${from}.`,
  },
  nothingToUndo: {
    nl: (a: string) => `Er is geen eerdere versie van ${a} om naar terug te gaan.`,
    en: (a: string) => `There is no earlier version of ${a} to go back to.`,
  },
  restoredNote: { nl: (from: number) => ` (terug naar versie ${from})`, en: (from: number) => ` (back to version ${from})` },
  exists: {
    nl: (a: string) => `Casus ${a} bestaat al in dit kanaal; hier is de huidige stand.`,
    en: (a: string) => `Case ${a} already exists in this channel; here is its current state.`,
  },
  languageSet: {
    nl: 'Dit kanaal gebruikt voortaan Nederlands voor /goals.',
    en: 'This channel now uses English for /goals.',
  } as L<string>,
  languageUsage: {
    nl: 'Gebruik: `goals language nl` of `goals language en`.',
    en: 'Usage: `goals language nl` or `goals language en`.',
  } as L<string>,
  help: {
    nl: (cmd: string) =>
      [
        `*${cmd}: samenwerkingsafspraken rond één gezin, samen ingevuld in dit kanaal*`,
        `• \`${cmd} ALIAS\`: zet het sjabloon voor een nieuwe casus in het kanaal (zonder alias vraagt een formulier erom).`,
        `• \`${cmd} list\`: de casussen van dit kanaal.`,
        `• \`${cmd} show ALIAS\`: de huidige stand opnieuw tonen.`,
        `• \`${cmd} history ALIAS\` en \`${cmd} undo ALIAS\`: versies bekijken en de laatste wijziging terugdraaien.`,
        `• \`${cmd} language nl|en\`: de taal van ${cmd} in dit kanaal.`,
        'Gebruik als alias een code (bijv. `gezin-A7`), nooit een naam: Samen bewaart geen cliëntgegevens.',
      ].join('\n'),
    en: (cmd: string) =>
      [
        `*${cmd}: a working agreement around one family, filled in together in this channel*`,
        `• \`${cmd} ALIAS\`: posts the template for a new case in the channel (without an alias, a form asks for it).`,
        `• \`${cmd} list\`: this channel's cases.`,
        `• \`${cmd} show ALIAS\`: shows the current state again.`,
        `• \`${cmd} history ALIAS\` and \`${cmd} undo ALIAS\`: see versions and undo the last edit.`,
        `• \`${cmd} language nl|en\`: the language of ${cmd} in this channel.`,
        'Use a code as alias (e.g. `family-A7`), never a name: Samen keeps no client identifiers.',
      ].join('\n'),
  },
  errors: {
    required: { nl: 'Vul dit in.', en: 'Please fill this in.' } as L<string>,
    tooLong: { nl: (n: number) => `Maximaal ${n} tekens.`, en: (n: number) => `At most ${n} characters.` },
    alias: {
      nl: 'Gebruik 2 tot 40 letters, cijfers, - of _, zonder spaties (bijv. gezin-A7). Geen naam.',
      en: 'Use 2 to 40 letters, digits, - or _, without spaces (e.g. family-A7). Not a name.',
    } as L<string>,
    date: { nl: 'Kies een geldige datum.', en: 'Choose a valid date.' } as L<string>,
    goalIncomplete: {
      nl: 'Een doel heeft een omschrijving, organisaties, een eigenaar en een streefdatum.',
      en: 'A goal needs a description, agencies, an owner and a target date.',
    } as L<string>,
    atLeastOneGoal: { nl: 'Vul minstens één gedeeld doel in.', en: 'Fill in at least one shared goal.' } as L<string>,
    roleLine: {
      nl: (line: number) => `Regel ${line}: schrijf "Organisatie: rol en verantwoordelijkheid".`,
      en: (line: number) => `Line ${line}: write "Agency: role and responsibility".`,
    },
    tooManyRoles: { nl: 'Maximaal 10 organisaties.', en: 'At most 10 agencies.' } as L<string>,
  },
};
