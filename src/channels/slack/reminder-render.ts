/** The reflection reminder and the offer to replace one as Slack Block Kit, in the catalog's words. */
import type { types } from '@slack/bolt';
type KnownBlock = types.KnownBlock;
import type { ReminderMessage } from '../../reminders/delivery.js';
import type { ButtonValue } from '../../reminders/service.js';
import type { WeeklyRule } from '../../reminders/schedule.js';
import { z } from 'zod';
import { texts } from '../../conversation/texts/index.js';
import { mrkdwnOf } from './render.js';

export const REMINDER_ACTIONS = {
  done: 'samen_reminder_done',
  snooze: 'samen_reminder_snooze',
  skip: 'samen_reminder_skip',
  replace: 'samen_reminder_replace',
  keep: 'samen_reminder_keep',
} as const;

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
  m.questions.forEach((q, i) => {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(`*${i + 1}.* ${q.text}`, 3000) } });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(q.citationText, 3000) }] });
  });
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
