/**
 * The reply model as Slack Block Kit, with a plain-text fallback. Only presentation: what
 * to say comes from the core. Every message stays within Slack's limits (3000 characters
 * a text, 50 blocks, 75 characters a button label, 2000 a button value, 150 a header); an
 * answer that does not fit is cut at a point boundary, with a note saying so.
 */
import type { types } from '@slack/bolt';
import { MESSAGES } from '../../answer/messages.js';
import type { Citation, Language, Reply } from '../../shared/reply.js';
import { help, type HelpView } from '../../conversation/commands.js';
import { list, renderMarkup, slashCommand, type Markup, type MarkupStyle } from '../../conversation/markup.js';
import { ACTIONS, ASK_INPUT, MAX_VALUE, VIEWS, feedbackValue, quoteValue, shareValue } from './ids.js';
import { SLACK_TEXTS as T } from './texts.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;
type ModalView = types.ModalView;
type HomeView = types.HomeView;

/** Slack's limits (https://docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  blocks: 50,
  modalBlocks: 100,
  text: 3000,
  header: 150,
  buttonText: 75,
  buttonValue: MAX_VALUE,
  actionsElements: 25,
  contextElements: 10,
  modalTitle: 24,
  /**
   * All the text of one message's blocks. Slack rejects a message whose blocks hold more
   * than about 12,000 characters in all (msg_blocks_too_long, undocumented); Samen stays
   * well under it.
   */
  messageChars: 10_000,
  /** The plain-text fallback (notifications, screen readers, clients without blocks). */
  fallback: 3000,
} as const;

/** Sources show this much of a quote; the full quote is one click away. */
export const SHORT_QUOTE = 160;

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** Add a "Share in channel" button (ephemeral answers). */
  share?: boolean;
  /** The user who shared the answer publicly. */
  sharedBy?: string;
  /** After msg_too_long: at most three points, sources without quotes. */
  compact?: boolean;
}

/** Escapes text for mrkdwn: Slack reads &, < and > as markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Samen's markup as Slack mrkdwn: *bold*, `code`, Slack's slash commands, mentions of user ids. */
export const SLACK_STYLE: MarkupStyle = {
  text: escapeMrkdwn,
  em: (t) => `*${escapeMrkdwn(t)}*`,
  code: (t) => `\`${escapeMrkdwn(t)}\``,
  command: (word, args) => `\`${escapeMrkdwn(slashCommand(word, args))}\``,
  person: (userId) => `<@${userId}>`,
  bullet: '• ',
  blockBreak: '\n',
};

export const mrkdwnOf = (markup: Markup): string => renderMarkup(markup, SLACK_STYLE);

