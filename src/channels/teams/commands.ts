/**
 * `goals …` and `reflect …` in Teams, and the submits of their cards. The work is the goals
 * and reminders services'; this file only reads Teams' input and renders the answers.
 */
import type { Language } from '../../answer/reply.js';
import type { Tenant } from '../../storage/tenant.js';
import { runGoalsCommand, type GoalsReply } from '../../goals/command.js';
import { contentToForm, FIELDS, type FormValues } from '../../goals/model.js';
import { caseDocument, goalsErrorMessage, type GoalsService } from '../../goals/service.js';
import type { StoredCase } from '../../goals/store.js';
import { GOALS_TEXTS as G } from '../../goals/texts.js';
import type { ButtonAction, ButtonValue, ChannelRef, CommandResult } from '../../reminders/service.js';
import type { WeeklyRule } from '../../reminders/schedule.js';
import { goalsCard, replaceOfferCard, type GoalsSubmitValue, type ReminderButtonValue, type ReplaceValue } from '../../cards/index.js';
import { cardMessage, renderNotice, type TeamsMessage } from './render.js';

/** What the Teams side needs of the reminder service. */
export interface Reminders {
  command(ref: ChannelRef, text: string): Promise<CommandResult>;
  set(ref: ChannelRef, rule: WeeklyRule, language?: Language, replacing?: boolean): Promise<string>;
  keep(ref: ChannelRef): Promise<string>;
  button(ref: ChannelRef, action: ButtonAction, value: ButtonValue, userLabel: string): Promise<{ language: Language; text: string }>;
}

/** Where the answers go: a new message in the conversation, or the card that was submitted, updated. */
export interface Outbox {
  post(message: TeamsMessage): Promise<string | undefined>;
  /** Replaces the submitted card (updateActivity); posts when there is none. */
  update(message: TeamsMessage): Promise<void>;
}

/** The conversation, with its platform ('teams') and tenant. */
export interface Where extends Tenant {
  /** The conversation without the reply chain. */
  channelId: string;
  /** The user's locale language, for when nothing else is known. */
  language: Language;
}

export type CardSubmit = GoalsSubmitValue | ReminderButtonValue | ReplaceValue;

/** The value of one of the goals or reminder cards' submits, if this is one. */
export function cardSubmit(value: unknown): (CardSubmit & Record<string, unknown>) | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown> & { samen?: unknown };
  return v.samen === 'goals' || v.samen === 'reminder' || v.samen === 'reflect-replace' ? (v as CardSubmit & Record<string, unknown>) : undefined;
}

/** The words after the command itself ("goals list" → "list"). */
export function commandArgs(text: string): string {
  return text.trim().replace(/^\/?\S+\s*/, '');
}

const bold = (t: string) => `**${t}**`;
const md = (t: string) => t.replace(/(^|\s)\*([^*\n]+)\*(?=\s|$|[.,:;])/g, '$1**$2**');

function caseCard(goals: GoalsService, stored: Pick<StoredCase, 'alias' | 'version' | 'content'> & { updatedAt?: Date }, language: Language, note?: string): TeamsMessage {
  const doc = caseDocument(goals.template, stored, language);
  return cardMessage(goalsCard(doc, language, contentToForm(stored.alias, stored.content), { note }), note ?? doc.title);
}

/** A notice as Teams markdown: the heading in bold, a paragraph an item. */
export function teamsNotice(reply: Extract<GoalsReply, { kind: 'notice' }>): string {
  return md([...(reply.heading ? [bold(reply.heading)] : []), ...reply.lines].join('\n\n'));
}

/**
 * `goals …`: the work is src/goals/command.ts's; this renders its reply as Teams messages.
 * A failure is told to the user, then thrown for the bot to log.
 */
export async function goalsText(goals: GoalsService, where: Where, text: string, out: Outbox): Promise<void> {
  const reply = await runGoalsCommand(goals, { ...where, commandName: 'goals' }, commandArgs(text));
  const { language } = reply;
  switch (reply.kind) {
    case 'notice':
      if (reply.failed !== undefined) {
        await out.post(renderNotice(teamsNotice(reply))).catch(() => {});
        throw reply.failed;
      }
      await out.post(renderNotice(teamsNotice(reply)));
      return;
    case 'new-form':
      await out.post(caseCard(goals, { alias: '…', version: 0, content: null }, language));
      return;
    case 'case':
      await out.post(caseCard(goals, reply.case, language, reply.note));
      return;
  }
}

export async function goalsSubmit(goals: GoalsService, where: Where, value: GoalsSubmitValue & Record<string, unknown>, out: Outbox): Promise<void> {
  const language: Language = value.language === 'en' || value.language === 'nl' ? value.language : where.language;
  const channel = goals.channel(where, where.channelId);
  const values: FormValues = {};
  for (const f of FIELDS) {
    const v = value[f.key];
    if (typeof v === 'string' && v.trim() !== '') values[f.key] = v;
  }
  if (typeof value.alias === 'string') values.alias = value.alias;
  const version = typeof value.version === 'number' ? value.version : Number(value.version ?? 0);
  try {
    const outcome = await channel.submit(values, Number.isFinite(version) ? version : 0, language);
    switch (outcome.kind) {
      case 'saved':
        await out.update(caseCard(goals, outcome.case, language, G.savedBy[language](outcome.case.version)));
        return;
      case 'invalid': {
        const doc = caseDocument(goals.template, { alias: values.alias && value.alias ? values.alias : '…', version, content: null }, language);
        const summary = Object.values(outcome.errors).join(' ');
        await out.update(cardMessage(goalsCard(doc, language, values, { values, errors: outcome.errors, note: summary }), summary));
        return;
      }
      case 'personal-data':
        // Not echoed into the card: what was typed stays out of Teams' message history too.
        await out.post(renderNotice(`${bold(G.privacyTitle[language])}\n\n${md(outcome.message)}`));
        return;
      case 'conflict':
        await out.post(caseCard(goals, outcome.current, language, `${G.conflictTitle[language]}: ${G.conflict[language](outcome.current.alias, outcome.current.version)}`));
        return;
    }
  } catch (err) {
    await out.post(renderNotice(md(goalsErrorMessage(err, language)))).catch(() => {});
    throw err;
  }
}

export async function reflectText(reminders: Reminders, where: Where, text: string, out: Outbox): Promise<void> {
  const ref: ChannelRef = { platform: where.platform, tenantId: where.tenantId, channelId: where.channelId };
  const result = await reminders.command(ref, commandArgs(text));
  if (result.offerReplace) {
    await out.post(cardMessage(replaceOfferCard(md(result.text), result.offerReplace.proposed, result.language), result.text));
  } else {
    await out.post(renderNotice(md(result.text)));
  }
}

export async function reflectSubmit(reminders: Reminders, where: Where, value: ReminderButtonValue | ReplaceValue, user: string, out: Outbox): Promise<void> {
  const ref: ChannelRef = { platform: where.platform, tenantId: where.tenantId, channelId: where.channelId };
  if (value.samen === 'reflect-replace') {
    const text = value.replace ? await reminders.set(ref, value.rule) : await reminders.keep(ref);
    await out.update(renderNotice(md(text)));
    return;
  }
  const action: ButtonAction = value.action === 'snooze' || value.action === 'skip' ? value.action : 'done';
  const result = await reminders.button(ref, action, { reminderId: String(value.reminderId), occurrence: String(value.occurrence) }, user);
  await out.post(renderNotice(md(result.text)));
}
