import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { contentToForm } from '../../../../goals/model.js';
import { goalsFailure } from '../../../../conversation/goals.js';
import { texts } from '../../../../conversation/texts/index.js';
import { caseDocument } from '../../../../goals/service.js';
import { GOALS_TEXTS as G } from '../../../../goals/texts.js';
import type { SlackDeps } from '../../deps.js';
import { slackErrorCode } from '../../errors.js';
import { parseEditValue, renderGoalsModal, renderInfoModal } from '../../goals-render.js';
import { logIds } from '../../logger.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/** "Fill in" / "Edit" under a case: the modal, prefilled with the current version. */
export const goalsEdit =
  (deps: SlackDeps) =>
  async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const goals = deps.goals;
    const alias = parseEditValue(action.value);
    const channelId = body.channel?.id ?? body.container?.channel_id;
    const teamId = body.team?.id ?? body.user.team_id;
    if (!goals || !alias || !channelId || !teamId) return;
    const log = deps.logger.child({ listener: 'action.goals_edit', ...logIds({ channel: channelId }) });
    const channel = goals.channel({ platform: 'slack', tenantId: teamId }, channelId);
    let language = deps.language;
    try {
      language = await channel.language();
      const stored = await channel.get(alias);
      if (!stored) {
        await client.views.open({
          trigger_id: body.trigger_id,
          view: renderInfoModal(G.title[language], texts(language).goals.notFound(alias), language),
        });
        return;
      }
      const doc = caseDocument(goals.template, stored, language);
      const meta = { a: stored.alias, c: channelId, ts: body.message?.ts ?? body.container?.message_ts, v: stored.version, l: language };
      await client.views.open({
        trigger_id: body.trigger_id,
        view: renderGoalsModal(doc, meta, contentToForm(stored.alias, stored.content), language),
      });
    } catch (err) {
      log.warn({ err, code: slackErrorCode(err) }, 'could not open the goals modal');
      await client.views
        .open({ trigger_id: body.trigger_id, view: renderInfoModal(G.title[language], goalsFailure(err, language), language) })
        .catch(() => {});
    }
  };
