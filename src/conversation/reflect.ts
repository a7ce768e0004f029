/**
 * The reflection reminders in the conversation: `reflect …`, a reminder's buttons and the
 * offer to replace a channel's reminder, each answered with a view model in the catalog's
 * words; and the words of the weekly reminder itself. The reminder service does the work
 * and answers with models (src/reminders/service.ts).
 */
import type { Language } from '../shared/reply.js';
import type { ReminderMessage } from '../reminders/delivery.js';
import type { WeeklyRule } from '../reminders/schedule.js';
import type { ButtonAction, ButtonOutcome, ButtonValue, ChannelRef, CommandResult, ReflectOutcome } from '../reminders/service.js';
import type { Markup } from './markup.js';
import { texts } from './texts/index.js';

/** What the conversation needs of the reminder service. */
export interface Reminders {
  command(ref: ChannelRef, text: string): Promise<CommandResult>;
  set(ref: ChannelRef, rule: WeeklyRule, language?: Language, replacing?: boolean): Promise<CommandResult>;
  keep(ref: ChannelRef): Promise<CommandResult>;
  button(ref: ChannelRef, action: ButtonAction, value: ButtonValue, userLabel: string): Promise<{ language: Language; outcome: ButtonOutcome; messageRef?: string }>;
}

export type ReflectView =
  /** A text for the user; thread: the reminder message it answers (its replies go there); failed: the error to log. */
  | { kind: 'notice'; language: Language; body: Markup; thread?: string; failed?: unknown }
  /** The channel has a reminder already: replace it with `proposed`, or keep it. */
  | { kind: 'offer-replace'; language: Language; body: Markup; proposed: WeeklyRule; replace: string; keep: string };

/** The words of a command's outcome. */
export function reflectWords(language: Language, outcome: ReflectOutcome): Markup {
  const t = texts(language).reflect;
  switch (outcome.kind) {
    case 'error':
      return t.error(outcome.error);
    case 'help':
      return t.help;
    case 'none':
      return t.none;
    case 'kept':
      return t.kept;
    case 'paused':
      return t.paused;
    case 'already-paused':
      return t.alreadyPaused;
    case 'not-paused':
      return t.notPaused;
    case 'stopped':
      return t.stopped;
    case 'posted-now':
      return t.postedNow;
    case 'offer-replace':
      return t.offerReplace(outcome.current, outcome.proposed);
    case 'set':
      return (outcome.replaced ? t.replaced : t.set)(outcome.rule, outcome.next);
    case 'list':
      return t.list(outcome.rule, outcome.next, outcome.paused);
    case 'resumed':
      return t.resumed(outcome.rule, outcome.next);
    case 'post-failed':
      return t.postFailed(outcome.code);
  }
}

function viewOf({ language, outcome }: CommandResult): ReflectView {
  const body = reflectWords(language, outcome);
  if (outcome.kind !== 'offer-replace') return { kind: 'notice', language, body };
  const t = texts(language).reflect;
  return { kind: 'offer-replace', language, body, proposed: outcome.proposed, replace: t.replace, keep: t.keep };
}

const failed = (language: Language, err: unknown): ReflectView => ({ kind: 'notice', language, body: texts(language).failed, failed: err });
const unavailable = (language: Language): ReflectView => ({ kind: 'notice', language, body: texts(language).unavailable('reflect') });

/** `reflect …` (the words after the command) in a channel; without the reminders (no database): "not switched on". */
export async function reflectCommand(reminders: Reminders | undefined, ref: ChannelRef, args: string, language: Language): Promise<ReflectView> {
  if (!reminders) return unavailable(language);
  try {
    return viewOf(await reminders.command(ref, args));
  } catch (err) {
    return failed(language, err);
  }
}

/** The answer to the offer to replace the channel's reminder. */
export async function reflectReplace(
  reminders: Reminders | undefined,
  ref: ChannelRef,
  answer: { replace: boolean; rule?: WeeklyRule },
  language: Language,
): Promise<ReflectView> {
  if (!reminders) return unavailable(language);
  try {
    return viewOf(answer.replace && answer.rule ? await reminders.set(ref, answer.rule) : await reminders.keep(ref));
  } catch (err) {
    return failed(language, err);
  }
}

/** Done, snooze or skip under a reminder; who: the user as the channel's markup names them (person). */
export async function reflectButton(
  reminders: Reminders | undefined,
  ref: ChannelRef,
  action: ButtonAction,
  value: ButtonValue,
  who: string,
  language: Language,
): Promise<ReflectView> {
  if (!reminders) return unavailable(language);
  try {
    const result = await reminders.button(ref, action, value, who);
    return { kind: 'notice', language: result.language, body: buttonWords(result.language, result.outcome), ...(result.messageRef ? { thread: result.messageRef } : {}) };
  } catch (err) {
    return failed(language, err);
  }
}

export function buttonWords(language: Language, outcome: ButtonOutcome): Markup {
  const t = texts(language).reflect;
  switch (outcome.kind) {
    case 'done':
      return t.markedDone(outcome.by);
    case 'snoozed':
      return t.snoozed(outcome.by);
    case 'skipped':
      return t.skipped(outcome.by);
    case 'already-handled':
      return t.alreadyHandled;
    case 'gone':
      return t.gone;
  }
}

/** The weekly reminder's plain text, for notifications and clients without rich layout. */
export function reminderFallback(m: ReminderMessage): string {
  return [texts(m.language).reflect.title, ...m.questions.map((q, i) => `${i + 1}. ${q.text}`)].join('\n');
}
