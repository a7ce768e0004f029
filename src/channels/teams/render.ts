/**
 * The reply model as a Teams message: markdown text with [n] markers, Teams' AI message
 * features (the "AI generated" label and citation entities in one schema.org Message
 * entity, the feedback loop), and an Adaptive Card 1.5 with the sources and the follow-up
 * questions as buttons. Only presentation: what to say comes from the core.
 *
 * Teams' limits: at most 10 citation entities a message (it rejects more); a name of 80
 * characters, an abstract of 160, 3 keywords of 28; a message of about 28 KB in all.
 * Citations 11 and up keep their [n] in the text and are listed in the card.
 */
import { MESSAGES } from '../../answer/messages.js';
import type { Citation, Language, Reply } from '../../answer/reply.js';
import { TEAMS_TEXTS as T, type Command } from './texts.js';

export const MAX_CITATIONS = 10;
export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
export const CARD_VERSION = '1.5';
/** Bytes of JSON for text, entities, attachments and channel data: Teams refuses a message over about 28 KB, and the activity around them takes some too. */
export const MESSAGE_BUDGET = 22_000;
export const LIMITS = { citationName: 80, citationAbstract: 160, keywords: 3, keyword: 28, buttonTitle: 80 } as const;

/** What a card button sends back (as activity.value); msteams.messageBack also shows the question. */
export interface AskValue {
  samen: 'ask';
  question: string;
}

export interface ClientCitation {
  '@type': 'Claim';
  position: number;
  appearance: {
    '@type': 'DigitalDocument';
    name: string;
    abstract: string;
    keywords?: string[];
    /** A stringified Adaptive Card shown in the citation's pop-up (encodingFormat says so). */
    text?: string;
    encodingFormat?: typeof ADAPTIVE_CARD;
  };
}

/** The schema.org Message entity that carries Teams' AI label and citations. */
export interface AiMessageEntity {
  type: 'https://schema.org/Message';
  '@type': 'Message';
  '@context': 'https://schema.org';
  '@id': '';
  additionalType: ['AIGeneratedContent'];
  citation?: ClientCitation[];
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: CardElement[];
  actions?: CardAction[];
  msteams?: { width: 'Full' };
}
export type CardElement = Record<string, unknown> & { type: string };
export type CardAction = Record<string, unknown> & { type: string; title: string };

export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD;
  content: AdaptiveCard;
}

export interface TeamsMessage {
  type: 'message';
  text: string;
  textFormat: 'markdown';
  entities?: AiMessageEntity[];
  attachments?: CardAttachment[];
  channelData?: { feedbackLoopEnabled: boolean };
}

export interface RenderOptions {
  /** Byte budget of the message (tests lower it). */
  budget?: number;
}

/** Any reply from the core, rendered for Teams. */
export function renderReply(reply: Reply, options: RenderOptions = {}): TeamsMessage {
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply, options);
    case 'out-of-scope':
      return renderOutOfScope(reply);
    case 'help':
      return renderHelp(reply);
    default:
      return renderNotice(joinBlocks([bold(reply.title), ...reply.intro.map(escapeText)]));
  }
}

/** A plain message from Samen itself (commands, errors): no AI label, no feedback. */
export function renderNotice(markdown: string): TeamsMessage {
  return { type: 'message', text: markdown, textFormat: 'markdown' };
}

/**
 * How much of each verbatim passage the citation pop-ups (sources 1–10) and the card (the
 * sources past ten, which have no pop-up) show; lowered step by step until the message fits.
 */
interface Fit {
  popupQuote: number;
  cardQuote: number;
}
const FITS: Fit[] = [
  { popupQuote: Infinity, cardQuote: Infinity },
  { popupQuote: Infinity, cardQuote: 300 },
  { popupQuote: 800, cardQuote: 200 },
  { popupQuote: 400, cardQuote: 160 },
  { popupQuote: 0, cardQuote: 0 },
];

