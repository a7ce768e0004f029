import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { caseDocument, goalsErrorMessage } from '../../../../goals/service.js';
import { GOALS_TEXTS as G } from '../../../../goals/texts.js';
import { NO_UNFURL } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import { slackErrorCode } from '../../errors.js';
import {
  modalFields,
  parseModalMeta,
  renderCaseMessage,
  renderInfoModal,
  valuesFromState,
} from '../../goals-render.js';
import { logIds } from '../../logger.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/**
 * The goals modal was submitted. Personal data and validation errors come back inline
 * (response_action: errors) and nothing is stored; a save from a stale version is refused
 * and the modal shows the newer version; a save updates the channel message in place
 * (or posts it, for a case made from the modal).
 */
export const goalsSubmitted =
  (deps: SlackDeps) =>
  async ({ ack, view, body, client }: Args): Promise<void> => {
    const goals = deps.goals;
    const meta = parseModalMeta(view.private_metadata);
    const teamId = body.team?.id ?? body.user.team_id;
    if (!goals || !meta || !teamId) {
      await ack();
      return;
    }
    const language = meta.l;
    const log = deps.logger.child({ listener: 'view.goals', ...logIds({ channel: meta.c }) });
    const channel = goals.channel({ platform: 'slack', tenantId: teamId }, meta.c);
    const values = valuesFromState(view.state.values as never);
    if (meta.a !== undefined) values.alias = meta.a;

    let outcome;
    try {
      outcome = await channel.submit(values, meta.v, language);
    } catch (err) {
      log.error({ err }, 'could not save the case');
      await ack({ response_action: 'update', view: renderInfoModal(G.title[language], goalsErrorMessage(err, language), language) });
      return;
    }

    if (outcome.kind === 'invalid' || outcome.kind === 'personal-data') {
      const shown = new Set(modalFields(meta.a === undefined).map((f) => f.key));
      const errors = Object.fromEntries(Object.entries(outcome.errors).filter(([key]) => shown.has(key)));
      if (Object.keys(errors).length > 0) {
        await ack({ response_action: 'errors', errors });
      } else {
        const message = outcome.kind === 'personal-data' ? outcome.message : Object.values(outcome.errors).join('\n');
        await ack({ response_action: 'update', view: renderInfoModal(G.title[language], message, language) });
      }
      return;
    }

    if (outcome.kind === 'conflict') {
      const doc = caseDocument(goals.template, outcome.current, language);
      await ack({
        response_action: 'update',
        view: renderInfoModal(G.conflictTitle[language], G.conflict[language](outcome.current.alias, outcome.current.version), language, doc),
      });
      // The message in the channel may be older still: show the current version there too.
      if (meta.ts) await client.chat.update({ channel: meta.c, ts: meta.ts, ...renderCaseMessage(doc, language) }).catch(() => {});
      return;
    }

    await ack();
    const doc = caseDocument(goals.template, outcome.case, language);
    const message = renderCaseMessage(doc, language);
    try {
      if (meta.ts) await client.chat.update({ channel: meta.c, ts: meta.ts, ...message });
      else await client.chat.postMessage({ channel: meta.c, ...message, ...NO_UNFURL });
    } catch (err) {
      log.warn({ code: slackErrorCode(err) }, 'saved, but could not update the message');
      await client.chat
        .postEphemeral({ channel: meta.c, user: body.user.id, text: `${G.savedBy[language](outcome.case.version)}` })
        .catch(() => {});
    }
  };
