import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { answerTo, NO_UNFURL } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import { ASK_INPUT } from '../../ids.js';
import { slackScope, threadKey } from '../../memory.js';
import { remember } from '../../../../conversation/ask.js';

/** The home tab's "Ask a question" modal was submitted: the answer arrives as a direct message. */
export const askSubmitted =
  (deps: SlackDeps) =>
  async ({ ack, view, body, client }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> => {
    const question = view.state.values[ASK_INPUT.block]?.[ASK_INPUT.action]?.value?.trim() ?? '';
    if (question === '') {
      await ack({ response_action: 'errors', errors: { [ASK_INPUT.block]: '?' } });
      return;
    }
    await ack();
    const user = body.user.id;
    const scope = slackScope(body.team?.id ?? body.user.team_id);
    const log = deps.logger.child({ listener: 'view.ask' });
    const done = await answerTo(
      deps,
      {
        post: (m) => client.chat.postMessage({ channel: user, ...m, ...NO_UNFURL }),
        tell: (t) => client.chat.postMessage({ channel: user, text: t }),
      },
      question,
      { log, user, scope },
    );
    const dm = (done?.posted as { channel?: string } | undefined)?.channel;
    // The direct message's channel is known only now: its turn is remembered there, for follow-ups.
    if (done && dm) await remember(deps.state, scope, threadKey(dm, undefined), question, done.outcome);
  };
