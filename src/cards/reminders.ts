/**
 * Reflection reminders as Adaptive Cards: the weekly reminder with its questions, their
 * citations, the channel's /goals cases and three buttons; and the offer to replace a
 * channel's reminder. Only presentation: the words come from the conversation layer's
 * catalog (src/conversation/texts), written in the host's markup style.
 */
import { renderMarkup, type MarkupStyle } from '../conversation/markup.js';
import type { ReflectView } from '../conversation/reflect.js';
import { texts } from '../conversation/texts/index.js';
import type { ReminderMessage } from '../reminders/delivery.js';
import type { WeeklyRule } from '../reminders/schedule.js';
import { adaptiveCard, textBlock as text, type AdaptiveCard, type CardAction, type CardElement } from './card.js';

/** A reminder button's payload. */
export interface ReminderButtonValue {
  samen: 'reminder';
  action: 'done' | 'snooze' | 'skip';
  reminderId: string;
  occurrence: string;
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
  const body: CardElement[] = [
    text(t.title, { size: 'Large', weight: 'Bolder', style: 'heading' }),
    text(t.intro),
    text(t.questionsHeading, { weight: 'Bolder' }),
    ...m.questions.flatMap((q, i) => [text(`${i + 1}. ${q.text}`), text(q.citationText, { isSubtle: true, size: 'Small', spacing: 'None' })]),
    text(t.goalsHeading, { weight: 'Bolder' }),
    text(renderMarkup(t.goals(m.goals.cases), style)),
  ];
  const button = (action: ReminderButtonValue['action'], title: string): CardAction => ({
    type: 'Action.Submit',
    title,
    data: { samen: 'reminder', action, reminderId: m.reminderId, occurrence: m.occurrence } satisfies ReminderButtonValue,
  });
  const actions = [button('done', t.done), button('snooze', t.snooze), button('skip', t.skip)];
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
