/**
 * Slack's own frame texts (buttons, notices, the home tab), in both languages. The answers
 * and the help text come from the core (src/answer/messages.ts), what Samen says of itself
 * (busy, failed, goals, reminders) from the conversation layer's catalog (src/conversation/texts);
 * only Slack wording lives here.
 */
import type { Language } from '../../shared/reply.js';

type Texts<T> = Record<Language, T>;

export const SLACK_TEXTS = {
  showQuote: { nl: 'Toon citaat', en: 'Show quote' },
  quoteTitle: { nl: (n: number) => `Citaat [${n}]`, en: (n: number) => `Quote [${n}]` },
  quoteUnavailable: {
    nl: 'Dit citaat is niet meer beschikbaar.',
    en: 'This quote is no longer available.',
  },
  englishRendering: { nl: 'In het Engels', en: 'In English' },
  dutchOriginal: { nl: 'Letterlijke tekst', en: 'Verbatim Dutch text' },
  close: { nl: 'Sluiten', en: 'Close' },
  helpful: { nl: '👍 Nuttig', en: '👍 Helpful' },
  notHelpful: { nl: '👎 Niet nuttig', en: '👎 Not helpful' },
  share: { nl: 'Deel in kanaal', en: 'Share in channel' },
  sharedBy: { nl: (user: string) => `Gedeeld door <@${user}>`, en: (user: string) => `Shared by <@${user}>` },
  shortened: {
    nl: (n: number) =>
      `Ingekort: ${n === 1 ? 'één punt' : `${n} punten`} weggelaten om binnen Slacks grenzen te blijven. Stel een specifiekere vraag voor meer.`,
    en: (n: number) =>
      `Shortened: ${n === 1 ? 'one point' : `${n} points`} left out to stay within Slack's limits. Ask a narrower question for more.`,
  },
  compact: {
    nl: 'Kort antwoord: het volledige antwoord was te lang voor Slack. Stel een specifiekere vraag voor meer.',
    en: 'Short answer: the full answer was too long for Slack. Ask a narrower question for more.',
  },
  disclaimer: {
    nl: 'Bevindingen uit twee literatuuronderzoeken, geen advies over een specifiek gezin.',
    en: 'Findings from two literature reviews, not advice on a specific family.',
  },
  /** Under an answer a language model wrote (reply.mode 'llm'). */
  modelWritten: {
    nl: 'Door AI geschreven uit de geciteerde bevindingen; controleer de bronnen.',
    en: 'Written by AI from the cited findings; check the sources.',
  },
  notInChannel: {
    nl: (channel: string) =>
      `Ik kan niet antwoorden in <#${channel}>: ik ben daar geen lid. Nodig me uit met \`/invite @Samen\` en vraag het opnieuw.`,
    en: (channel: string) =>
      `I cannot answer in <#${channel}>: I am not a member there. Invite me with \`/invite @Samen\` and ask again.`,
  },
  thinking: { nl: 'denkt na…', en: 'is thinking…' },
  assistantGreeting: {
    nl: 'Hoi! Stel een vraag over samenwerking tussen instanties rond gezinnen met meervoudige problemen. Ik antwoord met bevindingen uit twee literatuuronderzoeken, elk met de bron.',
    en: 'Hi! Ask a question about collaboration between agencies around families with multiple and complex problems. I answer with findings from two literature reviews, each with its source.',
  },
  suggestedPromptsTitle: { nl: 'Probeer bijvoorbeeld:', en: 'For example:' },
  commandsHeading: { nl: 'Zo vraag je Samen', en: 'How to ask Samen' },
  /** Slack's own ways of asking; the commands follow them (the conversation layer's). */
  commands: {
    nl: [
      '• Noem *@Samen* in een kanaal: ik antwoord in de thread, en daarna ook op vervolgvragen in die thread.',
      '• Stuur me een direct bericht, of open Samen als assistent.',
      '• `/samen je vraag`: een antwoord dat alleen jij ziet, met een knop om het te delen.',
    ],
    en: [
      '• Mention *@Samen* in a channel: I answer in the thread, and then also follow-up questions in that thread.',
      '• Send me a direct message, or open Samen as an assistant.',
      '• `/samen your question`: an answer only you see, with a button to share it.',
    ],
  },
  homeTitle: { nl: 'Samen', en: 'Samen' },
  homeWhat: {
    nl: '*Wat Samen is*\nSamen beantwoordt vragen over samenwerking tussen instanties (jeugdzorg, GGZ, jeugdbescherming, onderwijs, wijkteams, justitie) rond gezinnen met meervoudige en complexe problematiek. Elk antwoord bestaat uit bevindingen uit twee Nederlandse literatuuronderzoeken, met de bron: welke review, waar, welke studies, en de letterlijke tekst.',
    en: '*What Samen is*\nSamen answers questions about collaboration between agencies (youth care, mental health, child protection, schools, community teams, justice) around families with multiple and complex problems. Every answer is made of findings from two Dutch literature reviews, with the source: which review, where, which studies, and the verbatim text.',
  },
  homeNot: {
    nl: '*Wat Samen niet is*\nSamen geeft geen advies over een specifiek gezin en vervangt geen overleg of professioneel oordeel. Zet geen namen of andere persoonsgegevens van cliënten in je vraag. Over onderwerpen buiten de reviews zegt Samen dat eerlijk.',
    en: '*What Samen is not*\nSamen gives no advice on a specific family and does not replace consultation or professional judgement. Do not put names or other personal data of clients in your question. On topics outside the reviews, Samen says so.',
  },
  homeExamples: { nl: '*Voorbeeldvragen*', en: '*Example questions*' },
  askButton: { nl: 'Stel een vraag', en: 'Ask a question' },
  askModalTitle: { nl: 'Vraag Samen', en: 'Ask Samen' },
  askModalLabel: { nl: 'Je vraag', en: 'Your question' },
  askModalHint: {
    nl: 'Het antwoord komt in je berichten met Samen. Geen namen of persoonsgegevens van cliënten.',
    en: 'The answer arrives in your messages with Samen. No names or personal data of clients.',
  },
  askModalSubmit: { nl: 'Vraag', en: 'Ask' },
} satisfies Record<string, Texts<unknown>>;
