/** The web chat's own wording, in both languages. Findings never live here. */
import type { Language } from '../../answer/reply.js';

export const WEB_TEXTS = {
  feedback: {
    nl: { helpful: '👍 Nuttig', notHelpful: '👎 Niet nuttig' },
    en: { helpful: '👍 Helpful', notHelpful: '👎 Not helpful' },
  },
  feedbackThanks: { nl: 'Bedankt voor je feedback.', en: 'Thank you for your feedback.' },
  feedbackNotStored: {
    nl: 'Je feedback kon niet worden opgeslagen (geen database).',
    en: 'Your feedback could not be stored (no database).',
  },
  examplesHeading: { nl: 'Probeer bijvoorbeeld', en: 'Try for example' },
  showQuotes: { nl: 'Toon de letterlijke passages', en: 'Show the verbatim passages' },
  previewNote: {
    nl: 'Voorbeeld: zo ziet de wekelijkse reflectieherinnering eruit die Samen in een Slack- of Teams-kanaal plaatst (`/reflect weekly …`).',
    en: 'Preview: this is the weekly reflection reminder Samen posts in a Slack or Teams channel (`/reflect weekly …`).',
  },
  previewButton: {
    nl: 'Dit is een voorbeeld; in Slack of Teams meldt deze knop:',
    en: 'This is a preview; in Slack or Teams this button reports:',
  },
  you: { nl: 'jou', en: 'you' },
  reflectOnlyPreview: {
    nl: 'In de webchat toont `/reflect preview` de reflectieherinnering. Wekelijkse herinneringen stel je in een Slack- of Teams-kanaal in.',
    en: 'In the web chat, `/reflect preview` shows the reflection reminder. Weekly reminders are set in a Slack or Teams channel.',
  },
  comingSoon: {
    nl: (command: string) => `**${command}** is niet beschikbaar: Samen draait zonder database. Stel gerust vragen over samenwerking rond gezinnen.`,
    en: (command: string) => `**${command}** is not available: Samen runs without a database. Ask me about collaboration around families.`,
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
