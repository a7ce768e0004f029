/**
 * The reply model as a Teams message: markdown text with [n] markers, Teams' AI message
 * features (the "AI generated" label and citation entities in one schema.org Message
 * entity, the feedback loop), and the shared Adaptive Card (src/cards) with the sources and
 * the follow-up questions as buttons. Only the Bot Framework wrapping: what the cards say
 * is src/cards', what to say the core's.
 *
 * Teams' limits: at most 10 citation entities a message (it rejects more); a name of 80
 * characters, an abstract of 160, 3 keywords of 28; a message of at most 100 KB counted in UTF-16, of
 * which Microsoft recommends using 80 KB ("Format your bot messages", learn.microsoft.com). A [n] in the
 * text is a citation only with its entity, so sources 11 and up (a "more findings" answer) are written
 * as "(source 11)" and listed in the card: never more [n] markers than citation entities.
 */
import type { Reply } from '../../shared/reply.js';
import { ADAPTIVE_CARD, BUTTON_TITLE_MAX, answerCard, cardStyle, citationCard, followUpCard, shorten } from '../../cards/index.js';
import type { AdaptiveCard, AskValue, CardAction } from '../../cards/index.js';
import { help, type HelpView } from '../../conversation/commands.js';
import { list, renderMarkup, type CommandWord, type Markup, type MarkupStyle } from '../../conversation/markup.js';
import { TEAMS_TEXTS as T } from './texts.js';

export { shorten } from '../../cards/index.js';
export type { AdaptiveCard, AskValue, CardAction, CardElement } from '../../cards/index.js';

export const MAX_CITATIONS = 10;
/**
 * UTF-16 bytes of JSON for text, entities, attachments and channel data: Microsoft's recommended 80 KB of
 * the 100 KB limit, less room for the activity around them (ids, addresses, reply-to).
 */
export const MESSAGE_BUDGET = 76_000;
export const LIMITS = { citationName: 80, citationAbstract: 160, keywords: 3, keyword: 28, buttonTitle: BUTTON_TITLE_MAX } as const;

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

/**
 * The schema.org Message entity that carries the citations and, on an answer a language
 * model wrote (reply.mode 'llm'), Teams' AI label. An extractive answer is the reviews' own
 * findings put together without a model: citations, no AI label.
 */
export interface AiMessageEntity {
  type: 'https://schema.org/Message';
  '@type': 'Message';
  '@context': 'https://schema.org';
  '@id': '';
  additionalType?: ['AIGeneratedContent'];
  citation?: ClientCitation[];
}

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

/** A command as typed to the bot in Teams: its own words ("goals list"), no slash commands. */
const teamsCommand = (word: CommandWord, args?: string) => (args ? `${word} ${args}` : word);

/** Samen's markup as Teams message markdown: **bold** emphasis and commands, `code`. */
export const TEAMS_STYLE: MarkupStyle = {
  text: (t) => escapeText(t),
  em: (t) => bold(t),
  code: (t) => `\`${escapeText(t)}\``,
  command: (word, args) => bold(teamsCommand(word, args)),
  person: (name) => escapeText(name),
  bullet: '- ',
  blockBreak: '\n\n',
};

/** The same for the text of the shared Adaptive Cards (goals, reminders) in Teams. */
export const TEAMS_CARD_STYLE: MarkupStyle = cardStyle(teamsCommand);

export const teamsMarkdown = (markup: Markup): string => renderMarkup(markup, TEAMS_STYLE);

/** Samen's own words as a notice: the heading in bold, then the text. */
export function renderSaid(body: Markup, heading?: string): TeamsMessage {
  return renderNotice(joinBlocks([...(heading ? [bold(heading)] : []), teamsMarkdown(body)]));
}

/** Any reply from the core, rendered for Teams. */
export function renderReply(reply: Reply, options: RenderOptions = {}): TeamsMessage {
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply, options);
    case 'out-of-scope':
      return renderOutOfScope(reply);
    case 'help':
      return renderHelp({ ...help(reply.language), reply });
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
      entities: [aiEntity(citationEntities(reply, fit.popupQuote), reply.mode === 'llm')],
      attachments: [
        card(
          answerCard(reply, {
            quoteChars: fit.cardQuote,
            quotesFrom: MAX_CITATIONS + 1,
            popupHint: T.popupHint[reply.language],
            shortenedNote: T.quotesShortened[reply.language],
          }),
        ),
      ],
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
    ...(reply.mode === 'llm' ? { entities: [aiEntity([], true)] } : {}),
    attachments: reply.followUps.length ? [card(followUpCard(reply, T.examplesHeading[reply.language]))] : undefined,
    channelData: { feedbackLoopEnabled: true },
  };
}

