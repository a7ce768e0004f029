/** The reflection reminder and the offer to replace one as Slack Block Kit, in the catalog's words. */
import type { types } from '@slack/bolt';
type KnownBlock = types.KnownBlock;
import type { ReminderMessage } from '../../reminders/delivery.js';
import { NOTE_MAX_CHARS } from '../../reminders/answers.js';
import { chartPath } from '../../reminders/chart.js';
import { PREVIEW_ID, type ButtonValue } from '../../reminders/service.js';
import type { WeeklyRule } from '../../reminders/schedule.js';
import { z } from 'zod';
import { reminderLoopWords, type AskMore, type ReflectView } from '../../conversation/reflect.js';
import { texts } from '../../conversation/texts/index.js';
import { ACTIONS } from './ids.js';
import { mrkdwnOf } from './render.js';

export const REMINDER_ACTIONS = {
  done: 'samen_reminder_done',
  snooze: 'samen_reminder_snooze',
  skip: 'samen_reminder_skip',
  replace: 'samen_reminder_replace',
  keep: 'samen_reminder_keep',
  /** A rating of one question: suffixed :prompt:n (action ids are unique within a message). */
  rate: 'samen_reflection_rate',
  /** Open the note modal of one question: suffixed :prompt. */
  note: 'samen_reflection_note',
} as const;

/** The note modal's callback id and its one input. */
export const NOTE_VIEW = { callbackId: 'samen_reflection_note_modal', block: 'note', action: 'note_input' } as const;

/** What a rating or note button carries: the reminder, its occurrence, the question and (rating) the score. */
const AnswerValueSchema = z.object({ r: z.string().min(1).max(200), o: z.string().min(1).max(40), p: z.string().min(1).max(100), n: z.number().int().min(1).max(5).optional(), q: z.string().max(300).optional() });
export type AnswerValue = z.infer<typeof AnswerValueSchema>;
/** The note modal's private metadata: the answer's value and where the reminder is (channel, message). */
const NoteMetaSchema = AnswerValueSchema.extend({ c: z.string().min(1), t: z.string().optional() });
export type NoteMeta = z.infer<typeof NoteMetaSchema>;

function parseJson<T>(schema: z.ZodType<T>, value: string | undefined): T | undefined {
  try {
    const r = schema.safeParse(JSON.parse(value ?? ''));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
export const parseAnswerValue = (v: string | undefined) => parseJson(AnswerValueSchema, v);
export const parseNoteMeta = (v: string | undefined) => parseJson(NoteMetaSchema, v);

const ButtonValueSchema = z.object({ r: z.string().min(1), o: z.string().min(1) });
const RuleSchema = z.object({
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  minute: z.number().int().min(0).max(59),
  zone: z.string().min(1),
});

export const reminderButtonValue = (v: ButtonValue) => JSON.stringify({ r: v.reminderId, o: v.occurrence });

export function parseReminderButtonValue(value: string | undefined): ButtonValue | undefined {
  try {
    const r = ButtonValueSchema.safeParse(JSON.parse(value ?? ''));
    return r.success ? { reminderId: r.data.r, occurrence: r.data.o } : undefined;
  } catch {
    return undefined;
  }
}

export function parseRuleValue(value: string | undefined): WeeklyRule | undefined {
  try {
    const r = RuleSchema.safeParse(JSON.parse(value ?? ''));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export function reminderBlocks(m: ReminderMessage): KnownBlock[] {
  const t = texts(m.language).reflect;
  const value = reminderButtonValue({ reminderId: m.reminderId, occurrence: m.occurrence });
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(t.title, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(t.intro, 3000) } },
    { type: 'section', text: { type: 'mrkdwn', text: `*${t.questionsHeading}*` } },
  ];
  const r = texts(m.language).reflection;
  const loop = reminderLoopWords(m);
  // A preview shows the questions only: it belongs to no occurrence that could be answered.
  const answerable = m.reminderId !== PREVIEW_ID;
  // Before the week's questions: the recap, then the points of attention with what the reviews say.
  const loopBlocks: KnownBlock[] = [];
  if (loop.recap) loopBlocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(`*${loop.recap.heading}*\n${mrkdwnOf(loop.recap.body)}`, 3000) } });
  if (loop.attention) {
    loopBlocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(`*${loop.attention.heading}*\n${mrkdwnOf(loop.attention.body)}`, 3000) } });
    loopBlocks.push(...askMoreBlocks(loop.attention.ask));
  }
  blocks.splice(blocks.length - 1, 0, ...loopBlocks);
  if (answerable) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: r.scaleHint }] });
  m.questions.forEach((q, i) => {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(`*${i + 1}.* ${q.text}`, 3000) } });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(q.citationText, 3000) }] });
    if (!answerable) return;
    const base = { r: m.reminderId, o: m.occurrence, p: q.id };
    blocks.push({
      type: 'actions',
      elements: [
        ...r.scale.map((label, n) => ({
          type: 'button' as const,
          action_id: `${REMINDER_ACTIONS.rate}:${q.id}:${n + 1}`,
          text: { type: 'plain_text' as const, text: label },
          value: JSON.stringify({ ...base, n: n + 1 } satisfies AnswerValue),
        })),
        { type: 'button', action_id: `${REMINDER_ACTIONS.note}:${q.id}`, text: { type: 'plain_text', text: `✏️ ${r.noteButton}` }, value: JSON.stringify({ ...base, q: clip(q.text, 300) } satisfies AnswerValue) },
      ],
    });
  });
  if (loop.respondents) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: loop.respondents }] });
  blocks.push({ type: 'divider' });
  const summary = mrkdwnOf(t.goals(m.goals.cases));
  const goals = m.goals.link ? `${summary}\n<${m.goals.link}>` : summary;
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(`*${t.goalsHeading}*\n${goals}`, 3000) } });
  blocks.push({
    type: 'actions',
    elements: [
      { type: 'button', style: 'primary', action_id: REMINDER_ACTIONS.done, text: { type: 'plain_text', text: t.done }, value },
      { type: 'button', action_id: REMINDER_ACTIONS.snooze, text: { type: 'plain_text', text: t.snooze }, value },
      { type: 'button', action_id: REMINDER_ACTIONS.skip, text: { type: 'plain_text', text: t.skip }, value },
    ],
  });
  return blocks;
}

