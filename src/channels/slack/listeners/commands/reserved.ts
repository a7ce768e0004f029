import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { SLACK_TEXTS as T } from '../../texts.js';

/** `/goals` and `/reflect` are reserved; their own issues fill them in. */
export const reservedCommand =
  (deps: SlackDeps) =>
  async ({ command, ack }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    await ack({ response_type: 'ephemeral', text: T.comingSoon[deps.language](command.command) });
  };
