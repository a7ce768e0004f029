import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { checkAlias } from '../../../../goals/model.js';
import { caseDocument, goalsErrorMessage, parseGoalsCommand } from '../../../../goals/service.js';
import { GOALS_TEXTS as G } from '../../../../goals/texts.js';
import { NO_UNFURL } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import { CANNOT_POST, slackErrorCode } from '../../errors.js';
import { renderCaseMessage, renderGoalsModal, renderNoticeText } from '../../goals-render.js';
import { SLACK_TEXTS as T } from '../../texts.js';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/**
 * `/goals [ALIAS]`, `/goals list`, `/goals show ALIAS`, `/goals history|undo ALIAS`,
 * `/goals language nl|en`, `/goals help`. Acknowledged at once; the work follows, and
 * answers meant for the user alone go through the command's response_url.
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
    const log = deps.logger.child({ listener: '/goals', channel: command.channel_id });
    const channel = goals.channel(command.team_id, command.channel_id);
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, ...renderNoticeText(text) });
    let language = deps.language;
    try {
      language = await channel.language();
      const parsed = parseGoalsCommand(command.text);
      const post = async (alias: string, note?: string) => {
        const stored = await channel.get(alias);
        if (!stored) return tell(G.notFound[language](alias));
        const message = renderCaseMessage(caseDocument(goals.template, stored, language), language, note);
        try {
          await client.chat.postMessage({ channel: command.channel_id, ...message, ...NO_UNFURL });
        } catch (err) {
          const code = slackErrorCode(err);
          log.warn({ code }, 'could not post the case');
          await tell(CANNOT_POST.has(code) ? T.notInChannel[language](command.channel_id) : T.failed[language]);
        }
      };
      switch (parsed.kind) {
        case 'help':
          await tell(G.help[language](command.command));
          return;
        case 'language':
          if (!parsed.language) return void (await tell(G.languageUsage[language]));
          await channel.setLanguage(parsed.language);
          await tell(G.languageSet[parsed.language]);
          return;
        case 'list': {
          const cases = await channel.list();
          await tell(
            cases.length === 0
              ? G.listEmpty[language]
              : [`*${G.listHeading[language]}*`, ...cases.map((c) => G.listItem[language](c.alias, c.version, c.updatedAt))].join('\n'),
          );
          return;
        }
        case 'show':
          await post(parsed.alias);
          return;
        case 'history': {
          const stored = await channel.get(parsed.alias);
          if (!stored) return void (await tell(G.notFound[language](parsed.alias)));
          const versions = await channel.history(parsed.alias);
          await tell(
            [
              `*${G.historyHeading[language](stored.alias)}*`,
              ...versions.map((v) =>
                G.historyItem[language](v.version, v.savedAt, v.restoredFrom ? G.restoredNote[language](v.restoredFrom) : ''),
              ),
            ].join('\n'),
          );
          return;
        }
        case 'undo': {
          const undone = await channel.undo(parsed.alias);
          await post(undone.alias, G.undone[language](undone.alias, undone.version, undone.restoredFrom));
          return;
        }
        case 'new': {
          if (parsed.alias === undefined) {
            // No alias: the modal asks for it with the rest of the form.
            const doc = caseDocument(goals.template, { alias: '…', version: 0, content: null }, language);
            await client.views.open({
              trigger_id: command.trigger_id,
              view: renderGoalsModal(doc, { c: command.channel_id, v: 0, l: language }, {}, language),
            });
            return;
          }
          const alias = checkAlias(parsed.alias, language);
          if (!alias.ok) return void (await tell(alias.message));
          const opened = await channel.open(alias.alias);
          await post(opened.case.alias, opened.created ? undefined : G.exists[language](opened.case.alias));
          return;
        }
      }
    } catch (err) {
      log.error({ err, code: slackErrorCode(err) }, '/goals failed');
      await tell(goalsErrorMessage(err, language)).catch(() => {});
    }
  };
