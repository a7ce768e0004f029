import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { slackErrorCode } from '../../errors.js';
import { ACTIONS, parseFeedbackValue } from '../../ids.js';
import { SLACK_TEXTS as T } from '../../texts.js';
import { logIds } from '../../logger.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/**
 * Helpful / not helpful under an answer. Stored per Slack team: the cited finding ids, the
 * rating, the conversation and the user id (which storage hashes); never the question or a
 * name. The click is acknowledged to the user alone.
 */
export const feedback =
  (deps: SlackDeps) =>
  async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    const value = parseFeedbackValue(action.value);
    const lang = value?.l ?? deps.language;
    const rating = action.action_id === ACTIONS.feedbackHelpful ? 'helpful' : 'not_helpful';
    const teamId = body.team?.id ?? body.user.team_id;
    const channelId = body.channel?.id ?? (body.container?.channel_id as string | undefined);
    const log = deps.logger.child({ listener: 'action.feedback', ...logIds({ channel: channelId }) });
    let saved = false;
    if (value && teamId && channelId && deps.feedback) {
      try {
        await deps.feedback
          .tenant({ platform: 'slack', tenantId: teamId })
          .feedback.record({ channelId, findingIds: value.ids, rating, userId: body.user.id });
        saved = true;
        log.info({ rating, findings: value.ids.length }, 'feedback stored');
      } catch (err) {
        log.error({ err }, 'could not store feedback');
      }
    } else {
      log.warn({ hasValue: Boolean(value), hasStore: Boolean(deps.feedback) }, 'feedback not stored');
    }
    try {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: saved ? T.feedbackThanks[lang] : T.feedbackFailed[lang],
      });
    } catch (err) {
      log.warn({ code: slackErrorCode(err) }, 'could not acknowledge feedback');
    }
  };
