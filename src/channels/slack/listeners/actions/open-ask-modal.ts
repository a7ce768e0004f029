import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { slackErrorCode } from '../../errors.js';
import { renderAskModal } from '../../render.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/** "Ask a question" on the home tab: a modal with one question field. */
export const openAskModal =
  (deps: SlackDeps) =>
  async ({ ack, body, client }: Args): Promise<void> => {
    await ack();
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: renderAskModal(deps.language) });
    } catch (err) {
      deps.logger.warn({ listener: 'action.open_ask', code: slackErrorCode(err) }, 'could not open the ask modal');
    }
  };
