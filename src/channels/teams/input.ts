/** Reading what a Teams user sent: mentions, card buttons, the text (which src/conversation/commands.ts reads). */
import { TurnContext, type Activity } from 'botbuilder';
import type { AskValue } from './render.js';

export type ConversationType = 'personal' | 'groupChat' | 'channel';

export function conversationType(activity: Partial<Activity>): ConversationType {
  const t = activity.conversation?.conversationType;
  return t === 'groupChat' || t === 'channel' ? t : 'personal';
}

/** True when the activity @mentions the bot itself. */
export function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return !!botId && TurnContext.getMentions(activity).some((m) => m.mentioned?.id === botId);
}

/** The question of a follow-up or "More findings" button (Action.Submit / messageBack) of one of Samen's cards. */
export function askValue(activity: Partial<Activity>): { question: string; all: boolean } | undefined {
  const value = activity.value as Partial<AskValue> | undefined;
  if (value && typeof value === 'object' && value.samen === 'ask' && typeof value.question === 'string') {
    return { question: value.question, all: value.all === true };
  }
  return undefined;
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/**
 * The text of a message without the bot's mention, any remaining markup (Teams may send
 * `<at>…</at>`, `<p>`, `&nbsp;`), and surplus white space.
 */
export function messageText(activity: Partial<Activity>): string {
  const copy: Partial<Activity> = { ...activity, text: activity.text ?? '' };
  const withoutMention = activity.recipient?.id ? TurnContext.removeRecipientMention(copy) ?? '' : copy.text!;
  return withoutMention
    .replace(/<at>[^<]*<\/at>/gi, (m) => m.replace(/<\/?at>/gi, ''))
    .replace(/<[^>]{1,200}>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/g, (_, e: string) => ENTITIES[e])
    .replace(/\s+/g, ' ')
    .trim();
}
