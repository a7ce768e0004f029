/**
 * goals and reflect in Teams, and the submits of their cards: the conversation layer does
 * them (src/conversation/goals.ts, reflect.ts) and answers with views; this file only reads
 * Teams' card data and renders the views as Teams messages with the shared Adaptive Cards.
 */
import {
  exportCard,
  goalsViewCard,
  reflectionSubmission,
  reminderCard,
  replaceOfferCard,
  trendCard,
  type GoalsSubmitValue,
  type ReflectionAnswerValue,
  type ReminderButtonValue,
  type ReplaceValue,
} from '../../cards/index.js';
import { formValues, goalsSubmit, toldOf, type GoalsView, type GoalsWhere } from '../../conversation/goals.js';
import { reflectAnswer, reflectButton, reflectReplace, reminderFallback, type Reminders, type ReflectView } from '../../conversation/reflect.js';
import { chartPath } from '../../reminders/chart.js';
import type { GoalsService } from '../../goals/service.js';
import { cardMessage, renderSaid, TEAMS_CARD_STYLE, teamsMarkdown, type TeamsMessage } from './render.js';

/** Where the answers go: a new message in the conversation, or the card that was submitted, updated. */
export interface Outbox {
  post(message: TeamsMessage): Promise<string | undefined>;
  /** Replaces the submitted card (updateActivity); posts when there is none. */
  update(message: TeamsMessage): Promise<void>;
}

/** The conversation (without the reply chain), with its platform ('teams'), tenant and the user's language. */
export type Where = GoalsWhere;

export type CardSubmit = GoalsSubmitValue | ReminderButtonValue | ReplaceValue | ReflectionAnswerValue;

/** The value of one of the goals or reminder cards' submits, if this is one. */
export function cardSubmit(value: unknown): (CardSubmit & Record<string, unknown>) | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown> & { samen?: unknown };
  return v.samen === 'goals' || v.samen === 'reminder' || v.samen === 'reflect-replace' || v.samen === 'reflection'
    ? (v as CardSubmit & Record<string, unknown>)
    : undefined;
}

/** A goals view: a case or form as a card (in place of the submitted one where it replaces it), else a notice. Throws what failed, after telling. */
export async function showGoals(view: GoalsView, out: Outbox): Promise<void> {
  const card = goalsViewCard(view, TEAMS_CARD_STYLE);
  const told = toldOf(view);
  const fallback = 'doc' in view ? (('note' in view && view.note) || view.doc.title) : '';
  const message = card ? cardMessage(card, fallback) : renderSaid(told?.body ?? [], told?.heading);
  await ('replace' in view && view.replace ? out.update(message) : out.post(message));
  if (view.kind === 'notice' && view.failed !== undefined) throw view.failed;
}

/**
 * A reflect view: the offer to replace as a card with its two buttons, the trend (its chart from
 * publicUrl, where Teams can fetch it) and the export as cards, answers saved as the reminder's
 * card updated with its count, else a notice (in place of the offer it answers).
 */
export async function showReflect(view: ReflectView, out: Outbox, replacing = false, publicUrl?: string): Promise<void> {
  if (view.kind === 'answered') return out.update(cardMessage(reminderCard(view.message, TEAMS_CARD_STYLE), reminderFallback(view.message)));
  const message =
    view.kind === 'offer-replace'
      ? cardMessage(replaceOfferCard(view, TEAMS_CARD_STYLE), teamsMarkdown(view.body))
      : view.kind === 'trend'
        ? cardMessage(trendCard(view, TEAMS_CARD_STYLE, publicUrl && view.chart ? `${publicUrl.replace(/\/$/, '')}${chartPath(view.chart)}` : undefined), teamsMarkdown(view.body))
        : view.kind === 'export'
          ? cardMessage(exportCard(view, TEAMS_CARD_STYLE), teamsMarkdown(view.body))
          : renderSaid(view.body);
  await (replacing ? out.update(message) : out.post(message));
  if (view.kind === 'notice' && view.failed !== undefined) throw view.failed;
}

/** A goals or reminder card's submit. user: who clicked, by name; userId: their id (answers store it hashed). */
export async function cardSubmitted(
  deps: { goals?: GoalsService; reminders?: Reminders },
  where: Where,
  value: CardSubmit & Record<string, unknown>,
  user: string,
  out: Outbox,
  userId?: string,
): Promise<void> {
  const { language } = where;
  if (value.samen === 'reflection') {
    const submission = reflectionSubmission({ ...value, reminderId: String(value.reminderId), occurrence: String(value.occurrence) });
    return showReflect(await reflectAnswer(deps.reminders, where, submission, userId ?? user, language), out);
  }
  if (value.samen === 'goals') {
    const version = Number(value.version ?? 0);
    const input = {
      values: formValues(value),
      version: Number.isFinite(version) ? version : 0,
      language: value.language === 'en' || value.language === 'nl' ? value.language : language,
      newCase: value.newCase === true,
    };
    return showGoals(await goalsSubmit(deps.goals, { ...where, language: input.language }, input), out);
  }
  if (value.samen === 'reflect-replace') return showReflect(await reflectReplace(deps.reminders, where, value, language), out, true);
  const action = value.action === 'snooze' || value.action === 'skip' ? value.action : 'done';
  const clicked = { reminderId: String(value.reminderId), occurrence: String(value.occurrence) };
  return showReflect(await reflectButton(deps.reminders, where, action, clicked, user, language), out);
}
