import type { AssistantUserMessageMiddleware } from '@slack/bolt';
import { answerTo, NO_UNFURL } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import { slackErrorCode } from '../../errors.js';
import { rememberTurn, threadKey } from '../../memory.js';
import { SLACK_TEXTS as T } from '../../texts.js';
import { questionFromSlack } from '../../text.js';
import { logIds } from '../../logger.js';

/** A question in an assistant thread: "thinking" status, then the answer in the thread. */
export const userMessage =
  (deps: SlackDeps): AssistantUserMessageMiddleware =>
  async ({ message, say, setStatus }) => {
    if (message.subtype !== undefined || message.bot_id) return;
    const { channel, ts, thread_ts: threadTs } = message;
    if (!deps.memory.handled.claim(`msg:${channel}:${ts}`, true)) return;
    const key = threadKey(channel, threadTs);
    const text = questionFromSlack(message.text);
    const history = deps.memory.threads.get(key);
    const log = deps.logger.child({ listener: 'assistant.message', ...logIds({ channel, ts }) });
    try {
      await setStatus(T.thinking[deps.language]);
    } catch (err) {
      log.warn({ code: slackErrorCode(err) }, 'could not set the status');
    }
    const done = await answerTo(
      deps,
      { channel, post: (m) => say({ ...m, ...NO_UNFURL }), tell: (t) => say(t) },
      text,
      { log, user: message.user, history },
    );
    if (done && done.reply.kind !== 'help') rememberTurn(deps.memory, key, text, done.reply);
  };
