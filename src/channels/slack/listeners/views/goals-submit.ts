import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { goalsSubmit } from '../../../../conversation/goals.js';
import { GOALS_TEXTS as G } from '../../../../goals/texts.js';
import { NO_UNFURL } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import { slackErrorCode } from '../../errors.js';
import { modalFields, parseModalMeta, renderCaseMessage, renderInfoModal, valuesFromState } from '../../goals-render.js';
import { logIds } from '../../logger.js';
import { slackScope } from '../../memory.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/**
 * The goals modal was submitted; the conversation layer saves it (src/conversation/goals.ts)
 * and this renders its view in Slack's terms. Personal data and validation errors come back
 * inline (response_action: errors) and nothing is stored; a save from a stale version is
 * refused and the modal shows the newer version; a save updates the channel message in
 * place (or posts it, for a case made from the modal).
 */
export const goalsSubmitted =
  (deps: SlackDeps) =>
  async ({ ack, view, body, client }: Args): Promise<void> => {
    const meta = parseModalMeta(view.private_metadata);
    const teamId = body.team?.id ?? body.user.team_id;
    if (!deps.goals || !meta || !teamId) {
      await ack();
      return;
    }
    const language = meta.l;
    const log = deps.logger.child({ listener: 'view.goals', ...logIds({ channel: meta.c }) });
    const values = valuesFromState(view.state.values as never);
    if (meta.a !== undefined) values.alias = meta.a;
    const shown = await goalsSubmit(deps.goals, { ...slackScope(teamId), channelId: meta.c, language }, { values, version: meta.v, language });

    switch (shown.kind) {
      case 'refused': {
        // Inline, on the fields the modal shows; what it cannot show there, in its place.
        const fields = new Set(modalFields(meta).map((f) => f.key));
        const errors = Object.fromEntries(Object.entries(shown.errors).filter(([key]) => fields.has(key)));
        if (Object.keys(errors).length > 0) await ack({ response_action: 'errors', errors });
        else await ack({ response_action: 'update', view: renderInfoModal(G.title[language], shown.body, language) });
        return;
      }
      case 'conflict':
        await ack({ response_action: 'update', view: renderInfoModal(shown.title, shown.message, language, shown.doc) });
        // The message in the channel may be older still: show the current version there too.
        if (meta.ts) await client.chat.update({ channel: meta.c, ts: meta.ts, ...renderCaseMessage(shown.doc, language) }).catch(() => {});
        return;
      case 'case': {
        await ack();
        const message = renderCaseMessage(shown.doc, language);
        try {
          if (meta.ts) await client.chat.update({ channel: meta.c, ts: meta.ts, ...message });
          else await client.chat.postMessage({ channel: meta.c, ...message, ...NO_UNFURL });
        } catch (err) {
          log.warn({ code: slackErrorCode(err) }, 'saved, but could not update the message');
          if (shown.note) await client.chat.postEphemeral({ channel: meta.c, user: body.user.id, text: shown.note }).catch(() => {});
        }
        return;
      }
      default:
        if (shown.kind === 'notice' && shown.failed !== undefined) log.error({ err: shown.failed }, 'could not save the case');
        await ack({ response_action: 'update', view: renderInfoModal(G.title[language], shown.kind === 'notice' ? shown.body : [], language) });
    }
  };
