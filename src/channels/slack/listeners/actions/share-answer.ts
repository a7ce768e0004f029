import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerTo } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import { slackErrorCode } from '../../errors.js';
import { parseShareValue } from '../../ids.js';
import { logIds } from '../../logger.js';
import { slackScope } from '../../memory.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/**
 * "Share in channel" under an ephemeral answer: posts the same answer publicly (through
 * the click's response_url, which works where Samen is not a member) and removes the
 * ephemeral one. Slack does not send an ephemeral message's content back with the click,
 * so the answer is made again from the question the button carries.
 */
export const shareAnswer =
  (deps: SlackDeps) =>
  async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    const value = parseShareValue(action.value);
    if (!value) return;
    const log = deps.logger.child({ listener: 'action.share', ...logIds({ channel: body.channel?.id }) });
    await answerTo(
      deps,
      {
        channel: body.channel?.id,
        post: async (m) => {
          await respond({ response_type: 'in_channel', replace_original: false, ...m });
          try {
            await respond({ delete_original: true });
          } catch (err) {
            log.warn({ code: slackErrorCode(err) }, 'could not remove the ephemeral answer');
          }
        },
        tell: (t) => respond({ response_type: 'ephemeral', replace_original: false, text: t }),
      },
      value.q,
      { log, user: body.user.id, scope: slackScope(body.team?.id ?? body.user.team_id), language: value.l, render: { sharedBy: body.user.id } },
    );
  };
