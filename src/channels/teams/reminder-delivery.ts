/**
 * Teams' ReminderDelivery: a proactive message into the conversation whose reference Samen
 * stored (when it was installed or last addressed there), as an Adaptive Card. A 403 or 404
 * from the Bot Connector (Samen removed, conversation or team gone) is permanent: the
 * reminder pauses itself. Other failures are retried by the reminder service.
 *
 * A bot cannot read a Teams conversation's history, so there is no findPosted: the activity
 * id the connector returns, stored with the delivery as soon as the post returns, is the
 * record that the post landed. Only a stop in the moment between the two can post twice.
 */
import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { z } from 'zod';
import { DeliveryError, type ReminderDelivery } from '../../reminders/delivery.js';
import type { ConversationReference as StoredReference, Tenant } from '../../storage/index.js';
import { reminderCard } from '../../cards/index.js';
import { cardMessage, TEAMS_CARD_STYLE } from './render.js';
import { reminderFallback } from '../../conversation/reflect.js';

export interface ReferenceSource {
  tenant(tenant: Tenant): {
    conversations?: {
      get?(conversationId: string): Promise<StoredReference | undefined>;
      list?(): Promise<Array<{ conversationId: string; reference: StoredReference }>>;
    };
  };
}

/** The conversation's stored reference; a channel's may be stored under a thread's id (…;messageid=…). */
export async function findReference(store: ReferenceSource, tenant: Tenant, channelId: string): Promise<StoredReference | undefined> {
  const conversations = store.tenant(tenant).conversations;
  const exact = await conversations?.get?.(channelId);
  if (exact) return exact;
  return ((await conversations?.list?.()) ?? []).find((c) => c.conversationId.split(';')[0] === channelId)?.reference;
}

const PERMANENT_STATUS = new Set([403, 404]);

/**
 * A stored reference, read back from the database: what the bot stored (storableReference in
 * bot.ts) came from an activity, so it is checked before the connector is called with it.
 * Loose: only the fields a proactive message needs are required; the names and flags Bot
 * Framework's types declare but Teams does not always send are filled in empty.
 */
const Account = z.looseObject({ id: z.string().min(1), name: z.string().default('') });
const StoredReferenceSchema = z.looseObject({
  serviceUrl: z.string().min(1),
  channelId: z.string().optional(),
  locale: z.string().optional(),
  conversation: z.looseObject({
    id: z.string().min(1),
    name: z.string().default(''),
    isGroup: z.boolean().default(false),
    conversationType: z.string().default(''),
    tenantId: z.string().optional(),
  }),
  bot: Account.optional(),
  user: Account.optional(),
});

export function teamsReminderDelivery(adapter: CloudAdapter, appId: string, store: ReferenceSource): ReminderDelivery {
  return {
    platform: 'teams',
    async post(target, message) {
      const stored = await findReference(store, target, target.channelId);
      if (!stored) throw new DeliveryError('no_conversation_reference', true);
      const parsed = StoredReferenceSchema.safeParse(stored);
      // A reference that cannot be used never will be: permanent, the reminder pauses.
      if (!parsed.success) throw new DeliveryError('malformed_conversation_reference', true);
      const reference: Partial<ConversationReference> = parsed.data;
      // Into the channel itself, not into the thread Samen was last addressed in.
      const conversation = { ...parsed.data.conversation, id: target.channelId };
      let id: string | undefined;
      // The adapter's onTurnError would swallow a failure inside the turn: carry it out.
      let failure: unknown;
      try {
        await adapter.continueConversationAsync(appId, { ...reference, conversation }, async (context) => {
          try {
            // A new message in the conversation, not a reply to the continuation activity.
            const activity = TurnContext.applyConversationReference(
              { ...cardMessage(reminderCard(message, TEAMS_CARD_STYLE), reminderFallback(message)) } as Partial<Activity>,
              TurnContext.getConversationReference(context.activity),
            );
            delete activity.replyToId;
            const connector = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
            id = (await connector.conversations.sendToConversation(conversation.id, activity as Activity))?.id;
          } catch (err) {
            failure = err;
          }
        });
        if (failure) throw failure;
      } catch (err) {
        const status = (err as { statusCode?: unknown }).statusCode;
        const code = typeof status === 'number' ? `http_${status}` : err instanceof Error ? err.name : 'unknown_error';
        throw new DeliveryError(
          typeof status === 'number' && PERMANENT_STATUS.has(status) ? (status === 403 ? 'forbidden' : 'conversation_not_found') : code,
          typeof status === 'number' && PERMANENT_STATUS.has(status),
          { cause: err },
        );
      }
      return { messageRef: id ?? '' };
    },
  };
}
