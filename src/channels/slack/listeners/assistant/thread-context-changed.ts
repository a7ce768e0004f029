import type { AssistantThreadContextChangedMiddleware } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';

/** The user moved to another channel with the assistant panel open: remember the new context. */
export const threadContextChanged =
  (deps: SlackDeps): AssistantThreadContextChangedMiddleware =>
  async ({ saveThreadContext }) => {
    try {
      await saveThreadContext();
    } catch (err) {
      deps.logger.warn({ listener: 'assistant.context_changed', err }, 'could not save the thread context');
    }
  };
