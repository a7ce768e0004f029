/**
 * Reflection reminders as Adaptive Cards: the weekly reminder with its questions, their
 * citations, the channel's /goals cases and three buttons; and the offer to replace a
 * channel's reminder. Only presentation: the words come from the conversation layer's
 * catalog (src/conversation/texts), written in the host's markup style.
 */
import { renderMarkup, type MarkupStyle } from '../conversation/markup.js';
import { reminderLoopWords, type AskMore, type ReflectView } from '../conversation/reflect.js';
import { texts } from '../conversation/texts/index.js';
import type { ReminderMessage } from '../reminders/delivery.js';
import { NOTE_MAX_CHARS } from '../reminders/answers.js';
import { PREVIEW_ID, type AnswerSubmission } from '../reminders/service.js';
import type { WeeklyRule } from '../reminders/schedule.js';
import { adaptiveCard, textBlock as text, type AdaptiveCard, type CardAction, type CardElement } from './card.js';

/** A reminder button's payload. */
export interface ReminderButtonValue {
  samen: 'reminder';
  action: 'done' | 'snooze' | 'skip';
  reminderId: string;
  occurrence: string;
}

/** "Send answers" under a reminder: with the card's inputs rating_<prompt> and note_<prompt> merged in. */
export interface ReflectionAnswerValue {
  samen: 'reflection';
  reminderId: string;
  occurrence: string;
}

const RATING_INPUT = 'rating_';
const NOTE_INPUT = 'note_';

/** The answers in a submitted reminder card's inputs: a rating 1–5 (anything else is no rating) and a note per question. */
export function reflectionSubmission(data: ReflectionAnswerValue & Record<string, unknown>): AnswerSubmission {
  const answers = new Map<string, { promptId: string; rating?: number; note?: string }>();
  const of = (promptId: string) => answers.get(promptId) ?? answers.set(promptId, { promptId }).get(promptId)!;
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    if (key.startsWith(RATING_INPUT) && /^[1-5]$/.test(value.trim())) of(key.slice(RATING_INPUT.length)).rating = Number(value.trim());
    else if (key.startsWith(NOTE_INPUT)) of(key.slice(NOTE_INPUT.length)).note = value;
  }
  return { reminderId: data.reminderId, occurrence: data.occurrence, answers: [...answers.values()] };
}

/** "Ask Samen more": buttons that ask a question, as the answer cards' follow-ups do. */
export function askMoreActions(ask: readonly AskMore[]): CardElement[] {
  if (ask.length === 0) return [];
  return [{ type: 'ActionSet', actions: ask.map((a) => ({ type: 'Action.Submit', title: a.label, tooltip: a.question, data: { samen: 'ask', question: a.question } })) }];
}

/** The answer to the offer to replace a channel's reminder. */
export interface ReplaceValue {
  samen: 'reflect-replace';
  replace: boolean;
  rule: WeeklyRule;
}

/** The weekly reflection reminder: the questions with their citations, the /goals cases, three buttons. */
export function reminderCard(m: ReminderMessage, style: MarkupStyle): AdaptiveCard {
  const t = texts(m.language).reflect;
  const r = texts(m.language).reflection;
  // A preview shows the questions only: it belongs to no occurrence that could be answered.
  const answerable = m.reminderId !== PREVIEW_ID;
  const loop = reminderLoopWords(m);
  const controls = (promptId: string, question: string): CardElement[] =>
    answerable
      ? [
          {
            type: 'Input.ChoiceSet',
            id: `${RATING_INPUT}${promptId}`,
            style: 'compact',
            label: r.scaleLegend,
            placeholder: r.ratingPlaceholder,
            choices: r.scale.map((title, i) => ({ title, value: String(i + 1) })),
          },
          { type: 'Input.Text', id: `${NOTE_INPUT}${promptId}`, placeholder: r.notePlaceholder, maxLength: NOTE_MAX_CHARS, label: r.noteLabel(question), spacing: 'Small' },
        ]
      : [];
  const body: CardElement[] = [
    text(t.title, { size: 'Large', weight: 'Bolder', style: 'heading' }),
    text(t.intro),
    ...(loop.recap ? [text(loop.recap.heading, { weight: 'Bolder' }), text(renderMarkup(loop.recap.body, style))] : []),
    ...(loop.attention
      ? [text(loop.attention.heading, { weight: 'Bolder' }), text(renderMarkup(loop.attention.body, style)), ...askMoreActions(loop.attention.ask)]
      : []),
    text(t.questionsHeading, { weight: 'Bolder' }),
    ...(answerable ? [text(r.scaleHint, { isSubtle: true, size: 'Small' })] : []),
    ...m.questions.flatMap((q, i) => [
      text(`${i + 1}. ${q.text}`, { weight: 'Bolder', spacing: 'Medium' }),
      text(q.citationText, { isSubtle: true, size: 'Small', spacing: 'None' }),
      ...controls(q.id, q.text),
    ]),
    ...(loop.respondents ? [text(loop.respondents, { isSubtle: true })] : []),
    text(t.goalsHeading, { weight: 'Bolder' }),
    text(renderMarkup(t.goals(m.goals.cases), style)),
  ];
  const button = (action: ReminderButtonValue['action'], title: string): CardAction => ({
    type: 'Action.Submit',
    title,
    data: { samen: 'reminder', action, reminderId: m.reminderId, occurrence: m.occurrence } satisfies ReminderButtonValue,
  });
  const send: CardAction = {
    type: 'Action.Submit',
    title: r.send,
    style: 'positive',
    data: { samen: 'reflection', reminderId: m.reminderId, occurrence: m.occurrence } satisfies ReflectionAnswerValue,
  };
  const actions = [...(answerable ? [send] : []), button('done', t.done), button('snooze', t.snooze), button('skip', t.skip)];
  if (m.goals.link) actions.push({ type: 'Action.OpenUrl', title: t.goalsHeading, url: m.goals.link });
  return adaptiveCard(body, actions);
}

/** A second reminder for a channel: replace it, or keep the one it has. */
export function replaceOfferCard(offer: Extract<ReflectView, { kind: 'offer-replace' }>, style: MarkupStyle): AdaptiveCard {
  const data = (replace: boolean): ReplaceValue => ({ samen: 'reflect-replace', replace, rule: offer.proposed });
  return adaptiveCard([text(renderMarkup(offer.body, style))], [
    { type: 'Action.Submit', title: offer.replace, data: data(true) },
    { type: 'Action.Submit', title: offer.keep, data: data(false) },
  ]);
}

/** `reflect trend` as a card: the text, the chart where its URL is given, and "ask more" buttons for the weak spots. */
export function trendCard(view: Extract<ReflectView, { kind: 'trend' }>, style: MarkupStyle, chartUrl?: string): AdaptiveCard {
  return adaptiveCard([
    text(view.heading, { size: 'Large', weight: 'Bolder', style: 'heading' }),
    ...(chartUrl ? [{ type: 'Image', url: chartUrl, altText: view.chartAlt, size: 'Stretch' }] : []),
    text(renderMarkup(view.body, style)),
    ...askMoreActions(view.ask),
  ]);
}

/** `reflect export` as a card: what it is, and the CSV to copy. */
export function exportCard(view: Extract<ReflectView, { kind: 'export' }>, style: MarkupStyle): AdaptiveCard {
  return adaptiveCard([
    text(renderMarkup(view.body, style)),
    // A text block a line: card markdown joins single line breaks.
    ...(view.csv ?? '')
      .split('\r\n')
      .filter(Boolean)
      .map((line) => text(line, { fontType: 'Monospace', size: 'Small', spacing: 'None' })),
  ]);
}
