/**
 * Adaptive Cards 1.5, platform-neutral: the card types and the small helpers every card
 * builder here uses. Teams wraps these cards in Bot Framework attachments
 * (src/channels/teams); the web chat renders them with Microsoft's adaptivecards renderer
 * (src/channels/web). Nothing here knows about either.
 */
import { renderBlocks, type CommandWord, type Markup, type MarkupStyle } from '../conversation/markup.js';

export const CARD_VERSION = '1.5';
export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** Adaptive Cards' own content type (Bot Framework attachments, Teams' citation pop-ups). */
export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: CardElement[];
  actions?: CardAction[];
  /** Teams' host extension (full width); added by the Teams channel, never here. */
  msteams?: { width: 'Full' };
}
export type CardElement = Record<string, unknown> & { type: string };
export type CardAction = Record<string, unknown> & { type: string; title: string };

export function adaptiveCard(body: CardElement[], actions?: CardAction[]): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: CARD_SCHEMA, version: CARD_VERSION, body, ...(actions?.length ? { actions } : {}) };
}

/** Adaptive Card text is a markdown subset; only brackets that would make links need care. */
export function cardText(text: string): string {
  return text.replace(/\]\(/g, '] (');
}

/** A wrapping TextBlock of card text. */
export function textBlock(text: string, extra: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text: cardText(text), wrap: true, ...extra };
}

/** At most max characters, cut at a word where possible, with an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(1, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A short notice (commands, errors, limits) as a card: an optional bold heading, then lines. */
export function noticeCard(lines: string[], heading?: string): AdaptiveCard {
  return adaptiveCard([
    ...(heading ? [textBlock(heading, { weight: 'Bolder' })] : []),
    ...lines.filter((l) => l.trim() !== '').map((l) => textBlock(l)),
  ]);
}

/**
 * Samen's markup as Adaptive Card markdown: emphasis in bold, commands in bold in the host's
 * own words (Teams: goals; the web chat: /goals), a literal in quotes (cards have no code).
 */
export function cardStyle(command: (word: CommandWord, args?: string) => string): MarkupStyle {
  return {
    text: (t) => t,
    em: (t) => `**${t}**`,
    code: (t) => `‘${t}’`,
    command: (word, args) => `**${command(word, args)}**`,
    person: (name) => name,
    bullet: '- ',
    blockBreak: '\n\n',
  };
}

/** Samen's markup as a notice card: the heading in bold, a text block a paragraph or list. */
export function markupCard(markup: Markup, style: MarkupStyle, heading?: string): AdaptiveCard {
  return noticeCard(renderBlocks(markup, style), heading);
}
