import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { slackErrorCode } from '../../errors.js';
import { ACTIONS, parseFeedbackValue } from '../../ids.js';
import { recordFeedback } from '../../../../conversation/feedback.js';
import { texts } from '../../../../conversation/texts/index.js';
import { mrkdwnOf } from '../../render.js';
import { logIds } from '../../logger.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/**
 * Helpful / not helpful under an answer, stored by the conversation layer per Slack team
 * (src/conversation/feedback.ts). The click is acknowledged to the user alone.
 */
export const feedback =
  (deps: SlackDeps) =>
  async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    const value = parseFeedbackValue(action.value);
    const lang = value?.l ?? deps.language;
    // Slack's feedback buttons carry the rating in their value; the plain buttons of older answers in their id.
    const rating = value?.r ?? (action.action_id === ACTIONS.feedbackHelpful ? 'helpful' : 'not_helpful');
    const teamId = body.team?.id ?? body.user.team_id;
    const channelId = body.channel?.id ?? (body.container?.channel_id as string | undefined);
    const log = deps.logger.child({ listener: 'action.feedback', ...logIds({ channel: channelId }) });
    const outcome = await recordFeedback(
      deps.feedback,
      { platform: 'slack', tenantId: teamId ?? 'unknown' },
      value && teamId && channelId ? { channelId, findingIds: value.ids, rating, userId: body.user.id } : undefined,
      log,
    );
    try {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: mrkdwnOf(outcome === 'stored' ? texts(lang).feedbackThanks : texts(lang).feedbackNotStored),
      });
    } catch (err) {
      log.warn({ code: slackErrorCode(err) }, 'could not acknowledge feedback');
    }
  };
