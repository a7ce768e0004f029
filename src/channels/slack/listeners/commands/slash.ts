import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Input } from '../../../../conversation/commands.js';
import { help } from '../../../../conversation/commands.js';
import { texts } from '../../../../conversation/texts/index.js';
import { NO_UNFURL, respondTo } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import { logIds } from '../../logger.js';
import { placeholderResponse } from '../../progress.js';
import { slackScope } from '../../memory.js';
import { renderHelp, renderSaid } from '../../render.js';
import { inputFromSlack, questionFromSlack } from '../../text.js';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/**
 * Slack's slash commands, one listener: `/samen …` reads its text as anything a user types
 * (help, goals, reflect or a question); `/goals …` and `/reflect …` are those commands. Help,
 * and a command Samen cannot run here, are answered in the acknowledgement; the rest follows
 * it, meant for the user alone through the command's response_url (it works in every
 * conversation): an answer with a "Share in channel" button, a notice. A goals case is posted
 * in the channel, and the new-case form opens in a modal. A model-written answer replaces a "looking
 * it up…" message shown at once.
 */
export const slashCommand =
  (deps: SlackDeps, word?: 'goals' | 'reflect') =>
  async ({ command, ack, respond, client }: Args): Promise<void> => {
    const input: Input = word ? { kind: word, args: questionFromSlack(command.text) } : inputFromSlack(command.text);
    const language = deps.language;
    if (input.kind === 'help') return void (await ack({ response_type: 'ephemeral', ...renderHelp(help(language)) }));
    if ((input.kind === 'goals' && !deps.goals) || (input.kind === 'reflect' && !deps.reminders)) {
      return void (await ack({ response_type: 'ephemeral', ...renderSaid(texts(language).unavailable(input.kind)) }));
    }
    await ack();
    const channel = command.channel_id;
    const alone = (m: object) => respond({ response_type: 'ephemeral', replace_original: false, ...m });
    await respondTo(
      deps,
      {
        channel,
        post: alone,
        tell: (text) => alone({ text }),
        postInChannel: (m) => client.chat.postMessage({ channel, ...m, ...NO_UNFURL }),
        openModal: (view) => client.views.open({ trigger_id: command.trigger_id, view }),
        progress: placeholderResponse(respond),
      },
      input,
      {
        log: deps.logger.child({ listener: command.command, ...logIds({ channel }) }),
        user: command.user_id,
        scope: slackScope(command.team_id),
        render: { share: true },
      },
    );
  };
