import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { answerTo, NO_UNFURL, tellUser } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import { rememberTurn, threadKey } from '../../memory.js';
import { questionFromSlack } from '../../text.js';
import { logIds } from '../../logger.js';

/** `@Samen question` in a channel: the answer goes in the message's thread. */
export const appMention =
  (deps: SlackDeps) =>
  async ({ event, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>): Promise<void> => {
    const { channel, ts, user } = event;
    if (!deps.memory.handled.claim(`msg:${channel}:${ts}`, true)) return;
    const threadTs = event.thread_ts ?? ts;
    const key = threadKey(channel, threadTs);
    const text = questionFromSlack(event.text);
    const history = event.thread_ts ? deps.memory.threads.get(key) : undefined;
    const log = deps.logger.child({ listener: 'app_mention', ...logIds({ channel, ts }) });
    const done = await answerTo(
      deps,
      {
        channel,
        post: (m) => client.chat.postMessage({ channel, thread_ts: threadTs, ...m, ...NO_UNFURL }),
        tell: (t) => tellUser(client, { channel, user, threadTs }, t),
      },
      text,
      { log, user, history },
    );
    if (done && done.reply.kind !== 'help') rememberTurn(deps.memory, key, text, done.reply);
  };
