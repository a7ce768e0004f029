/**
 * The reply model as Adaptive Cards: the sources card under an answer (every source, its
 * verbatim quote, the follow-up questions as buttons), a citation's own card, and the whole
 * reply as one card (title, points with their [n] markers, sources, follow-ups) for a
 * client that shows cards only. Only presentation: what to say comes from the core.
 */
import { MESSAGES } from '../answer/messages.js';
import type { Citation, Language, Reply } from '../shared/reply.js';
import { adaptiveCard, cardText, shorten, textBlock, type AdaptiveCard, type CardAction, type CardElement } from './card.js';

/** Button titles longer than this are shortened (Teams cuts them off). */
export const BUTTON_TITLE_MAX = 80;

/** What a follow-up button sends back: the question to ask; `all` for every relevant finding ("More findings"). */
export interface AskValue {
  samen: 'ask';
  question: string;
  all?: boolean;
}

/** What a feedback button sends back: the rating and the findings the answer cited. */
export interface FeedbackValue {
  samen: 'feedback';
  rating: 'helpful' | 'not_helpful';
  findingIds: string[];
}

export interface AnswerCardOptions {
  /** Put the quotes and the studies behind a "show the quotes" toggle, so a short answer fits one screen. */
  collapseQuotes?: { show: string };
  /** How much of each quote to show (0: none). */
  quoteChars?: number;
  /** Show quotes from this citation number on (Teams: 11, the first without a pop-up). */
  quotesFrom?: number;
  /** A line under the sources for the citations without a quote (they have pop-ups elsewhere). */
  popupHint?: (lastWithPopup: number) => string;
  /** A line under the sources when a quote was shortened. */
  shortenedNote?: string;
  /** Buttons on the same row as the quotes toggle (the feedback), to keep the answer short. */
  besideToggle?: CardAction[];
}

/** Buttons side by side, one ActionSet per column: a host that stacks actions (the web chat) would give each its own row. */
function buttonRow(actions: CardAction[]): CardElement {
  return {
    type: 'ColumnSet',
    spacing: 'Medium',
    columns: actions.map((action) => ({ type: 'Column', width: 'auto', items: [{ type: 'ActionSet', actions: [action] }] })),
  };
}

/** The card under an answer: every source, its quote where asked, and the follow-ups. */
export function answerCard(reply: Reply, options: AnswerCardOptions = {}): AdaptiveCard {
  return withFollowUps(adaptiveCard(sourcesBody(reply, options)), reply);
}

