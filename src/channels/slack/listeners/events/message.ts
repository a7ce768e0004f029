import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { NO_UNFURL, respondTo, tellUser } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import { firstSighting, slackScope, threadKey } from '../../memory.js';
import { parseInput } from '../../../../conversation/commands.js';
import { mentions, questionFromSlack } from '../../text.js';
import type { SlackMessage } from '../../render.js';
import { logIds } from '../../logger.js';
import { placeholderMessage, streamInThread } from '../../progress.js';

/**
 * Messages without a mention. In a direct message every message is for Samen (a question,
 * help, goals, reflect). In a channel only a reply in a thread where Samen answered is: a
 * follow-up, read together with the thread's earlier turns. Everything else is not for Samen and is ignored.
 * A model-written answer shows its progress: in a thread the status and Slack's streaming, in a
 * direct message outside a thread a "looking it up…" message that the answer replaces.
 */
export const message =
  (deps: SlackDeps) =>
  async ({ message: msg, client, context, body, setStatus, sayStream }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> => {
    // Only what people type: no edits, deletions, joins, bot messages.
    if (msg.subtype !== undefined || msg.bot_id) return;
    const { channel, ts, user, thread_ts: threadTs, channel_type: channelType } = msg;
    const dm = channelType === 'im';
    const key = threadKey(channel, threadTs);
    const scope = slackScope(body.team_id ?? context.teamId);
    if (!dm) {
      if (!threadTs) return;
      if (mentions(msg.text, context.botUserId)) return; // app_mention answers it
    }
    const text = questionFromSlack(msg.text);
    if (text === '' && !dm) return;
    // The thread's stored turns, on whichever instance answered before (see memory.ts): none, not Samen's thread.
    if (!dm && !(await deps.state.turns(scope, key))) return;
    if (!(await firstSighting(deps.state, scope, `msg:${channel}:${ts}`))) return;
    const log = deps.logger.child({ listener: dm ? 'message.im' : 'message.thread', ...logIds({ channel, ts }) });
    const post = (m: SlackMessage) => client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...m, ...NO_UNFURL });
    await respondTo(
      deps,
      {
        channel,
        post,
        tell: (t) => tellUser(client, { channel, user, threadTs }, t),
        progress: threadTs ? streamInThread({ client, channel, status: setStatus, stream: sayStream }) : placeholderMessage({ client, post }),
      },
      parseInput(text),
      { log, user, scope, conversation: key },
    );
  };
