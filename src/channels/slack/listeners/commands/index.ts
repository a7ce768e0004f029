import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { goalsCommand } from './goals.js';
import { reflectCommand } from './reflect.js';
import { samenCommand } from './samen.js';

export const COMMANDS = ['/samen', '/goals', '/reflect'] as const;

const register = (app: App, deps: SlackDeps) => {
  app.command('/samen', samenCommand(deps));
  app.command('/goals', goalsCommand(deps));
  app.command('/reflect', reflectCommand(deps));
};

export default { register };
