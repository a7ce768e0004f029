/**
 * What went wrong in a call to Slack, as one short code: the Web API's `error` field
 * (not_in_channel, msg_too_long, …), or the client's own code for network, HTTP and
 * rate-limit failures. Rate limits are retried by the Web API client itself (its retry
 * configuration honours Retry-After); what arrives here has already been retried.
 */
export function slackErrorCode(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; data?: { error?: unknown }; response?: { status?: unknown } };
    if (typeof e.data?.error === 'string') return e.data.error;
    if (typeof e.response?.status === 'number') return `http_${e.response.status}`;
    if (typeof e.code === 'string') return e.code;
  }
  return 'unknown_error';
}

/** The message was too big for Slack: post a smaller rendering. */
export const TOO_LONG = new Set(['msg_too_long', 'msg_blocks_too_long', 'invalid_blocks']);

/** Samen cannot post where it was asked: tell the user another way. */
export const CANNOT_POST = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'ekm_access_denied',
  'team_access_not_granted',
  'cannot_reply_to_message',
  'thread_locked',
  'messages_tab_disabled',
]);