function renderAnswer(reply: Reply, options: RenderOptions): TeamsMessage {
  const budget = options.budget ?? MESSAGE_BUDGET;
  const text = answerText(reply);
  let message!: TeamsMessage;
  for (const fit of FITS) {
    message = {
      type: 'message',
      text,
      textFormat: 'markdown',
      entities: [aiEntity(citationEntities(reply, fit.popupQuote))],
      attachments: [card(answerCard(reply, { quoteChars: fit.cardQuote, quotesFrom: MAX_CITATIONS + 1 }))],
      channelData: { feedbackLoopEnabled: true },
    };
    if (messageBytes(message) <= budget) return message;
  }
  // Still too large: the citations in the text keep their pop-ups; the card keeps the follow-ups.
  return { ...message, attachments: reply.followUps.length ? [card(followUpCard(reply))] : undefined };
}

function renderOutOfScope(reply: Reply): TeamsMessage {
  return {
    type: 'message',
    text: joinBlocks([bold(reply.title), ...reply.intro.map(escapeText)]),
    textFormat: 'markdown',
    entities: [aiEntity([])],
    attachments: reply.followUps.length ? [card(followUpCard(reply, T.examplesHeading[reply.language]))] : undefined,
    channelData: { feedbackLoopEnabled: true },
  };
}

function renderHelp(reply: Reply): TeamsMessage {
  const lang = reply.language;
  const commands = (Object.keys(T.commands[lang]) as Command[]).map((c) => `- **${c}**: ${T.commands[lang][c]}`);
  return {
    type: 'message',
    text: joinBlocks([
      bold(reply.title),
      ...reply.intro.map(escapeText),
      T.howToAsk[lang],
      `${bold(T.commandsHeading[lang])}\n${commands.join('\n')}`,
    ]),
    textFormat: 'markdown',
    attachments: reply.followUps.length ? [card(followUpCard(reply, T.examplesHeading[lang]))] : undefined,
  };
}

/** The answer as markdown: title, intro, each section's points with their [n] markers. */
export function answerText(reply: Reply): string {
  const blocks = [bold(reply.title), ...reply.intro.map(escapeText)];
  for (const section of reply.sections) {
    const points = section.points.map((p) => `- ${escapeText(p.text)} ${p.citations.map((n) => `[${n}]`).join('')}`);
    blocks.push(`${bold(section.heading)}\n${points.join('\n')}`);
  }
  return joinBlocks(blocks);
}

function aiEntity(citations: ClientCitation[]): AiMessageEntity {
  const entity: AiMessageEntity = {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    additionalType: ['AIGeneratedContent'],
  };
  if (citations.length) entity.citation = citations;
  return entity;
}

/** Teams citations for the first ten sources; position is the n of the [n] in the text. */
export function citationEntities(reply: Reply, popupQuote = Infinity): ClientCitation[] {
  return reply.citations
    .filter((c) => c.n <= MAX_CITATIONS)
    .slice(0, MAX_CITATIONS)
    .map((c) => {
      const appearance: ClientCitation['appearance'] = {
        '@type': 'DigitalDocument',
        name: shorten(`${c.sourceTitle}, ${c.location}`, LIMITS.citationName),
        abstract: shorten(c.quote, LIMITS.citationAbstract),
      };
      const keywords = c.studies.slice(0, LIMITS.keywords).map((s) => shorten(s, LIMITS.keyword));
      if (keywords.length) appearance.keywords = keywords;
      if (popupQuote > 0) {
        appearance.text = JSON.stringify(citationCard(c, reply.language, popupQuote));
        appearance.encodingFormat = ADAPTIVE_CARD;
      }
      return { '@type': 'Claim', position: c.n, appearance };
    });
}

/**
 * The citation's pop-up card: the verbatim passage, and the studies when the keywords could
 * not hold them all. (Teams shows the name, i.e. the source and location, above it.)
 */
export function citationCard(c: Citation, lang: Language, quoteChars = Infinity): AdaptiveCard {
  const keywordsHoldStudies = c.studies.length <= LIMITS.keywords && c.studies.every((s) => s.length <= LIMITS.keyword);
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body: [
      { type: 'TextBlock', text: cardText(`“${shorten(c.quote, quoteChars)}”`), wrap: true },
      ...(keywordsHoldStudies ? [] : studiesBlock(c, lang)),
    ],
  };
}

export interface AnswerCardOptions {
  /** How much of each quote to show (0: none). */
  quoteChars?: number;
  /** Show quotes from this citation number on (Teams: 11, the first without a pop-up). */
  quotesFrom?: number;
}

