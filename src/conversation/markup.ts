/**
 * The tiny neutral markup of Samen's own texts (src/conversation/texts): paragraphs and
 * lists of inline pieces, each plain, emphasised, code (a literal to type), a command (to
 * type in the platform's own words) or a person. It is no platform's syntax: each channel
 * maps it with a MarkupStyle (Slack mrkdwn, Teams and Adaptive Card markdown, the terminal),
 * so no text is written in one platform's markdown and converted for another.
 */

/** The commands a user types, in whatever words the platform uses for them. */
export type CommandWord = 'help' | 'goals' | 'reflect';

export type Inline =
  | string
  | { em: string }
  | { code: string }
  /** A command to type: `/goals ALIAS` in Slack and the web chat, `goals ALIAS` in Teams. */
  | { command: CommandWord; args?: string }
  /** A person as the channel names them (Slack: a user id, mentioned; elsewhere a name). */
  | { person: string };

/** A paragraph, or a list with one line of inline pieces an item. */
export type Block = { p: Inline[] } | { list: Inline[][] };

/** What Samen says in its own words: blocks, rendered by each channel. */
export type Markup = Block[];

export const em = (text: string): Inline => ({ em: text });
export const code = (text: string): Inline => ({ code: text });
export const command = (word: CommandWord, args?: string): Inline => (args ? { command: word, args } : { command: word });
export const person = (name: string): Inline => ({ person: name });
export const p = (...inlines: Inline[]): Block => ({ p: inlines });
export const list = (...items: Inline[][]): Block => ({ list: items });
/** One paragraph: the common case. */
export const say = (...inlines: Inline[]): Markup => [p(...inlines)];

/** How a channel writes the markup. */
export interface MarkupStyle {
  /** Plain text, escaped as the platform needs. */
  text(text: string): string;
  em(text: string): string;
  code(text: string): string;
  command(word: CommandWord, args?: string): string;
  person(name: string): string;
  /** What starts a list item ("• ", "- "). */
  bullet: string;
  /** Between two blocks. */
  blockBreak: string;
}

function inline(piece: Inline, style: MarkupStyle): string {
  if (typeof piece === 'string') return style.text(piece);
  if ('em' in piece) return style.em(piece.em);
  if ('code' in piece) return style.code(piece.code);
  if ('command' in piece) return style.command(piece.command, piece.args);
  return style.person(piece.person);
}

const line = (pieces: Inline[], style: MarkupStyle) => pieces.map((x) => inline(x, style)).join('');

/** Each block as the platform's text (a list's items one a line). */
export function renderBlocks(markup: Markup, style: MarkupStyle): string[] {
  return markup.map((b) => ('p' in b ? line(b.p, style) : b.list.map((item) => `${style.bullet}${line(item, style)}`).join('\n')));
}

export function renderMarkup(markup: Markup, style: MarkupStyle): string {
  return renderBlocks(markup, style).join(style.blockBreak);
}

/** The words a command is typed with where commands start with a slash (Slack's /goals, the web chat). */
export function slashCommand(word: CommandWord, args?: string, help = '/samen help'): string {
  const typed = word === 'help' ? help : `/${word}`;
  return args ? `${typed} ${args}` : typed;
}

/** Plain text without any markup: the terminal, logs, notification fallbacks. */
export const PLAIN: MarkupStyle = {
  text: (t) => t,
  em: (t) => t,
  code: (t) => t,
  command: (word, args) => slashCommand(word, args, 'help'),
  person: (name) => name,
  bullet: '- ',
  blockBreak: '\n',
};

export const plainText = (markup: Markup): string => renderMarkup(markup, PLAIN);
