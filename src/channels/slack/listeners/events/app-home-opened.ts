import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { slackErrorCode } from '../../errors.js';
import { renderHome } from '../../render.js';

/** The App Home tab: published each time a user opens it. */
export const appHomeOpened =
  (deps: SlackDeps) =>
  async ({ event, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> => {
    if (event.tab !== 'home') return;
    try {
      await client.views.publish({ user_id: event.user, view: renderHome(deps.language) });
    } catch (err) {
      deps.logger.warn({ listener: 'app_home_opened', code: slackErrorCode(err) }, 'could not publish the home tab');
    }
  };
