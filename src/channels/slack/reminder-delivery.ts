/**
 * Slack's ReminderDelivery: chat.postMessage to the reminder's stored channel with the
 * bot token. A channel that is gone, archived or that Samen was removed from is a
 * permanent failure (the reminder pauses); anything else, a rate limit too, fails this try,
 * and the reminder's job is retried by the job queue (pg-boss), not by the Web API client.
 * Each reminder carries message metadata naming its occurrence, so a retry after a crash
 * can find it in the channel's history and not post it twice.
 */
import { webApi } from '@slack/bolt';
import { DeliveryError, occurrenceId, type ReminderDelivery } from '../../reminders/delivery.js';
import { CANNOT_POST, slackErrorCode } from './errors.js';
import { reminderBlocks } from './reminder-render.js';
import { reminderFallback } from '../../conversation/reflect.js';

type WebClient = InstanceType<typeof webApi.WebClient>;

/** Besides CANNOT_POST: the app itself can no longer post anywhere in this workspace. */
const PERMANENT = new Set([...CANNOT_POST, 'account_inactive', 'token_revoked', 'invalid_auth', 'not_authed', 'missing_scope']);

/** The metadata event type of a reminder message; its payload's occurrence_id is the marker. */
export const REMINDER_EVENT_TYPE = 'samen_reflection_reminder';

/** How the history is searched for an earlier post of an occurrence. */
const HISTORY = {
  // From this long before the occurrence: the post cannot be older than its occurrence,
  // give or take the clock difference between this host and Slack.
  clockSkewMs: 60_000,
  // Slack's recommended page size for conversations.history.
  pageSize: 200,
  // A reminder is repaired within minutes of its claim; 1,000 newer messages in the channel
  // by then means it is buried anyway, and posting again is the better error.
  maxPages: 5,
} as const;

/**
 * One Web API call may not take longer than this: a claim's lease (CLAIM_LEASE_MS) must
 * outlast an attempt, or a second worker could post too.
 */
const REQUEST_TIMEOUT_MS = 20_000;

export function slackReminderDelivery(client: WebClient): ReminderDelivery {
  return {
    platform: 'slack',
    async post(target, message) {
      try {
        const result = await client.chat.postMessage({
          channel: target.channelId,
          text: reminderFallback(message),
          blocks: reminderBlocks(message),
          unfurl_links: false,
          metadata: { event_type: REMINDER_EVENT_TYPE, event_payload: { occurrence_id: occurrenceId(message) } },
        });
        return { messageRef: String(result.ts) };
      } catch (err) {
        const code = slackErrorCode(err);
        throw new DeliveryError(code, PERMANENT.has(code), { cause: err });
      }
    },
    async findPosted(target, message) {
      const marker = occurrenceId(message);
      const oldest = ((Date.parse(message.occurrence) - HISTORY.clockSkewMs) / 1000).toFixed(6);
      let cursor: string | undefined;
      try {
        for (let page = 0; page < HISTORY.maxPages; page += 1) {
          const result = await client.conversations.history({
            channel: target.channelId,
            oldest,
            limit: HISTORY.pageSize,
            include_all_metadata: true,
            ...(cursor ? { cursor } : {}),
          });
          const found = result.messages?.find(
            (m) =>
              m.metadata?.event_type === REMINDER_EVENT_TYPE &&
              (m.metadata.event_payload as { occurrence_id?: unknown } | undefined)?.occurrence_id === marker,
          );
          if (found?.ts) return { messageRef: found.ts };
          cursor = result.response_metadata?.next_cursor || undefined;
          if (!cursor) return undefined;
        }
        return undefined;
      } catch (err) {
        const code = slackErrorCode(err);
        throw new DeliveryError(code, PERMANENT.has(code), { cause: err });
      }
    },
  };
}

/** A Web API client for deliveries outside a request (the job worker). */
export function slackDeliveryClient(botToken: string, apiUrl?: string): WebClient {
  return new webApi.WebClient(botToken, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    timeout: REQUEST_TIMEOUT_MS,
    // One try per call: a failed post fails the reminder's job and pg-boss retries it, the one
    // retry mechanism for reminders; a rate limit is reported at once, not waited out here.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
}
