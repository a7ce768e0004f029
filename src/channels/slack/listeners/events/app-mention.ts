import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { condenseFollowUp } from '../../../../answer/followup.js';
import { answerTo, NO_UNFURL, tellUser } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import { threadKey } from '../../memory.js';
import { questionFromSlack } from '../../text.js';

/** `@Samen question` in a channel: the answer goes in the message's thread. */
export const appMention =
  (deps: SlackDeps) =>
  async ({ event, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>): Promise<void> => {
    const { channel, ts, user } = event;
    if (!deps.memory.handled.claim(`msg:${channel}:${ts}`, true)) return;
    const threadTs = event.thread_ts ?? ts;
    const key = threadKey(channel, threadTs);
    const text = questionFromSlack(event.text);
    const earlier = event.thread_ts ? deps.memory.threads.get(key) : undefined;
    const question = condenseFollowUp(earlier, text);
    const log = deps.logger.child({ listener: 'app_mention', channel, ts });
    const done = await answerTo(
      deps,
      {
        channel,
        post: (m) => client.chat.postMessage({ channel, thread_ts: threadTs, ...m, ...NO_UNFURL }),
        tell: (t) => tellUser(client, { channel, user, threadTs }, t),
      },
      question,
      { log },
    );
    if (done && done.reply.kind !== 'help') deps.memory.threads.set(key, question === text ? text : (earlier ?? text));
  };
