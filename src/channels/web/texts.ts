/**
 * The web chat's own wording, in both languages. Findings never live here; what Samen says
 * of itself (busy, failed, feedback, commands, goals, reminders) is in src/conversation/texts. The
 * notices shown as cards are in the neutral markup (src/conversation/markup.ts).
 */
import type { Language } from '../../shared/reply.js';
import { command, say } from '../../conversation/markup.js';

export const WEB_TEXTS = {
  feedback: {
    nl: { helpful: '👍 Nuttig', notHelpful: '👎 Niet nuttig' },
    en: { helpful: '👍 Helpful', notHelpful: '👎 Not helpful' },
  },
  examplesHeading: { nl: 'Probeer bijvoorbeeld', en: 'Try for example' },
  showQuotes: { nl: 'Toon de letterlijke passages', en: 'Show the verbatim passages' },
  previewNote: {
    nl: say('Het reflectiemoment van deze week, zoals Samen het wekelijks in een Slack- of Teams-kanaal plaatst (', command('reflect', 'weekly …'), '). Je antwoorden tellen mee in ', command('reflect', 'trend'), '.'),
    en: say('This week’s reflection moment, as Samen posts it weekly in a Slack or Teams channel (', command('reflect', 'weekly …'), '). Your answers count in ', command('reflect', 'trend'), '.'),
  },
  previewButton: {
    nl: say('Dit is een voorbeeld; in Slack of Teams meldt deze knop:'),
    en: say('This is a preview; in Slack or Teams this button reports:'),
  },
  you: { nl: 'jou', en: 'you' },
  reflectOnlyPreview: {
    nl: say('In de webchat toont ', command('reflect', 'preview'), ' het reflectiemoment van deze week, ', command('reflect', 'trend'), ' het verloop en ', command('reflect', 'export'), ' de antwoorden als CSV. Wekelijkse herinneringen stel je in een Slack- of Teams-kanaal in.'),
    en: say('In the web chat, ', command('reflect', 'preview'), ' shows this week’s reflection moment, ', command('reflect', 'trend'), ' how the answers develop and ', command('reflect', 'export'), ' the answers as CSV. Weekly reminders are set in a Slack or Teams channel.'),
  },
  tooMany: {
    nl: (seconds: number) => `Er is veel kort na elkaar verstuurd. Wacht ongeveer ${seconds} seconden en probeer het dan opnieuw; er is niets verloren.`,
    en: (seconds: number) => `A lot was sent in a short time. Please wait about ${seconds} seconds and try again; nothing was lost.`,
  },
  failed: {
    nl: 'Er ging iets mis. Probeer het opnieuw; blijft het misgaan, kijk dan in het log van de server.',
    en: 'Something went wrong. Please try again; if it keeps failing, look at the server’s log.',
  },
  // The login form, when WEB_CHAT_TOKEN is set.
  loginTitle: { nl: 'Samen: inloggen', en: 'Samen: sign in' },
  loginIntro: {
    nl: 'Deze webchat is afgeschermd. Vul de toegangscode in die je van de beheerder hebt gekregen.',
    en: 'This web chat is protected. Enter the access code your administrator gave you.',
  },
  loginLabel: { nl: 'Toegangscode', en: 'Access code' },
  loginButton: { nl: 'Inloggen', en: 'Sign in' },
  loginWrong: { nl: 'Deze toegangscode klopt niet. Probeer het opnieuw.', en: 'That access code is not right. Please try again.' },
  loginTooMany: {
    nl: (minutes: number) => `Te veel mislukte pogingen. Wacht ongeveer ${minutes} minuten en probeer het dan opnieuw.`,
    en: (minutes: number) => `Too many failed attempts. Please wait about ${minutes} minutes and try again.`,
  },
} as const satisfies Record<string, Record<Language, unknown>>;
