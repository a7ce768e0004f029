import { Assistant, type App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { memoryContextStore } from './context-store.js';
import { threadContextChanged } from './thread-context-changed.js';
import { threadStarted } from './thread-started.js';
import { userMessage } from './user-message.js';

const register = (app: App, deps: SlackDeps) => {
  app.assistant(
    new Assistant({
      threadContextStore: memoryContextStore(),
      threadStarted: threadStarted(deps),
      threadContextChanged: threadContextChanged(deps),
      userMessage: userMessage(deps),
    }),
  );
};

export default { register };
