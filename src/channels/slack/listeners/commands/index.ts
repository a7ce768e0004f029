import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { slashCommand } from './slash.js';

export const COMMANDS = ['/samen', '/goals', '/reflect'] as const;

const register = (app: App, deps: SlackDeps) => {
  app.command('/samen', slashCommand(deps));
  app.command('/goals', slashCommand(deps, 'goals'));
  app.command('/reflect', slashCommand(deps, 'reflect'));
};

export default { register };
