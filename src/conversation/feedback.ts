/**
 * A thumbs up or down on an answer, for every channel: stored per platform and tenant with
 * the findings the answer cited, the rating, the conversation and the user id (which storage
 * hashes); never the question, a comment or a name. Each channel reads its click and says
 * the outcome in the catalog's words (feedbackThanks, feedbackNotStored).
 */
import type { Logger } from 'pino';
import type { FeedbackInput, FeedbackStore } from '../storage/store.js';
import type { Tenant } from '../storage/tenant.js';

/** stored; not stored because there is no database (or the click lacked what it needs); failed to store. */
export type FeedbackOutcome = 'stored' | 'not-stored' | 'failed';

export async function recordFeedback(
  store: FeedbackStore | undefined,
  scope: Tenant,
  input: FeedbackInput | undefined,
  log?: Logger,
): Promise<FeedbackOutcome> {
  if (!store || !input) {
    log?.warn({ hasValue: Boolean(input), hasStore: Boolean(store) }, 'feedback not stored');
    return 'not-stored';
  }
  try {
    await store.tenant(scope).feedback.record(input);
    log?.info({ rating: input.rating, findings: input.findingIds.length }, 'feedback stored');
    return 'stored';
  } catch (err) {
    log?.error({ err }, 'could not store feedback');
    return 'failed';
  }
}
