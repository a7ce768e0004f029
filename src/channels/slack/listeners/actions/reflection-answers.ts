/**
 * Answering a reminder's questions in Slack: a rating button stores the person's score for
 * that question at once; the note button opens a small modal whose text goes through the
 * personal-data check (a note with client data is refused in the modal, which keeps the text
 * so nothing typed is lost, and nothing is stored). After a save the reminder is updated with
 * its new count (never who answered what) and the person alone is thanked (ephemeral).
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { reflectAnswer, reminderFallback, type ReflectView } from '../../../../conversation/reflect.js';
import { occurrenceId } from '../../../../reminders/delivery.js';
import type { SlackDeps } from '../../deps.js';
import { REMINDER_EVENT_TYPE } from '../../reminder-delivery.js';
import { slackErrorCode } from '../../errors.js';
import { logIds } from '../../logger.js';
import { mrkdwnOf } from '../../render.js';
import { NOTE_VIEW, noteModal, parseAnswerValue, parseNoteMeta, REMINDER_ACTIONS, reminderBlocks } from '../../reminder-render.js';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;
type ViewArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;
type Client = ActionArgs['client'];

/** The reminder updated with its count, and the person thanked (or told why not) in the channel, ephemerally. */
async function show(client: Client, view: ReflectView, where: { channel: string; user: string; ts?: string }, log: SlackDeps['logger']): Promise<void> {
  if (view.kind === 'notice' && view.failed !== undefined) log.error({ code: slackErrorCode(view.failed), err: view.failed }, 'reflection answer failed');
  try {
    if (view.kind === 'answered' && where.ts) {
      // With the occurrence's marker again, so the message stays findable (REMINDER_EVENT_TYPE).
      await client.chat.update({
        channel: where.channel,
        ts: where.ts,
        text: reminderFallback(view.message),
        blocks: reminderBlocks(view.message),
        metadata: { event_type: REMINDER_EVENT_TYPE, event_payload: { occurrence_id: occurrenceId(view.message) } },
      });
    }
    await client.chat.postEphemeral({ channel: where.channel, user: where.user, text: mrkdwnOf(view.body) });
  } catch (err) {
    log.warn({ code: slackErrorCode(err) }, 'could not show the reflection answer');
  }
}

/** A rating button under a reminder's question. */
export const reflectionRate =
  (deps: SlackDeps) =>
  async ({ ack, body, action, client }: ActionArgs): Promise<void> => {
    await ack();
    const value = parseAnswerValue(action.value);
    const tenantId = body.team?.id ?? body.user.team_id;
    const channel = body.channel?.id ?? (body.container?.channel_id as string | undefined);
    const log = deps.logger.child({ listener: 'action.reflection-rate', ...logIds({ channel }) });
    if (!value?.n || !tenantId || !channel) return void log.warn({ hasValue: Boolean(value) }, 'rating without what it needs');
    const ref = { platform: 'slack' as const, tenantId, channelId: channel };
    const submission = { reminderId: value.r, occurrence: value.o, answers: [{ promptId: value.p, rating: value.n }] };
    const view = await reflectAnswer(deps.reminders, ref, submission, body.user.id, deps.language);
    await show(client, view, { channel, user: body.user.id, ts: body.message?.ts }, log);
  };

/** The note button under a reminder's question: a modal with one short text. */
export const reflectionNote =
  (deps: SlackDeps) =>
  async ({ ack, body, action, client }: ActionArgs): Promise<void> => {
    await ack();
    const value = parseAnswerValue(action.value);
    const channel = body.channel?.id ?? (body.container?.channel_id as string | undefined);
    const log = deps.logger.child({ listener: 'action.reflection-note', ...logIds({ channel }) });
    if (!value || !channel || !body.trigger_id) return void log.warn('note button without what it needs');
    const meta = { r: value.r, o: value.o, p: value.p, c: channel, ...(body.message?.ts ? { t: body.message.ts } : {}) };
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: noteModal(meta, value.q ?? '', deps.language) });
    } catch (err) {
      log.warn({ code: slackErrorCode(err) }, 'could not open the note modal');
    }
  };

/** The note modal submitted: refused in the modal (text kept) or stored, the reminder updated. */
export const reflectionNoteSubmitted =
  (deps: SlackDeps) =>
  async ({ ack, view, body, client }: ViewArgs): Promise<void> => {
    const meta = parseNoteMeta(view.private_metadata);
    const tenantId = body.team?.id ?? body.user.team_id;
    if (!meta || !tenantId) return void (await ack());
    const log = deps.logger.child({ listener: 'view.reflection-note', ...logIds({ channel: meta.c }) });
    const note = (view.state.values as Record<string, Record<string, { value?: string | null }>>)[NOTE_VIEW.block]?.[NOTE_VIEW.action]?.value ?? '';
    const ref = { platform: 'slack' as const, tenantId, channelId: meta.c };
    const submission = { reminderId: meta.r, occurrence: meta.o, answers: [{ promptId: meta.p, note }] };
    const shown = await reflectAnswer(deps.reminders, ref, submission, body.user.id, deps.language);
    if (shown.kind === 'notice' && shown.failed === undefined) {
      // Refused (client data, too long, empty) or gone: said on the field, the modal open with the text as typed.
      return void (await ack({ response_action: 'errors', errors: { [NOTE_VIEW.block]: mrkdwnOf(shown.body).slice(0, 2000) } }));
    }
    await ack();
    await show(client, shown, { channel: meta.c, user: body.user.id, ts: meta.t }, log);
  };

export const REFLECTION_ACTION_PATTERNS = {
  rate: new RegExp(`^${REMINDER_ACTIONS.rate}:[a-z0-9-]+:[1-5]$`),
  note: new RegExp(`^${REMINDER_ACTIONS.note}:[a-z0-9-]+$`),
} as const;