/** The card under an answer: every source (also past ten), its quote where asked, and the follow-ups. */
export function answerCard(reply: Reply, options: AnswerCardOptions = {}): AdaptiveCard {
  const lang = reply.language;
  const quoteChars = options.quoteChars ?? Infinity;
  const quotesFrom = options.quotesFrom ?? 1;
  const body: CardElement[] = [
    { type: 'TextBlock', text: MESSAGES.sourcesHeading[lang], weight: 'Bolder', size: 'Medium', wrap: true },
  ];
  let shortened = false;
  reply.citations.forEach((c, i) => {
    const items: CardElement[] = [
      { type: 'TextBlock', text: `[${c.n}] **${cardText(c.sourceTitle)}**, ${cardText(c.location)}`, wrap: true },
      ...studiesBlock(c, lang),
    ];
    if (c.n >= quotesFrom && quoteChars > 0) {
      items.push({ type: 'TextBlock', text: cardText(`“${shorten(c.quote, quoteChars)}”`), size: 'Small', spacing: 'Small', wrap: true });
      shortened ||= c.quote.length > quoteChars;
    }
    body.push({ type: 'Container', separator: i > 0, spacing: 'Medium', items });
  });
  const withPopups = reply.citations.filter((c) => c.n < quotesFrom);
  if (withPopups.length) {
    const last = Math.max(...withPopups.map((c) => c.n));
    body.push({ type: 'TextBlock', text: T.popupHint[lang](last), isSubtle: true, size: 'Small', spacing: 'Medium', wrap: true });
  }
  if (shortened) body.push({ type: 'TextBlock', text: T.quotesShortened[lang], isSubtle: true, size: 'Small', wrap: true });
  return withFollowUps(
    { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: CARD_VERSION, body, msteams: { width: 'Full' } },
    reply,
    MESSAGES.followUpsHeading[lang],
  );
}

function followUpCard(reply: Reply, heading: string = MESSAGES.followUpsHeading[reply.language]): AdaptiveCard {
  return withFollowUps(
    { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: CARD_VERSION, body: [], msteams: { width: 'Full' } },
    reply,
    heading,
  );
}

/** Follow-up questions as buttons: a click asks that question, shown in the chat as the user's. */
function withFollowUps(c: AdaptiveCard, reply: Reply, heading: string): AdaptiveCard {
  if (!reply.followUps.length) return c;
  c.body.push({ type: 'TextBlock', text: heading, weight: 'Bolder', spacing: 'Large', wrap: true });
  c.actions = reply.followUps.map((q) => askAction(q));
  return c;
}

export function askAction(question: string): CardAction {
  const value: AskValue = { samen: 'ask', question };
  return {
    type: 'Action.Submit',
    title: shorten(question, LIMITS.buttonTitle),
    data: { ...value, msteams: { type: 'messageBack', text: question, displayText: question } },
  };
}

function studiesBlock(c: Citation, lang: Language): CardElement[] {
  if (!c.studies.length) return [];
  return [
    {
      type: 'TextBlock',
      text: cardText(`${MESSAGES.studiesLabel[lang]}: ${c.studies.join('; ')}`),
      isSubtle: true,
      size: 'Small',
      spacing: 'None',
      wrap: true,
    },
  ];
}

function card(content: AdaptiveCard): CardAttachment {
  return { contentType: ADAPTIVE_CARD, content };
}

/** The size Teams counts, near enough: the message's JSON in bytes. */
export function messageBytes(message: TeamsMessage): number {
  return Buffer.byteLength(JSON.stringify(message), 'utf8');
}

/** At most max characters, cut at a word where possible, with an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(1, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Teams reads message text as markdown with some HTML: angle brackets could open a tag and
 * swallow text. (A lone & is shown as it is; the reviews' study names use it.)
 */
export function escapeText(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Adaptive Card text is a markdown subset; only brackets that would make links need care. */
function cardText(text: string): string {
  return text.replace(/\]\(/g, '] (');
}

function bold(text: string): string {
  return `**${escapeText(text)}**`;
}

function joinBlocks(blocks: string[]): string {
  return blocks.filter((b) => b.trim() !== '').join('\n\n');
}
