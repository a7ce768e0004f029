import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { NO_UNFURL, respondTo, tellUser } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import { firstSighting, slackScope, threadKey } from '../../memory.js';
import { inputFromSlack } from '../../text.js';
import { logIds } from '../../logger.js';
import { streamInThread } from '../../progress.js';

/**
 * `@Samen question` (or help, goals, reflect) in a channel: the answer goes in the message's thread;
 * a model-written one shows the thread's status at once and streams there.
 */
export const appMention =
  (deps: SlackDeps) =>
  async ({ event, client, body, context, setStatus, sayStream }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>): Promise<void> => {
    const { channel, ts, user } = event;
    const scope = slackScope(body.team_id ?? context.teamId);
    if (!(await firstSighting(deps.state, scope, `msg:${channel}:${ts}`))) return;
    const threadTs = event.thread_ts ?? ts;
    const log = deps.logger.child({ listener: 'app_mention', ...logIds({ channel, ts }) });
    await respondTo(
      deps,
      {
        channel,
        post: (m) => client.chat.postMessage({ channel, thread_ts: threadTs, ...m, ...NO_UNFURL }),
        tell: (t) => tellUser(client, { channel, user, threadTs }, t),
        progress: streamInThread({ client, channel, status: setStatus, stream: sayStream }),
      },
      inputFromSlack(event.text),
      { log, user, scope, conversation: threadKey(channel, threadTs) },
    );
  };
