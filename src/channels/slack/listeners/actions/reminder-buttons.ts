import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { slackErrorCode } from '../../errors.js';
import { parseReminderButtonValue, parseRuleValue, REMINDER_ACTIONS } from '../../reminder-render.js';
import { logIds } from '../../logger.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

const ACTION_OF: Record<string, 'done' | 'snooze' | 'skip'> = {
  [REMINDER_ACTIONS.done]: 'done',
  [REMINDER_ACTIONS.snooze]: 'snooze',
  [REMINDER_ACTIONS.skip]: 'skip',
};

/** Done / Snooze one day / Skip this week under a reminder: the answer goes in its thread. */
export const reminderButtons =
  (deps: SlackDeps) =>
  async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id;
    const channelId = body.channel?.id ?? (body.container?.channel_id as string | undefined);
    const value = parseReminderButtonValue(action.value);
    const log = deps.logger.child({ listener: 'action.reminder', ...logIds({ channel: channelId }) });
    if (!deps.reminders || !teamId || !channelId || !value) {
      log.warn({ hasValue: Boolean(value) }, 'reminder button without what it needs');
      return;
    }
    try {
      const result = await deps.reminders.button(
        { tenantId: teamId, platform: 'slack', channelId },
        ACTION_OF[action.action_id],
        value,
        `<@${body.user.id}>`,
      );
      const threadTs = result.messageRef ?? body.message?.ts;
      await client.chat.postMessage({ channel: channelId, text: result.text, ...(threadTs ? { thread_ts: threadTs } : {}) });
    } catch (err) {
      log.error({ code: slackErrorCode(err), err }, 'reminder button failed');
    }
  };

/** Replace / Keep under the offer to replace the channel's reminder. */
export const reminderReplace =
  (deps: SlackDeps) =>
  async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id;
    const channelId = body.channel?.id ?? (body.container?.channel_id as string | undefined);
    if (!deps.reminders || !teamId || !channelId) return;
    const ref = { tenantId: teamId, platform: 'slack' as const, channelId };
    const log = deps.logger.child({ listener: 'action.reminder-replace', ...logIds({ channel: channelId }) });
    try {
      const rule = action.action_id === REMINDER_ACTIONS.replace ? parseRuleValue(action.value) : undefined;
      const text = rule ? await deps.reminders.set(ref, rule) : await deps.reminders.keep(ref);
      await respond({ response_type: 'ephemeral', replace_original: true, text });
    } catch (err) {
      log.error({ code: slackErrorCode(err), err }, 'reminder replace failed');
    }
  };
