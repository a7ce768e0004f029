/** Samen's own wording in Teams, in both languages. Findings never live here. */
import type { Language } from '../../answer/reply.js';

export type Command = 'help' | 'goals' | 'reflect';

export const TEAMS_TEXTS = {
  commandsHeading: { nl: 'Opdrachten', en: 'Commands' },
  commands: {
    nl: {
      help: 'uitleg over Samen, met voorbeeldvragen',
      goals: 'gezamenlijke doelen rond een gezin vastleggen (komt binnenkort)',
      reflect: 'terugkijken op een samenwerking (komt binnenkort)',
    },
    en: {
      help: 'what Samen does, with example questions',
      goals: 'record shared goals around a family (coming soon)',
      reflect: 'look back on a collaboration (coming soon)',
    },
  } satisfies Record<Language, Record<Command, string>>,
  howToAsk: {
    nl: 'In een persoonlijke chat typ je gewoon je vraag. In een groepschat of kanaal noem je @Samen met je vraag erachter.',
    en: 'In a personal chat, just type your question. In a group chat or channel, mention @Samen followed by your question.',
  },
  examplesHeading: { nl: 'Probeer bijvoorbeeld', en: 'Try for example' },
  comingSoon: {
    nl: (command: Command) =>
      `**${command}** komt binnenkort. ${command === 'goals' ? 'Hiermee leg je straks samen met de andere instanties doelen rond een gezin vast, zonder persoonsgegevens.' : 'Hiermee kijk je straks terug op hoe de samenwerking rond een gezin verloopt.'} Tot die tijd kun je me vragen stellen over samenwerking rond gezinnen.`,
    en: (command: Command) =>
      `**${command}** is coming soon. ${command === 'goals' ? 'It will let you record goals around a family together with the other agencies, without personal data.' : 'It will let you look back on how the collaboration around a family is going.'} Until then, ask me about collaboration around families.`,
  },
  popupHint: {
    nl: (last: number) => `Klik op [1] tot en met [${last}] in het antwoord voor de letterlijke tekst van die bronnen.`,
    en: (last: number) => `Click [1] to [${last}] in the answer for the verbatim passage of those sources.`,
  },
  quotesShortened: {
    nl: 'Sommige citaten zijn ingekort om binnen de grootte van een Teams-bericht te blijven.',
    en: 'Some quotes are shortened to fit within the size of a Teams message.',
  },
  busy: {
    nl: 'Samen heeft het even te druk. Probeer het over een minuut opnieuw.',
    en: 'Samen is too busy right now. Please try again in a minute.',
  },
  failed: {
    nl: 'Er ging iets mis bij het beantwoorden van je vraag. Probeer het opnieuw; blijft het misgaan, meld het dan bij je beheerder.',
    en: 'Something went wrong while answering your question. Please try again; if it keeps failing, tell your administrator.',
  },
} as const;

/** The language Teams reports for the user (activity.locale, e.g. nl-NL), else the default. */
export function localeLanguage(locale: string | undefined, fallback: Language): Language {
  const lang = locale?.slice(0, 2).toLowerCase();
  return lang === 'nl' || lang === 'en' ? lang : fallback;
}
