import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { reflectButton, reflectReplace } from '../../../../conversation/reflect.js';
import type { SlackDeps } from '../../deps.js';
import { slackErrorCode } from '../../errors.js';
import { parseReminderButtonValue, parseRuleValue, REMINDER_ACTIONS } from '../../reminder-render.js';
import { logIds } from '../../logger.js';
import { mrkdwnOf } from '../../render.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

const ACTION_OF: Record<string, 'done' | 'snooze' | 'skip'> = {
  [REMINDER_ACTIONS.done]: 'done',
  [REMINDER_ACTIONS.snooze]: 'snooze',
  [REMINDER_ACTIONS.skip]: 'skip',
};

/** Where a reminder's button was clicked: its channel, with the Slack team as tenant. */
function channelOf(body: Args['body']) {
  const tenantId = body.team?.id ?? body.user.team_id;
  const channelId = body.channel?.id ?? (body.container?.channel_id as string | undefined);
  return tenantId && channelId ? { tenantId, platform: 'slack' as const, channelId } : undefined;
}

/** Done / Snooze one day / Skip this week under a reminder: the answer goes in its thread. */
export const reminderButtons =
  (deps: SlackDeps) =>
  async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const ref = channelOf(body);
    const value = parseReminderButtonValue(action.value);
    const log = deps.logger.child({ listener: 'action.reminder', ...logIds({ channel: ref?.channelId }) });
    if (!deps.reminders || !ref || !value) {
      log.warn({ hasValue: Boolean(value) }, 'reminder button without what it needs');
      return;
    }
    const said = await reflectButton(deps.reminders, ref, ACTION_OF[action.action_id], value, body.user.id, deps.language);
    if (said.kind === 'notice' && said.failed !== undefined) log.error({ code: slackErrorCode(said.failed), err: said.failed }, 'reminder button failed');
    const threadTs = (said.kind === 'notice' ? said.thread : undefined) ?? body.message?.ts;
    try {
      await client.chat.postMessage({ channel: ref.channelId, text: mrkdwnOf(said.body), ...(threadTs ? { thread_ts: threadTs } : {}) });
    } catch (err) {
      log.error({ code: slackErrorCode(err), err }, 'could not answer the reminder button');
    }
  };

/** Replace / Keep under the offer to replace the channel's reminder. */
export const reminderReplace =
  (deps: SlackDeps) =>
  async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    const ref = channelOf(body);
    if (!deps.reminders || !ref) return;
    const log = deps.logger.child({ listener: 'action.reminder-replace', ...logIds({ channel: ref.channelId }) });
    const replace = action.action_id === REMINDER_ACTIONS.replace;
    const said = await reflectReplace(deps.reminders, ref, { replace, rule: replace ? parseRuleValue(action.value) : undefined }, deps.language);
    if (said.kind === 'notice' && said.failed !== undefined) log.error({ err: said.failed }, 'reminder replace failed');
    try {
      await respond({ response_type: 'ephemeral', replace_original: true, text: mrkdwnOf(said.body) });
    } catch (err) {
      log.error({ code: slackErrorCode(err), err }, 'could not answer the offer to replace');
    }
  };
