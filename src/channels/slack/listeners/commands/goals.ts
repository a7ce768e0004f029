import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { runGoalsCommand, type GoalsReply } from '../../../../goals/command.js';
import { caseDocument, goalsErrorMessage } from '../../../../goals/service.js';
import { NO_UNFURL } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import { CANNOT_POST, slackErrorCode } from '../../errors.js';
import { renderCaseMessage, renderGoalsModal, renderNoticeText } from '../../goals-render.js';
import { SLACK_TEXTS as T } from '../../texts.js';
import { logIds } from '../../logger.js';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/** A notice as Slack mrkdwn: the heading in bold, one line an item. */
export function slackNotice(reply: Extract<GoalsReply, { kind: 'notice' }>): string {
  return [...(reply.heading ? [`*${reply.heading}*`] : []), ...reply.lines].join('\n');
}

/**
 * `/goals [ALIAS]`, `/goals list`, `/goals show ALIAS`, `/goals history|undo ALIAS`,
 * `/goals language nl|en`, `/goals help`. Acknowledged at once; the work follows
 * (src/goals/command.ts), and answers meant for the user alone go through the command's
 * response_url. This listener only renders the reply for Slack.
 */
export const goalsCommand =
  (deps: SlackDeps) =>
  async ({ command, ack, respond, client }: Args): Promise<void> => {
    const goals = deps.goals;
    if (!goals) {
      await ack({ response_type: 'ephemeral', text: T.comingSoon[deps.language](command.command) });
      return;
    }
    await ack();
    const log = deps.logger.child({ listener: '/goals', ...logIds({ channel: command.channel_id }) });
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, ...renderNoticeText(text) });
    const reply = await runGoalsCommand(
      goals,
      {
        platform: 'slack',
        tenantId: command.team_id,
        channelId: command.channel_id,
        language: deps.language,
        commandName: command.command,
      },
      command.text,
    );
    const { language } = reply;
    try {
      switch (reply.kind) {
        case 'notice':
          if (reply.failed !== undefined) log.error({ err: reply.failed, code: slackErrorCode(reply.failed) }, '/goals failed');
          await tell(slackNotice(reply));
          return;
        case 'new-form': {
          const doc = caseDocument(goals.template, { alias: '…', version: 0, content: null }, language);
          await client.views.open({
            trigger_id: command.trigger_id,
            view: renderGoalsModal(doc, { c: command.channel_id, v: 0, l: language }, {}, language),
          });
          return;
        }
        case 'case': {
          const message = renderCaseMessage(caseDocument(goals.template, reply.case, language), language, reply.note);
          try {
            await client.chat.postMessage({ channel: command.channel_id, ...message, ...NO_UNFURL });
          } catch (err) {
            const code = slackErrorCode(err);
            log.warn({ code }, 'could not post the case');
            await tell(CANNOT_POST.has(code) ? T.notInChannel[language](command.channel_id) : T.failed[language]);
          }
          return;
        }
      }
    } catch (err) {
      log.error({ err, code: slackErrorCode(err) }, '/goals failed');
      await tell(goalsErrorMessage(err, language)).catch(() => {});
    }
  };
