/**
 * Slack's ReminderDelivery: chat.postMessage to the reminder's stored channel with the
 * bot token. A channel that is gone, archived or that Samen was removed from is a
 * permanent failure (the reminder pauses); rate limits are retried by the Web API client.
 */
import { webApi } from '@slack/bolt';
import { DeliveryError, type ReminderDelivery } from '../../reminders/delivery.js';
import { CANNOT_POST, slackErrorCode } from './errors.js';
import { reminderBlocks } from './reminder-render.js';

type WebClient = InstanceType<typeof webApi.WebClient>;

/** Besides CANNOT_POST: the app itself can no longer post anywhere in this workspace. */
const PERMANENT = new Set([...CANNOT_POST, 'account_inactive', 'token_revoked', 'invalid_auth', 'not_authed', 'missing_scope']);

export function slackReminderDelivery(client: WebClient): ReminderDelivery {
  return {
    platform: 'slack',
    async post(target, message) {
      try {
        const result = await client.chat.postMessage({
          channel: target.channelId,
          text: message.fallback,
          blocks: reminderBlocks(message),
          unfurl_links: false,
        });
        return { messageRef: String(result.ts) };
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
    retryConfig: { retries: 4, factor: 2, minTimeout: 250, maxTimeout: 5000, randomize: true },
  });
}
