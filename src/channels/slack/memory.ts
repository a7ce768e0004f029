import { HANDLED_TTL_MS, type ConversationState } from '../../conversation/state.js';
import type { Tenant } from '../../storage/tenant.js';

/**
 * The Slack channel's conversation state is the shared one (src/conversation/state.ts; the
 * server's is in the database, so every instance sees it, after a restart too): the event and
 * message ids already handled (Slack retries an event it thinks was lost, possibly to another
 * instance) and the threads Samen answered in, with their last few turns, redacted (the
 * conversation layer reads and remembers them: src/conversation/ask.ts).
 *
 * A follow-up in a thread is read with these stored turns, not with the thread as Slack has it
 * (conversations.replies): that would cost a Web API call (rate-limited) for every reply in
 * every thread of every channel Samen is in, need the history scopes, and hand the model other
 * people's messages unredacted; the stored turns are what Samen was asked and answered, already
 * redacted, and tell at once whether Samen answered in the thread at all.
 */

/** The workspace (team) an event, action or view comes from: Slack's tenant. */
export function slackScope(teamId: string | null | undefined): Tenant {
  return { platform: 'slack', tenantId: teamId || 'unknown' };
}

/** Records a handled delivery (`event:…`, `msg:channel:ts`): true the first time, on any instance. */
export function firstSighting(state: ConversationState, scope: Tenant, id: string): Promise<boolean> {
  return state.firstSighting(scope, id, HANDLED_TTL_MS);
}

export const threadKey = (channel: string, threadTs: string | undefined) => `${channel}:${threadTs ?? '-'}`;
