import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ConversationState } from '../../../conversation/state.js';
import { NOT_AN_ID } from '../logger.js';
import { firstSighting, slackScope } from '../memory.js';

/** Slack's event ids ("Ev08…"): only an id of this shape is logged, the sender chooses the rest. */
const EVENT_ID = /^Ev[A-Za-z0-9]{1,40}$/;

/**
 * Slack delivers an event again when it thinks the acknowledgement was lost
 * (X-Slack-Retry-Num over HTTP, retry_attempt in Socket Mode), to whichever instance the load
 * balancer picks. An event id already handled, by any instance, is dropped here, so no question
 * is answered twice; its acknowledgement has been sent.
 */
export function dedupeEvents(state: ConversationState, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string') {
      const scope = slackScope((body as { team_id?: string }).team_id ?? context.teamId ?? context.enterpriseId);
      if (!(await firstSighting(state, scope, `event:${eventId}`))) {
        const logged = EVENT_ID.test(eventId) ? eventId : NOT_AN_ID;
        log.info({ eventId: logged, retry: context.retryNum, reason: context.retryReason }, 'duplicate event dropped');
        return;
      }
    }
    await next();
  };
}
