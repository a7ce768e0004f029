import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { REMINDER_TEXTS } from '../../../../reminders/texts.js';
import type { SlackDeps } from '../../deps.js';
import { replaceOfferBlocks } from '../../reminder-render.js';
import { SLACK_TEXTS as T } from '../../texts.js';
import { logIds } from '../../logger.js';

/**
 * `/reflect …`: the weekly reflection reminder of this channel (the Slack team is the
 * tenant). Acknowledged at once; the answer follows, visible to the user alone.
 */
export const reflectCommand =
  (deps: SlackDeps) =>
  async ({ command, ack, respond }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    const reminders = deps.reminders;
    if (!reminders) {
      await ack({ response_type: 'ephemeral', text: T.comingSoon[deps.language](command.command) });
      return;
    }
    await ack();
    const log = deps.logger.child({ listener: 'command.reflect', ...logIds({ channel: command.channel_id }) });
    const ref = { tenantId: command.team_id, platform: 'slack' as const, channelId: command.channel_id };
    try {
      const result = await reminders.command(ref, command.text ?? '');
      if (result.offerReplace) {
        await respond({
          response_type: 'ephemeral',
          text: result.text,
          blocks: replaceOfferBlocks(result.text, result.offerReplace.proposed, {
            replace: REMINDER_TEXTS.replace[result.language],
            keep: REMINDER_TEXTS.keep[result.language],
          }),
        });
      } else {
        await respond({ response_type: 'ephemeral', text: result.text });
      }
    } catch (err) {
      log.error({ err }, '/reflect failed');
      await respond({ response_type: 'ephemeral', text: T.comingSoon[deps.language](command.command) }).catch(() => {});
    }
  };
