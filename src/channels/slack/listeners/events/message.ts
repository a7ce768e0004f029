import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { answerTo, NO_UNFURL, tellUser } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import { rememberTurn, threadKey } from '../../memory.js';
import { mentions, questionFromSlack } from '../../text.js';
import { logIds } from '../../logger.js';

/**
 * Messages without a mention. In a direct message every message is a question. In a
 * channel only a reply in a thread where Samen answered is: a follow-up, read together
 * with the thread's earlier turns. Everything else is not for Samen and is ignored.
 */
export const message =
  (deps: SlackDeps) =>
  async ({ message: msg, client, context }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> => {
    // Only what people type: no edits, deletions, joins, bot messages.
    if (msg.subtype !== undefined || msg.bot_id) return;
    const { channel, ts, user, thread_ts: threadTs, channel_type: channelType } = msg;
    const dm = channelType === 'im';
    const key = threadKey(channel, threadTs);
    if (!dm) {
      if (!threadTs || !deps.memory.threads.has(key)) return;
      if (mentions(msg.text, context.botUserId)) return; // app_mention answers it
    }
    const text = questionFromSlack(msg.text);
    if (text === '' && !dm) return;
    if (!deps.memory.handled.claim(`msg:${channel}:${ts}`, true)) return;
    const history = deps.memory.threads.get(key);
    const log = deps.logger.child({ listener: dm ? 'message.im' : 'message.thread', ...logIds({ channel, ts }) });
    const done = await answerTo(
      deps,
      {
        channel,
        post: (m) => client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...m, ...NO_UNFURL }),
        tell: (t) => tellUser(client, { channel, user, threadTs }, t),
      },
      text,
      { log, user, history },
    );
    if (done && done.reply.kind !== 'help') rememberTurn(deps.memory, key, text, done.reply);
  };