/** Cuts text to at most max characters, at a word boundary when there is one, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text: truncate(text, LIMITS.text) });
const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: truncate(text, max), emoji: true });
const section = (text: string): KnownBlock => ({ type: 'section', text: mrkdwn(text) });
const context = (...texts: string[]): KnownBlock => ({
  type: 'context',
  elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t)),
});

function button(actionId: string, label: string, value: string | undefined, style?: 'primary'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plain(label, LIMITS.buttonText),
    ...(value !== undefined ? { value: value.slice(0, LIMITS.buttonValue) } : {}),
    ...(style ? { style } : {}),
  };
}

const citeMarks = (ns: number[]) => ns.map((n) => `[${n}]`).join('');

function pointLine(text: string, citations: number[]): string {
  // Findings from a table arrive with the table's own bullet; one bullet is enough.
  return `• ${escapeMrkdwn(text.replace(/^[•·▪◦-]\s*/, ''))} ${citeMarks(citations)}`;
}

/** Splits text into pieces of at most max characters, at spaces where possible. */
export function split(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const space = rest.lastIndexOf(' ', max);
    const at = space > max * 0.6 ? space : max;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  if (rest !== '') out.push(rest);
  return out;
}

/** Packs lines into as few texts of at most LIMITS.text characters as possible. */
function pack(lines: string[], first = ''): string[] {
  const out: string[] = [];
  let current = first;
  for (const raw of lines) {
    const line = truncate(raw, LIMITS.text - 10);
    const next = current === '' ? line : `${current}\n${line}`;
    if (next.length > LIMITS.text) {
      out.push(current);
      current = line;
    } else current = next;
  }
  if (current !== '') out.push(current);
  return out;
}

function studiesText(c: Citation, lang: Language): string {
  return c.studies.length ? ` _${MESSAGES.studiesLabel[lang]}: ${escapeMrkdwn(truncate(c.studies.join('; '), 300))}_` : '';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function sourceBlock(c: Citation, lang: Language, compact: boolean): KnownBlock {
  const head = `*[${c.n}]* ${escapeMrkdwn(c.sourceTitle)}, ${escapeMrkdwn(c.location)}.${studiesText(c, lang)}`;
  if (compact) return section(head);
  const quote = oneLine(c.quote);
  const short = truncate(quote, SHORT_QUOTE);
  const block: KnownBlock = { type: 'section', text: mrkdwn(`${head}\n>${escapeMrkdwn(short)}`) };
  const value = quoteValue(c.id, lang);
  if (short !== quote && value) {
    block.accessory = button(`${ACTIONS.showQuote}:${c.n}`, T.showQuote[lang], value);
  }
  return block;
}

/** The characters of all texts and values in blocks, as Slack counts them toward its total. */
export function blocksTextLength(blocks: unknown): number {
  if (Array.isArray(blocks)) return blocks.reduce<number>((a, b) => a + blocksTextLength(b), 0);
  if (blocks === null || typeof blocks !== 'object') return 0;
  let n = 0;
  for (const [key, v] of Object.entries(blocks)) {
    if (typeof v === 'string' && (key === 'text' || key === 'value')) n += v.length;
    else if (typeof v === 'object') n += blocksTextLength(v);
  }
  return n;
}

/** The plain-text fallback: title, points and source list, cut at a line boundary. */
function fallbackText(reply: Reply, pointCount: number): string {
  const lines = [reply.title, ...reply.intro];
  let left = pointCount;
  for (const s of reply.sections) {
    if (left <= 0) break;
    lines.push(`${s.heading}:`);
    for (const p of s.points.slice(0, left)) lines.push(`- ${p.text} ${citeMarks(p.citations)}`);
    left -= s.points.length;
  }
  let text = '';
  for (const whole of lines) {
    const line = truncate(whole, LIMITS.fallback - 2);
    const next = text === '' ? line : `${text}\n${line}`;
    if (next.length > LIMITS.fallback - 1) return `${text}\n…`.slice(0, LIMITS.fallback);
    text = next;
  }
  return text;
}

function build(reply: Reply, pointCount: number, options: RenderOptions): SlackMessage {
  const lang = reply.language;
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(reply.title, LIMITS.header) }];
  for (const p of reply.intro) blocks.push(section(escapeMrkdwn(p)));

  // The points, section by section, as many as pointCount allows.
  const cited = new Set<number>();
  let left = pointCount;
  for (const s of reply.sections) {
    if (left <= 0) break;
    const points = s.points.slice(0, left);
    left -= points.length;
    for (const p of points) for (const n of p.citations) cited.add(n);
    for (const text of pack(
      points.map((p) => pointLine(p.text, p.citations)),
      `*${escapeMrkdwn(s.heading)}*`,
    )) {
      blocks.push(section(text));
    }
  }
  const total = reply.sections.reduce((a, s) => a + s.points.length, 0);
  const omitted = total - Math.min(pointCount, total);
  if (options.compact) blocks.push(context(T.compact[lang]));
  else if (omitted > 0) blocks.push(context(T.shortened[lang](omitted)));

  // The sources of the points shown.
  const sources = reply.citations.filter((c) => cited.has(c.n));
  if (sources.length) {
    blocks.push({ type: 'divider' });
    blocks.push(section(`*${MESSAGES.sourcesHeading[lang]}*`));
    for (const c of sources) blocks.push(sourceBlock(c, lang, options.compact ?? false));
  }

  // The findings left out of a short answer, one click away; follow-ups as buttons that ask them.
  const more = reply.kind === 'answer' && reply.more && reply.question.length <= MAX_VALUE ? [button(ACTIONS.more, MESSAGES.more[lang](reply.more), reply.question)] : [];
  const followUps = reply.followUps.filter((q) => q.length <= MAX_VALUE).slice(0, 4);
  if (followUps.length) blocks.push(section(`*${MESSAGES.followUpsHeading[lang]}*`));
  if (followUps.length || more.length) blocks.push({ type: 'actions', elements: [...more, ...followUps.map((q, i) => button(`${ACTIONS.ask}:${i}`, q, q))] });

  // Sharing for ephemeral answers; feedback with Slack's own 👍 / 👎 under the answer.
  const actions: Button[] = [];
  if (options.share) {
    const value = shareValue(reply.question, lang);
    if (value) actions.push(button(ACTIONS.share, T.share[lang], value, 'primary'));
  }
  if (actions.length) blocks.push({ type: 'actions', elements: actions });
  if (reply.kind === 'answer' && sources.length) blocks.push(feedbackBlock(sources.map((c) => c.id), lang));

  const notes = reply.kind === 'answer' ? [...(reply.mode === 'llm' ? [T.modelWritten[lang]] : []), T.disclaimer[lang]] : [];
  if (options.sharedBy) notes.unshift(T.sharedBy[lang](options.sharedBy));
  if (notes.length) blocks.push(context(...notes));

  return { text: fallbackText(reply, pointCount), blocks };
}

function fits(m: SlackMessage): boolean {
  return m.blocks.length <= LIMITS.blocks && blocksTextLength(m.blocks) <= LIMITS.messageChars && m.text.length <= LIMITS.fallback;
}

/** Renders a reply; drops trailing points (and their sources) until the message fits. */
export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const total = reply.sections.reduce((a, s) => a + s.points.length, 0);
  const max = options.compact ? Math.min(3, total) : total;
  // A reply without points (out of scope, help) is tried once, as it is.
  for (let k = max; k >= Math.min(1, max); k -= 1) {
    const m = build(reply, k, options);
    if (fits(m)) return m;
  }
  const smallest = build(reply, total === 0 ? 0 : 1, { ...options, compact: true });
  if (fits(smallest)) return smallest;
  // Pathological input (a title and intro beyond every limit): say only the essentials.
  return {
    text: truncate(reply.title, LIMITS.fallback),
    blocks: [{ type: 'header', text: plain(reply.title, LIMITS.header) }, context(T.compact[reply.language])],
  };
}

/** A short notice (errors, busy, not switched on) as a message. */
export function renderNotice(text: string): SlackMessage {
  return { text: truncate(text, LIMITS.fallback), blocks: [section(text)] };
}

/** Samen's own words as a message: the heading in bold, then the text. */
export function renderSaid(body: Markup, heading?: string): SlackMessage {
  const text = mrkdwnOf(body);
  return renderNotice(heading ? `*${escapeMrkdwn(heading)}*\n${text}` : text);
}

/** How to ask Samen in Slack, and its commands. */
function howToAsk(view: HelpView): string {
  const lang = view.reply.language;
  return `*${T.commandsHeading[lang]}*\n${T.commands[lang].join('\n')}\n${mrkdwnOf([list(...view.commands.items)])}`;
}

/** The help: the core's help reply plus Slack's own ways of asking and the commands. */
export function renderHelp(view: HelpView): SlackMessage {
  const m = renderReply(view.reply);
  m.blocks.push(section(howToAsk(view)));
  return m;
}

/** A reply from the core: the help reply (to a greeting) with the commands too. */
export function renderAnswer(reply: Reply, options: RenderOptions = {}): SlackMessage {
  return reply.kind === 'help' ? renderHelp({ ...help(reply.language), reply }) : renderReply(reply, options);
}

/** The full quote of one citation, in a modal. */
export function renderQuoteModal(c: Citation, lang: Language): ModalView {
  const blocks: KnownBlock[] = [
    section(`*${escapeMrkdwn(c.sourceTitle)}*, ${escapeMrkdwn(c.location)}.${studiesText(c, lang)}`),
  ];
  blocks.push(section(`*${T.dutchOriginal[lang]}*`));
  // Escaping lengthens text; split well under the limit so every piece fits once escaped.
  const pieces = (text: string) => split(text, LIMITS.text / 2);
  const quote = c.quote.split(/\n+/).flatMap((line) => pieces(line).map((p) => `>${escapeMrkdwn(p)}`));
  for (const text of pack(quote)) blocks.push(section(text));
  if (lang === 'en' && c.text && c.text !== c.quote) {
    blocks.push(section(`*${T.englishRendering[lang]}*`));
    for (const text of pack(pieces(c.text).map(escapeMrkdwn))) blocks.push(section(text));
  }
  return {
    type: 'modal',
    callback_id: VIEWS.quote,
    title: plain(T.quoteTitle[lang](c.n), LIMITS.modalTitle),
    close: plain(T.close[lang], LIMITS.modalTitle),
    blocks: blocks.slice(0, LIMITS.modalBlocks),
  };
}

export function renderQuoteUnavailable(lang: Language): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.quote,
    title: plain(T.quoteTitle[lang](0).replace(' [0]', ''), LIMITS.modalTitle),
    close: plain(T.close[lang], LIMITS.modalTitle),
    blocks: [section(T.quoteUnavailable[lang])],
  };
}

/** The modal for asking a question from the home tab. */
export function renderAskModal(lang: Language): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.ask,
    title: plain(T.askModalTitle[lang], LIMITS.modalTitle),
    submit: plain(T.askModalSubmit[lang], LIMITS.modalTitle),
    close: plain(T.close[lang], LIMITS.modalTitle),
    blocks: [
      {
        type: 'input',
        block_id: ASK_INPUT.block,
        label: plain(T.askModalLabel[lang], 2000),
        hint: plain(T.askModalHint[lang], 2000),
        element: { type: 'plain_text_input', action_id: ASK_INPUT.action, multiline: true, max_length: 1000 },
      },
    ],
  };
}

/** The App Home tab: what Samen is and is not, example questions, the commands. */
export function renderHome(lang: Language): HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: plain(T.homeTitle[lang], LIMITS.header) },
      section(T.homeWhat[lang]),
      section(T.homeNot[lang]),
      { type: 'actions', elements: [button(ACTIONS.openAsk, T.askButton[lang], 'ask', 'primary')] },
      { type: 'divider' },
      section(T.homeExamples[lang]),
      {
        type: 'actions',
        elements: MESSAGES.examples[lang].map((q, i) => button(`${ACTIONS.ask}:${i}`, q, q)),
      },
      { type: 'divider' },
      section(howToAsk(help(lang))),
    ],
  };
}

/** Slack's feedback buttons in a context actions block; each button's value names the findings cited and its rating. */
function feedbackBlock(findingIds: string[], lang: Language) {
  const half = (rating: 'helpful' | 'not_helpful', label: string) => ({
    text: { type: 'plain_text' as const, text: rating === 'helpful' ? '👍' : '👎' },
    accessibility_label: label,
    value: feedbackValue(findingIds, lang, rating),
  });
  return {
    type: 'context_actions' as const,
    elements: [
      {
        type: 'feedback_buttons' as const,
        action_id: ACTIONS.feedback,
        positive_button: half('helpful', T.helpful[lang]),
        negative_button: half('not_helpful', T.notHelpful[lang]),
      },
    ],
  };
}
