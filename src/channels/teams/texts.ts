/**
 * Teams' own frame wording, in both languages. Findings never live here; what Samen says of
 * itself (busy, failed, commands, goals, reminders) is in src/conversation/texts.
 */
import type { Language } from '../../shared/reply.js';

export const TEAMS_TEXTS = {
  howToAsk: {
    nl: 'In een persoonlijke chat typ je gewoon je vraag. In een groepschat of kanaal noem je @Samen met je vraag erachter.',
    en: 'In a personal chat, just type your question. In a group chat or channel, mention @Samen followed by your question.',
  },
  examplesHeading: { nl: 'Probeer bijvoorbeeld', en: 'Try for example' },
  popupHint: {
    nl: (last: number) => `Klik op [1] tot en met [${last}] in het antwoord voor de letterlijke tekst van die bronnen.`,
    en: (last: number) => `Click [1] to [${last}] in the answer for the verbatim passage of those sources.`,
  },
  quotesShortened: {
    nl: 'Sommige citaten zijn ingekort om binnen de grootte van een Teams-bericht te blijven.',
    en: 'Some quotes are shortened to fit within the size of a Teams message.',
  },
} as const;

/** The language Teams reports for the user (activity.locale, e.g. nl-NL), else the default. */
export function localeLanguage(locale: string | undefined, fallback: Language): Language {
  const lang = locale?.slice(0, 2).toLowerCase();
  return lang === 'nl' || lang === 'en' ? lang : fallback;
}
