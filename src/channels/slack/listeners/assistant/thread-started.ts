import type { AssistantThreadStartedMiddleware } from '@slack/bolt';
import { MESSAGES } from '../../../../answer/messages.js';
import type { SlackDeps } from '../../deps.js';
import { slackErrorCode } from '../../errors.js';
import { SLACK_TEXTS as T } from '../../texts.js';

/** A user opened Samen in the assistant panel: a greeting and suggested prompts. */
export const threadStarted =
  (deps: SlackDeps): AssistantThreadStartedMiddleware =>
  async ({ say, setSuggestedPrompts, saveThreadContext }) => {
    const lang = deps.language;
    try {
      await saveThreadContext();
      await say(T.assistantGreeting[lang]);
      await setSuggestedPrompts({
        title: T.suggestedPromptsTitle[lang],
        prompts: MESSAGES.examples[lang].slice(0, 4).map((q) => ({ title: q, message: q })),
      });
    } catch (err) {
      deps.logger.warn({ listener: 'assistant.thread_started', code: slackErrorCode(err) }, 'could not greet');
    }
  };
