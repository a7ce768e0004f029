/**
 * Activities as Teams sends them to a bot (personal chat, a channel with a mention entity, a
 * group chat, the feedback invoke), and a sender that posts them to /api/messages.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as AC from 'adaptivecards';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT = { id: '28:1f3c5e7a-0000-4000-8000-00000000b07a', name: 'Samen' };
export const USER = { id: '29:1user-teams-id-abc', name: 'Jan Jansen', aadObjectId: '6a1b2c3d-0000-4000-8000-0000000a11ce' };
export const CHANNEL = '19:2b8c9e6f0a4d4f3c9d7e1b5a6c8d0e2f@thread.tacv2';
export const GROUP_CHAT = '19:meeting_NzJmOTg4YmYtODZmMS00MWFm@thread.v2';
export const PERSONAL = 'a:1pZ7dkQm3X9VbN2Lq8RtY4sW6uEo0iKjHgFcDxAzByCv';

type Scope = 'personal' | 'channel' | 'groupChat';

export interface ActivityOptions {
  serviceUrl: string;
  text?: string;
  scope?: Scope;
  /** Add the bot's mention entity (and <at>Samen</at> in front of the text). */
  mention?: boolean;
  locale?: string;
  id?: string;
  /** The root message of a channel thread (part of the conversation id). */
  threadId?: string;
  value?: unknown;
}

function conversation(scope: Scope, threadId: string) {
  if (scope === 'channel') {
    return { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: `${CHANNEL};messageid=${threadId}` };
  }
  if (scope === 'groupChat') return { isGroup: true, conversationType: 'groupChat', tenantId: TENANT, id: GROUP_CHAT };
  return { conversationType: 'personal', tenantId: TENANT, id: PERSONAL };
}

export function messageActivity(o: ActivityOptions): Record<string, unknown> {
  const scope = o.scope ?? 'personal';
  const threadId = o.threadId ?? '1700000000001';
  const mention = `<at>${BOT.name}</at>`;
  const entities: unknown[] = [
    { type: 'clientInfo', locale: o.locale ?? 'en-US', country: 'NL', platform: 'Web', timezone: 'Europe/Amsterdam' },
  ];
  if (o.mention) entities.unshift({ type: 'mention', text: mention, mentioned: { id: BOT.id, name: BOT.name } });
  const channelData: Record<string, unknown> = { tenant: { id: TENANT } };
  if (scope === 'channel') {
    Object.assign(channelData, {
      teamsChannelId: CHANNEL,
      teamsTeamId: '19:team-general@thread.tacv2',
      channel: { id: CHANNEL },
      team: { id: '19:team-general@thread.tacv2' },
    });
  }
  return {
    type: 'message',
    id: o.id ?? String(Date.now()) + String(Math.floor(Math.random() * 1000)),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl: o.serviceUrl,
    channelId: 'msteams',
    from: USER,
    conversation: conversation(scope, threadId),
    recipient: BOT,
    textFormat: 'plain',
    text: o.mention ? `${mention} ${o.text ?? ''}` : o.text,
    locale: o.locale ?? 'en-US',
    entities,
    channelData,
    ...(o.value === undefined ? {} : { value: o.value }),
  };
}

/** The feedback loop's thumbs up/down on the bot message replyToId. */
export function feedbackInvoke(o: { serviceUrl: string; replyToId: string; reaction: 'like' | 'dislike'; comment?: string }) {
  return {
    type: 'invoke',
    name: 'message/submitAction',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    serviceUrl: o.serviceUrl,
    channelId: 'msteams',
    from: USER,
    conversation: conversation('personal', ''),
    recipient: BOT,
    replyToId: o.replyToId,
    locale: 'en-US',
    channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
    value: {
      actionName: 'feedback',
      actionValue: { reaction: o.reaction, feedback: JSON.stringify({ feedbackText: o.comment ?? '' }) },
    },
  };
}

/** Samen (personally added) installed: the conversationUpdate Teams sends. */
export function installedActivity(serviceUrl: string) {
  return {
    type: 'conversationUpdate',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: USER,
    conversation: conversation('personal', ''),
    recipient: BOT,
    membersAdded: [{ id: BOT.id }],
    locale: 'nl-NL',
    channelData: { tenant: { id: TENANT }, eventType: 'conversationUpdate' },
  };
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

// adaptivecards' ESM build imports without file extensions, which Node cannot load; its
// UMD bundle needs no DOM for parsing.
const AdaptiveCards = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AC;

/**
 * Parses a card with Microsoft's adaptivecards library (targeting 1.5) and returns its
 * parse and validation messages: an empty list means a valid card.
 */
export function adaptiveCardProblems(json: unknown): string[] {
  const card = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5);
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of card.validateProperties().validationEvents) problems.push(`validate: ${e.message}`);
  return problems;
}

export function parseAdaptiveCard(json: unknown): AC.AdaptiveCard {
  const card = new AdaptiveCards.AdaptiveCard();
  card.parse(json, new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5));
  return card;
}