export function replaceOfferBlocks(text: string, proposed: WeeklyRule, labels: { replace: string; keep: string }): KnownBlock[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text } },
    {
      type: 'actions',
      elements: [
        { type: 'button', style: 'primary', action_id: REMINDER_ACTIONS.replace, text: { type: 'plain_text', text: labels.replace }, value: JSON.stringify(proposed) },
        { type: 'button', action_id: REMINDER_ACTIONS.keep, text: { type: 'plain_text', text: labels.keep }, value: 'keep' },
      ],
    },
  ];
}

/** "Ask Samen more" buttons: they ask their question like an answer's follow-ups. */
function askMoreBlocks(ask: readonly AskMore[]): KnownBlock[] {
  const elements = ask
    .filter((a) => a.question.length <= 2000)
    .slice(0, 5)
    .map((a, i) => ({ type: 'button' as const, action_id: `${ACTIONS.ask}:${i}`, text: { type: 'plain_text' as const, text: clip(a.label, 75) }, value: a.question }));
  return elements.length ? [{ type: 'actions', elements }] : [];
}

/** The note modal of one question of a reminder. */
export function noteModal(meta: NoteMeta, question: string, language: ReminderMessage['language']) {
  const r = texts(language).reflection;
  return {
    type: 'modal' as const,
    callback_id: NOTE_VIEW.callbackId,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text' as const, text: clip(r.noteTitle, 24) },
    submit: { type: 'plain_text' as const, text: r.save },
    close: { type: 'plain_text' as const, text: r.cancel },
    blocks: [
      {
        type: 'input' as const,
        block_id: NOTE_VIEW.block,
        label: { type: 'plain_text' as const, text: clip(r.noteLabel(question), 2000) },
        element: {
          type: 'plain_text_input' as const,
          action_id: NOTE_VIEW.action,
          multiline: true,
          max_length: NOTE_MAX_CHARS,
          placeholder: { type: 'plain_text' as const, text: clip(r.notePlaceholder, 150) },
        },
      },
    ],
  };
}

/**
 * A reflect view as a Slack message: the trend's text (with its chart when Slack can fetch it
 * from publicUrl) and "ask more" buttons, the export's CSV in a code block, else the text.
 */
export function reflectViewMessage(view: Extract<ReflectView, { kind: 'trend' | 'export' }>, publicUrl?: string): { text: string; blocks: KnownBlock[] } {
  const text = mrkdwnOf(view.body);
  if (view.kind === 'export') {
    const csv = view.csv ? `\`\`\`${view.csv.replace(/\r\n/g, '\n')}\`\`\`` : '';
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } }, ...(csv ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: clip(csv, 3000) } }] : [])] };
  }
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clip(view.heading, 150) } }];
  if (publicUrl && view.chart) blocks.push({ type: 'image', image_url: `${publicUrl.replace(/\/$/, '')}${chartPath(view.chart)}`, alt_text: view.chartAlt });
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } }, ...askMoreBlocks(view.ask));
  return { text, blocks };
}
