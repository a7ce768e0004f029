/**
 * The reflection reminders in the conversation: `reflect …`, a reminder's buttons and the
 * offer to replace a channel's reminder, each answered with a view model in the catalog's
 * words; and the words of the weekly reminder itself. The reminder service does the work
 * and answers with models (src/reminders/service.ts).
 */
import type { Language } from '../shared/reply.js';
import type { AttentionPoint, ReminderMessage } from '../reminders/delivery.js';
import type { ChartData } from '../reminders/chart.js';
import type { WeeklyRule } from '../reminders/schedule.js';
import type {
  AnswerOutcome,
  AnswerSubmission,
  ButtonAction,
  ButtonOutcome,
  ButtonValue,
  ChannelRef,
  CommandResult,
  ReflectOutcome,
  TrendReport,
} from '../reminders/service.js';
import { em, list, p, type Markup } from './markup.js';
import { texts } from './texts/index.js';

/** What the conversation needs of the reminder service. */
export interface Reminders {
  command(ref: ChannelRef, text: string): Promise<CommandResult>;
  set(ref: ChannelRef, rule: WeeklyRule, language?: Language, replacing?: boolean): Promise<CommandResult>;
  keep(ref: ChannelRef): Promise<CommandResult>;
  button(ref: ChannelRef, action: ButtonAction, value: ButtonValue, userLabel: string): Promise<{ language: Language; outcome: ButtonOutcome; messageRef?: string }>;
  answer(ref: ChannelRef, submission: AnswerSubmission, userId: string): Promise<{ language: Language; outcome: AnswerOutcome }>;
}

/** "Ask Samen more" about a point of attention: a button that asks the question. */
export interface AskMore {
  label: string;
  question: string;
}

export type ReflectView =
  /** A text for the user; thread: the reminder message it answers (its replies go there); failed: the error to log. */
  | { kind: 'notice'; language: Language; body: Markup; thread?: string; failed?: unknown }
  /** The channel has a reminder already: replace it with `proposed`, or keep it. */
  | { kind: 'offer-replace'; language: Language; body: Markup; proposed: WeeklyRule; replace: string; keep: string }
  /** `reflect trend`: the text (reads well anywhere), the chart's data where a channel shows images, and "ask more" buttons. */
  | { kind: 'trend'; language: Language; heading: string; body: Markup; chart?: ChartData; chartAlt: string; ask: AskMore[] }
  /** `reflect export`: a line about it and the CSV (no CSV when there is nothing to export). */
  | { kind: 'export'; language: Language; body: Markup; csv?: string }
  /** Answers saved: a thank-you, and the reminder's message as it now reads (its count), for the channel to update it. */
  | { kind: 'answered'; language: Language; body: Markup; message: ReminderMessage };

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
    case 'trend':
      return trendWords(language, outcome.report);
    case 'export':
      return outcome.rows ? texts(language).reflection.exportIntro(outcome.rows) : texts(language).reflection.exportNone;
  }
}

/** What the reviews say about each point of attention, as text. */
export function attentionWords(language: Language, points: readonly AttentionPoint[]): Markup {
  const r = texts(language).reflection;
  return points.flatMap((a) => [...r.attentionIntro(a.question, a.latest), list(...a.evidence.map((e) => [e.text, ' ', em(`(${e.citationText})`)]))]);
}

/** The trend as text: a line per question (its averages, direction, point of attention), then the evidence for the weak ones. */
export function trendWords(language: Language, report: TrendReport): Markup {
  const r = texts(language).reflection;
  if (report.prompts.length === 0) return r.trendNone;
  return [
    p(r.scaleLegend, '.'),
    list(...report.prompts.map((t) => r.trendItem(t.question, t.points.map((x) => x.average), t.direction, t.attention))),
    ...(report.attention.length ? [p(em(r.attentionHeading)), ...attentionWords(language, report.attention)] : []),
  ];
}

/** The reflection loop's parts of a reminder, in words: the count, the points of attention with their evidence, the recap. */
export function reminderLoopWords(m: ReminderMessage): {
  respondents?: string;
  attention?: { heading: string; body: Markup; ask: AskMore[] };
  recap?: { heading: string; body: Markup };
} {
  const r = texts(m.language).reflection;
  return {
    ...(m.respondents !== undefined ? { respondents: r.respondents(m.respondents) } : {}),
    ...(m.attention?.length
      ? {
          attention: {
            heading: r.attentionHeading,
            body: attentionWords(m.language, m.attention),
            ask: m.attention.map((a) => ({ label: r.askMore, question: a.askMore })),
          },
        }
      : {}),
    ...(m.recap ? { recap: { heading: r.recapHeading, body: r.recap(m.recap) } } : {}),
  };
}

function viewOf({ language, outcome }: CommandResult): ReflectView {
  const body = reflectWords(language, outcome);
  const r = texts(language).reflection;
  if (outcome.kind === 'trend') {
    const { report } = outcome;
    return {
      kind: 'trend',
      language,
      heading: r.trendHeading,
      body,
      ...(report.prompts.length ? { chart: report.chart } : {}),
      chartAlt: r.chartAlt,
      ask: report.attention.map((a) => ({ label: r.askMore, question: a.askMore })),
    };
  }
  if (outcome.kind === 'export') return { kind: 'export', language, body, ...(outcome.rows ? { csv: outcome.csv } : {}) };
  if (outcome.kind !== 'offer-replace') return { kind: 'notice', language, body };
  const t = texts(language).reflect;
  return { kind: 'offer-replace', language, body, proposed: outcome.proposed, replace: t.replace, keep: t.keep };
}

const failed = (language: Language, err: unknown): ReflectView => ({ kind: 'notice', language, body: texts(language).failed, failed: err });
const unavailable = (language: Language): ReflectView => ({ kind: 'notice', language, body: texts(language).unavailable('reflect') });

/** `reflect …` (the words after the command) in a channel; without the reminders (no database): "not switched on". */
export async function reflectCommand(reminders: Pick<Reminders, 'command'> | undefined, ref: ChannelRef, args: string, language: Language): Promise<ReflectView> {
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

/** Answers to a reminder's questions (a rating, a note); userId: the platform's user id (stored hashed). */
export async function reflectAnswer(
  reminders: Pick<Reminders, 'answer'> | undefined,
  ref: ChannelRef,
  submission: AnswerSubmission,
  userId: string,
  language: Language,
): Promise<ReflectView> {
  if (!reminders) return unavailable(language);
  try {
    const { language: lang, outcome } = await reminders.answer(ref, submission, userId);
    const r = texts(lang).reflection;
    switch (outcome.kind) {
      case 'saved':
        return { kind: 'answered', language: lang, body: r.saved(outcome.message.respondents ?? 1), message: outcome.message };
      case 'refused':
        return { kind: 'notice', language: lang, body: r.refused(outcome.found) };
      case 'note-too-long':
        return { kind: 'notice', language: lang, body: r.noteTooLong(outcome.max) };
      case 'empty':
        return { kind: 'notice', language: lang, body: r.empty };
      case 'gone':
        return { kind: 'notice', language: lang, body: r.gone };
    }
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
