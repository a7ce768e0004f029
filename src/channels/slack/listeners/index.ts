import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import actions from './actions/index.js';
import assistant from './assistant/index.js';
import commands from './commands/index.js';
import events from './events/index.js';
import views from './views/index.js';

/** Registers every listener, one registration function per listener kind. */
export const registerListeners = (app: App, deps: SlackDeps) => {
  assistant.register(app, deps);
  events.register(app, deps);
  commands.register(app, deps);
  actions.register(app, deps);
  views.register(app, deps);
};
