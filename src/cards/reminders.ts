/**
 * Reflection reminders as Adaptive Cards: the weekly reminder with its questions, their
 * citations, the channel's /goals summary and three buttons; and the offer to replace a
 * channel's reminder. Only presentation: the texts come from src/reminders.
 */
import type { Language } from '../answer/reply.js';
import type { ReminderMessage } from '../reminders/delivery.js';
import type { WeeklyRule } from '../reminders/schedule.js';
import { REMINDER_TEXTS as R } from '../reminders/texts.js';
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

/** The weekly reflection reminder: the questions with their citations, the /goals summary, three buttons. */
export function reminderCard(m: ReminderMessage): AdaptiveCard {
  const body: CardElement[] = [
    text(m.title, { size: 'Large', weight: 'Bolder', style: 'heading' }),
    text(m.intro),
    text(m.questionsHeading, { weight: 'Bolder' }),
    ...m.questions.flatMap((q, i) => [text(`${i + 1}. ${q.text}`), text(q.citationText, { isSubtle: true, size: 'Small', spacing: 'None' })]),
    text(m.goals.heading, { weight: 'Bolder' }),
    text(m.goals.text),
  ];
  const button = (action: ReminderButtonValue['action'], title: string): CardAction => ({
    type: 'Action.Submit',
    title,
    data: { samen: 'reminder', action, reminderId: m.reminderId, occurrence: m.occurrence } satisfies ReminderButtonValue,
  });
  const actions = [button('done', m.buttons.done), button('snooze', m.buttons.snooze), button('skip', m.buttons.skip)];
  if (m.goals.link) actions.push({ type: 'Action.OpenUrl', title: m.goals.heading, url: m.goals.link });
  return adaptiveCard(body, actions);
}

/** A second reminder for a channel: replace it, or keep the one it has. */
export function replaceOfferCard(textLine: string, proposed: WeeklyRule, language: Language): AdaptiveCard {
  const data = (replace: boolean): ReplaceValue => ({ samen: 'reflect-replace', replace, rule: proposed });
  return adaptiveCard([text(textLine)], [
    { type: 'Action.Submit', title: R.replace[language], data: data(true) },
    { type: 'Action.Submit', title: R.keep[language], data: data(false) },
  ]);
}