function sourcesBody(reply: Reply, options: AnswerCardOptions): CardElement[] {
  const lang = reply.language;
  const quoteChars = options.quoteChars ?? Infinity;
  const quotesFrom = options.quotesFrom ?? 1;
  const body: CardElement[] = [textBlock(MESSAGES.sourcesHeading[lang], { weight: 'Bolder', size: 'Medium' })];
  let shortened = false;
  const quoteIds: string[] = [];
  reply.citations.forEach((c, i) => {
    // Collapsed, a source is its review and location; its studies and quote are one click away.
    const studies = studiesBlock(c, lang).map((block) => {
      if (!options.collapseQuotes) return block;
      quoteIds.push(`studies-${c.n}`);
      return { ...block, id: `studies-${c.n}`, isVisible: false };
    });
    const items: CardElement[] = [{ type: 'TextBlock', text: `[${c.n}] **${cardText(c.sourceTitle)}**, ${cardText(c.location)}`, wrap: true }, ...studies];
    if (c.n >= quotesFrom && quoteChars > 0) {
      const id = `quote-${c.n}`;
      const hidden = options.collapseQuotes ? { id, isVisible: false } : {};
      if (options.collapseQuotes) quoteIds.push(id);
      items.push(textBlock(`“${shorten(c.quote, quoteChars)}”`, { size: 'Small', spacing: 'Small', ...hidden }));
      shortened ||= c.quote.length > quoteChars;
    }
    body.push({ type: 'Container', separator: i > 0, spacing: options.collapseQuotes ? 'Small' : 'Medium', items });
  });
  if (options.collapseQuotes && quoteIds.length) {
    body.push(buttonRow([{ type: 'Action.ToggleVisibility', title: options.collapseQuotes.show, targetElements: quoteIds }, ...(options.besideToggle ?? [])]));
  } else if (options.besideToggle?.length) {
    body.push(buttonRow(options.besideToggle));
  }
  const withPopups = reply.citations.filter((c) => c.n < quotesFrom);
  if (withPopups.length && options.popupHint) {
    const last = Math.max(...withPopups.map((c) => c.n));
    body.push(textBlock(options.popupHint(last), { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  }
  if (shortened && options.shortenedNote) body.push(textBlock(options.shortenedNote, { isSubtle: true, size: 'Small' }));
  return body;
}

/** Only the follow-up questions (or examples, under another heading) as buttons. */
export function followUpCard(reply: Reply, heading: string = MESSAGES.followUpsHeading[reply.language]): AdaptiveCard {
  return withFollowUps(adaptiveCard([]), reply, heading);
}

/**
 * The citation's own card (Teams: its pop-up): the verbatim passage, and the studies when
 * the caller says the citation's keywords could not hold them.
 */
export function citationCard(c: Citation, lang: Language, quoteChars = Infinity, withStudies = true): AdaptiveCard {
  return adaptiveCard([textBlock(`“${shorten(c.quote, quoteChars)}”`), ...(withStudies ? studiesBlock(c, lang) : [])]);
}

export interface ReplyCardOptions {
  /**
   * False: an answer has no title. Its title ("What the reviews say about: <question>") repeats the
   * question, which a chat shows right above in the user's own bubble. Other replies keep their short title.
   */
  answerTitle?: boolean;
  /** The title of the toggle that shows the verbatim quotes (they start hidden, so an answer fits one screen). */
  showQuotes?: string;
  /** Thumbs up/down under an answer, with these titles. */
  feedback?: { helpful: string; notHelpful: string };
  /** Heading of the buttons of a reply that is not an answer (help, out of scope): its example questions. */
  examplesHeading?: string;
}

const SECTION_COLOR: Record<string, string> = { helps: 'Good', hinders: 'Attention', actions: 'Accent', findings: 'Default' };

/**
 * The whole reply as one card: title, intro, each section's points with their [n]
 * markers, and for an answer its sources with the full quotes and the follow-ups.
 */
export function replyCard(reply: Reply, options: ReplyCardOptions = {}): AdaptiveCard {
  const titled = reply.kind !== 'answer' || options.answerTitle !== false;
  const body: CardElement[] = titled ? [textBlock(reply.title, { size: 'Large', weight: 'Bolder', style: 'heading' })] : [];
  for (const p of reply.intro) body.push(textBlock(p));
  for (const s of reply.sections) {
    body.push({
      type: 'Container',
      spacing: 'Medium',
      items: [
        textBlock(s.heading, { weight: 'Bolder', color: SECTION_COLOR[s.kind] ?? 'Default' }),
        ...s.points.map((p) =>
          textBlock(`• ${p.text.replace(/^[•·–-]\s+/, '')} ${p.citations.map((n) => `[${n}]`).join('')}`, { spacing: 'Small' }),
        ),
      ],
    });
  }
  const feedback: CardAction[] = [];
  if (options.feedback && reply.kind === 'answer' && reply.citations.length) {
    const findingIds = reply.citations.map((c) => c.id);
    const button = (rating: FeedbackValue['rating'], title: string): CardAction => ({
      type: 'Action.Submit',
      title,
      data: { samen: 'feedback', rating, findingIds } satisfies FeedbackValue,
    });
    feedback.push(button('helpful', options.feedback.helpful), button('not_helpful', options.feedback.notHelpful));
  }
  if (reply.citations.length) {
    // The feedback sits on the row of the quotes toggle: one row less, so a short answer fits one screen.
    const collapse = options.showQuotes ? { collapseQuotes: { show: options.showQuotes } } : {};
    body.push({ type: 'Container', separator: true, spacing: 'Large', items: sourcesBody(reply, { ...collapse, besideToggle: feedback }) });
  }
  const heading = reply.kind === 'answer' ? MESSAGES.followUpsHeading[reply.language] : (options.examplesHeading ?? MESSAGES.followUpsHeading[reply.language]);
  return withFollowUps(adaptiveCard(body), reply, heading);
}

/** Follow-up questions as buttons: a click asks that question. */
function withFollowUps(card: AdaptiveCard, reply: Reply, heading: string = MESSAGES.followUpsHeading[reply.language]): AdaptiveCard {
  // The findings left out of a short answer are one click away.
  const more = reply.kind === 'answer' && reply.more ? [moreAction(reply)] : [];
  if (!reply.followUps.length && !more.length) return card;
  if (reply.followUps.length) card.body.push(textBlock(heading, { weight: 'Bolder', spacing: 'Large' }));
  card.actions = [...more, ...reply.followUps.map((q) => askAction(q))];
  return card;
}

/** "N more findings": the same question answered with every relevant finding. */
function moreAction(reply: Reply): CardAction {
  return {
    type: 'Action.Submit',
    title: MESSAGES.more[reply.language](reply.more ?? 0),
    data: { samen: 'ask', question: reply.question, all: true } satisfies AskValue,
  };
}

export function askAction(question: string): CardAction {
  return { type: 'Action.Submit', title: shorten(question, BUTTON_TITLE_MAX), data: { samen: 'ask', question } satisfies AskValue };
}

function studiesBlock(c: Citation, lang: Language): CardElement[] {
  if (!c.studies.length) return [];
  return [textBlock(`${MESSAGES.studiesLabel[lang]}: ${c.studies.join('; ')}`, { isSubtle: true, size: 'Small', spacing: 'None' })];
}
