import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { answerTo } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import { renderHelp } from '../../render.js';
import { questionFromSlack } from '../../text.js';
import { logIds } from '../../logger.js';

export type SamenCommand = { kind: 'help' } | { kind: 'ask'; question: string };

/** `/samen`, `/samen help` (or hulp, ?) → help; `/samen anything else` → that question. */
export function parseSamenCommand(text: string | undefined): SamenCommand {
  const question = questionFromSlack(typeof text === 'string' ? text : '');
  if (question === '' || /^(help|hulp|\?|-h|--help)$/i.test(question)) return { kind: 'help' };
  return { kind: 'ask', question };
}

/**
 * `/samen question`: an answer only the user sees (through the command's response_url,
 * which works in every conversation), with a "Share in channel" button.
 */
export const samenCommand =
  (deps: SlackDeps) =>
  async ({ command, ack, respond }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    const parsed = parseSamenCommand(command.text);
    if (parsed.kind === 'help') {
      const help = renderHelp(await deps.engine.answer('help', { language: deps.language }));
      await ack({ response_type: 'ephemeral', ...help });
      return;
    }
    await ack();
    const log = deps.logger.child({ listener: '/samen', ...logIds({ channel: command.channel_id }) });
    await answerTo(
      deps,
      {
        channel: command.channel_id,
        post: (m) => respond({ response_type: 'ephemeral', replace_original: false, ...m }),
        tell: (t) => respond({ response_type: 'ephemeral', replace_original: false, text: t }),
      },
      parsed.question,
      { log, user: command.user_id, render: { share: true } },
    );
  };
