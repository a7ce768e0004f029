import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { MAX_GOALS } from '../../../../goals/model.js';
import { caseDocument } from '../../../../goals/service.js';
import type { SlackDeps } from '../../deps.js';
import { slackErrorCode } from '../../errors.js';
import { GOALS_IDS, parseModalMeta, renderGoalsModal, valuesFromState } from '../../goals-render.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/**
 * "Add a goal" or "More details" in the goals modal: the same modal with one more goal slot or
 * with the details, what was typed kept (views.update with the view's hash, so a stale click
 * cannot overwrite a newer view).
 */
export const goalsGrow =
  (deps: SlackDeps) =>
  async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const view = body.view;
    const meta = parseModalMeta(view?.private_metadata);
    if (!deps.goals || !view || !meta) return;
    const grown = action.action_id === GOALS_IDS.addGoal ? { ...meta, g: Math.min(MAX_GOALS, (meta.g ?? 1) + 1) } : { ...meta, d: true };
    const values = valuesFromState(view.state.values as never);
    const doc = caseDocument(deps.goals.template, { alias: meta.a ?? '', version: meta.v, content: null }, meta.l);
    try {
      await client.views.update({ view_id: view.id, hash: view.hash, view: renderGoalsModal(doc, grown, values, meta.l) });
    } catch (err) {
      // hash_conflict: the modal changed meanwhile (a second click); the newer view stands.
      deps.logger.warn({ listener: 'action.goals_grow', code: slackErrorCode(err) }, 'could not grow the goals modal');
    }
  };