/** The help: the core's help text, how to ask in Teams, the commands (as typed to the bot) and example questions. */
export function renderHelp(view: HelpView): TeamsMessage {
  const { reply, commands } = view;
  const lang = reply.language;
  return {
    type: 'message',
    text: joinBlocks([
      bold(reply.title),
      ...reply.intro.map(escapeText),
      T.howToAsk[lang],
      `${bold(commands.heading)}\n${teamsMarkdown([list(...commands.items)])}`,
    ]),
    textFormat: 'markdown',
    attachments: reply.followUps.length ? [card(followUpCard(reply, T.examplesHeading[lang]))] : undefined,
  };
}

/** The answer as markdown: title, intro, each section's points with their [n] markers. */
export function answerText(reply: Reply): string {
  const blocks = [bold(reply.title), ...reply.intro.map(escapeText)];
  for (const section of reply.sections) {
    const points = section.points.map((p) => `- ${escapeText(p.text)} ${p.citations.map((n) => marker(n, reply.language)).join('')}`);
    blocks.push(`${bold(section.heading)}\n${points.join('\n')}`);
  }
  return joinBlocks(blocks);
}

function aiEntity(citations: ClientCitation[], modelWritten: boolean): AiMessageEntity {
  const entity: AiMessageEntity = {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    ...(modelWritten ? { additionalType: ['AIGeneratedContent'] as ['AIGeneratedContent'] } : {}),
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
        // The studies go into the pop-up when the keywords cannot hold them all.
        const keywordsHoldStudies = c.studies.length <= LIMITS.keywords && c.studies.every((s) => s.length <= LIMITS.keyword);
        appearance.text = JSON.stringify(citationCard(c, reply.language, popupQuote, !keywordsHoldStudies));
        appearance.encodingFormat = ADAPTIVE_CARD;
      }
      return { '@type': 'Claim', position: c.n, appearance };
    });
}

/**
 * The shared cards with Teams' host extensions: full width, and follow-up buttons as
 * messageBack, so a click also shows the question in the chat as the user's.
 */
export function forTeams(content: AdaptiveCard): AdaptiveCard {
  const withMessageBack = (a: CardAction): CardAction => {
    const data = a.data as Partial<AskValue> | undefined;
    if (a.type !== 'Action.Submit' || data?.samen !== 'ask' || typeof data.question !== 'string') return a;
    return { ...a, data: { ...data, msteams: { type: 'messageBack', text: data.question, displayText: data.question } } };
  };
  return { ...content, ...(content.actions ? { actions: content.actions.map(withMessageBack) } : {}), msteams: { width: 'Full' } };
}

function card(content: AdaptiveCard): CardAttachment {
  return { contentType: ADAPTIVE_CARD, content: forTeams(content) };
}

/** A shared card (goals, reminder, replace offer) as a Teams message with a text fallback. */
export function cardMessage(content: AdaptiveCard, fallback: string): TeamsMessage {
  return { type: 'message', text: fallback, textFormat: 'markdown', attachments: [card(content)] };
}

/** The size Teams counts, near enough: the message's JSON in bytes. */
/** The size as Teams counts it: the payload encoded as UTF-16. */
export function messageBytes(message: TeamsMessage): number {
  return Buffer.byteLength(JSON.stringify(message), 'utf16le');
}

/** [n] for a source with a citation entity; the rest by number, listed in the card. */
function marker(n: number, language: Reply['language']): string {
  return n <= MAX_CITATIONS ? `[${n}]` : ` (${language === 'nl' ? 'bron' : 'source'} ${n})`;
}

/**
 * Teams reads message text as markdown with some HTML: angle brackets could open a tag and
 * swallow text. (A lone & is shown as it is; the reviews' study names use it.)
 */
export function escapeText(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function bold(text: string): string {
  return `**${escapeText(text)}**`;
}

function joinBlocks(blocks: string[]): string {
  return blocks.filter((b) => b.trim() !== '').join('\n\n');
}
