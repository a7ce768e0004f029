import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerTo, NO_UNFURL, tellUser } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import type { SlackMessage } from '../../render.js';
import { slackScope, threadKey } from '../../memory.js';
import { remember } from '../../../../conversation/ask.js';
import { logIds } from '../../logger.js';
import { placeholderMessage } from '../../progress.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/**
 * A button that asks its question: a suggested follow-up under an answer, or an example
 * on the home tab. Under a message the answer goes in that message's thread; under an
 * ephemeral answer it is ephemeral too; from the home tab it arrives as a direct message.
 * With `all` ("More findings") the same question is answered with every relevant finding.
 * A model-written answer shows a "looking it up…" message first, which the answer replaces
 * (not under an ephemeral answer: its response_url would replace that answer).
 */
export const askQuestion =
  (deps: SlackDeps, { all = false }: { all?: boolean } = {}) =>
  async ({ ack, body, action, client, respond }: Args): Promise<void> => {
    await ack();
    const question = action.value?.trim();
    if (!question) return;
    const user = body.user.id;
    const channel = body.channel?.id;
    const scope = slackScope(body.team?.id ?? body.user.team_id);
    const log = deps.logger.child({ listener: 'action.ask', ...logIds({ channel }) });

    if (body.container?.is_ephemeral || (channel && !body.message)) {
      await answerTo(
        deps,
        {
          channel,
          post: (m) => respond({ response_type: 'ephemeral', replace_original: false, ...m }),
          tell: (t) => respond({ response_type: 'ephemeral', replace_original: false, text: t }),
        },
        question,
        { log, user, scope, all, render: { share: true } },
      );
      return;
    }

    if (channel && body.message) {
      const threadTs = (body.message.thread_ts as string | undefined) ?? body.message.ts;
      const post = (m: SlackMessage) => client.chat.postMessage({ channel, thread_ts: threadTs, ...m, ...NO_UNFURL });
      await answerTo(
        deps,
        {
          channel,
          post,
          progress: placeholderMessage({ client, post }),
          // Samen may not be a member where its answer was shared: answer just this user.
          tell: (t) => respond({ response_type: 'ephemeral', replace_original: false, text: t }),
        },
        question,
        // A button's question stands alone, and continues the thread it was asked in.
        { log, user, scope, all, conversation: threadKey(channel, threadTs), followUp: false },
      );
      return;
    }

    // The home tab (or a modal): a direct message.
    const post = (m: SlackMessage) => client.chat.postMessage({ channel: user, ...m, ...NO_UNFURL });
    const done = await answerTo(
      deps,
      {
        post,
        progress: placeholderMessage({ client, post }),
        tell: (t) => tellUser(client, { channel: user, user }, t),
      },
      question,
      { log, user, scope },
    );
    const dm = (done?.posted as { channel?: string } | undefined)?.channel;
    if (done && dm) await remember(deps.state, scope, threadKey(dm, undefined), question, done.outcome);
  };
