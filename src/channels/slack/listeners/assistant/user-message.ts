import type { AssistantUserMessageMiddleware } from '@slack/bolt';
import { NO_UNFURL, respondTo } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import { slackErrorCode } from '../../errors.js';
import { firstSighting, slackScope, threadKey } from '../../memory.js';
import { SLACK_TEXTS as T } from '../../texts.js';
import { inputFromSlack } from '../../text.js';
import { logIds } from '../../logger.js';
import { streamInThread } from '../../progress.js';
import { detectLanguage } from '../../../../shared/language.js';
import { redact } from '../../../../privacy/personal-data.js';

/** Slack shows a thread's title in the assistant's history: the first question, short, without personal data. */
const TITLE_CHARS = 80;

/**
 * A question (or help, goals, reflect) in an assistant thread: a "thinking" status in the question's
 * language, the thread titled after its first question (redacted), then the answer in the thread (a
 * model-written one streamed there).
 */
export const userMessage =
  (deps: SlackDeps): AssistantUserMessageMiddleware =>
  async ({ message, say, setStatus, setTitle, sayStream, client, body, context }) => {
    if (message.subtype !== undefined || message.bot_id) return;
    const { channel, ts, thread_ts: threadTs } = message;
    const scope = slackScope(body.team_id ?? context.teamId);
    if (!(await firstSighting(deps.state, scope, `msg:${channel}:${ts}`))) return;
    const log = deps.logger.child({ listener: 'assistant.message', ...logIds({ channel, ts }) });
    const conversation = threadKey(channel, threadTs);
    const text = typeof message.text === 'string' ? message.text : '';
    try {
      await setStatus(T.thinking[detectLanguage(text, deps.language)]);
      if (text.trim() && (await deps.state.turns(scope, conversation)) === undefined) await setTitle(titleOf(text));
    } catch (err) {
      log.warn({ code: slackErrorCode(err) }, 'could not set the status or title');
    }
    await respondTo(
      deps,
      {
        channel,
        post: (m) => say({ ...m, ...NO_UNFURL }),
        tell: (t) => say(t),
        // The status is set above, for every message; a model-written answer streams into the thread.
        progress: streamInThread({ client, channel, stream: sayStream }),
      },
      inputFromSlack(message.text),
      { log, user: message.user, scope, conversation },
    );
  };

function titleOf(question: string): string {
  const clean = redact(question).replace(/\s+/g, ' ').trim();
  return clean.length > TITLE_CHARS ? `${clean.slice(0, TITLE_CHARS - 1)}…` : clean;
}
