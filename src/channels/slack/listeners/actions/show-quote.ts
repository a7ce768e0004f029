import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { slackErrorCode } from '../../errors.js';
import { parseQuoteValue } from '../../ids.js';
import { renderQuoteModal, renderQuoteUnavailable } from '../../render.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/** "Show quote" on a source: the full verbatim passage in a modal. */
export const showQuote =
  (deps: SlackDeps) =>
  async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const value = parseQuoteValue(action.value);
    const lang = value?.l ?? deps.language;
    const n = Number(action.action_id.split(':')[1] ?? '0');
    const citation = value ? deps.citation(value.id, value.l) : undefined;
    const view = citation ? renderQuoteModal({ ...citation, n }, lang) : renderQuoteUnavailable(lang);
    try {
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (err) {
      deps.logger.warn({ listener: 'action.show_quote', code: slackErrorCode(err) }, 'could not open the quote');
    }
  };
