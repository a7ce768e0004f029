import type { AssistantUserMessageMiddleware } from '@slack/bolt';
import { NO_UNFURL, respondTo } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import { slackErrorCode } from '../../errors.js';
import { firstSighting, slackScope, threadKey } from '../../memory.js';
import { SLACK_TEXTS as T } from '../../texts.js';
import { inputFromSlack } from '../../text.js';
import { logIds } from '../../logger.js';

/** A question (or help, goals, reflect) in an assistant thread: "thinking" status, then the answer in the thread. */
export const userMessage =
  (deps: SlackDeps): AssistantUserMessageMiddleware =>
  async ({ message, say, setStatus, body, context }) => {
    if (message.subtype !== undefined || message.bot_id) return;
    const { channel, ts, thread_ts: threadTs } = message;
    const scope = slackScope(body.team_id ?? context.teamId);
    if (!(await firstSighting(deps.state, scope, `msg:${channel}:${ts}`))) return;
    const log = deps.logger.child({ listener: 'assistant.message', ...logIds({ channel, ts }) });
    try {
      await setStatus(T.thinking[deps.language]);
    } catch (err) {
      log.warn({ code: slackErrorCode(err) }, 'could not set the status');
    }
    await respondTo(
      deps,
      { channel, post: (m) => say({ ...m, ...NO_UNFURL }), tell: (t) => say(t) },
      inputFromSlack(message.text),
      { log, user: message.user, scope, conversation: threadKey(channel, threadTs) },
    );
  };
