/**
 * Samen as a Teams bot. Personal chat: every message is for Samen. Group chats and
 * channels: only messages that @mention Samen (the mention is removed), plus clicks on the
 * buttons of Samen's own cards. What the user typed is read by the conversation layer
 * (help, goals, reflect or a question: src/conversation) and its answer rendered here; it
 * goes to the same conversation (in a channel: the same reply chain).
 *
 * The HTTP request is acknowledged as soon as the activity is read; answering (on the work
 * queue) and posting follow, through the connector client of the request, so a slow answer
 * never holds up Teams' request (or the next one).
 */
import {
  StatusCodes,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type ConversationReference,
  type InvokeResponse,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { Logger } from 'pino';
import type { Language } from '../../shared/reply.js';
import { ask, noticeOf, replyOf } from '../../conversation/ask.js';
import { recordFeedback } from '../../conversation/feedback.js';
import { help, parseInput, type Input } from '../../conversation/commands.js';
import { goalsCommand } from '../../conversation/goals.js';
import { reflectCommand, type Reminders } from '../../conversation/reflect.js';
import { ANSWER_TTL_MS, HANDLED_TTL_MS, type ConversationState } from '../../conversation/state.js';
import type { Core } from '../../conversation/core.js';
import type { FeedbackInput, ConversationReference as StoredReference, Tenant } from '../../storage/index.js';
import type { GoalsService } from '../../goals/service.js';
import { cardSubmit, cardSubmitted, showGoals, showReflect, type CardSubmit, type Outbox, type Where } from './commands.js';
import { askValue, conversationType, mentionsBot, messageText } from './input.js';
import { renderHelp, renderReply, renderSaid, type TeamsMessage } from './render.js';
import { localeLanguage } from './texts.js';
import { TeamsStream, typingIndicator, type LiveAnswer } from './stream.js';

/** The storage layer, per platform and tenant (Microsoft Entra tenant): feedback and conversation references. */
export interface TeamsStore {
  tenant(tenant: Tenant): {
    feedback: { record(input: FeedbackInput): Promise<void> };
    /** Absent in a store without conversation references; then none are kept. */
    conversations?: { save(conversationId: string, reference: StoredReference): Promise<void> };
  };
}

/** Runs work after the acknowledgement (the server's work queue). */
export interface Scheduler {
  run<T>(job: () => Promise<T> | T): Promise<T>;
}

export interface BotDeps {
  /** The core: a question in (through its guard), a reply model out; asked through src/conversation/ask.ts. Its mode 'llm' shows progress. */
  core: Pick<Core, 'respond'> & Partial<Pick<Core, 'mode'>>;
  store?: TeamsStore;
  scheduler: Scheduler;
  logger: Logger;
  /** Language of Samen's own texts when Teams does not tell the user's (activity.locale). */
  language: Language;
  /**
   * Activity ids handled, the conversations' turns, the findings each posted answer cited (for its
   * feedback): the server's is in the shared database, so a redelivery, a follow-up or a thumbs up
   * that reaches another instance (or arrives after a restart) is handled as on the first.
   */
  state: ConversationState;
  /** `goals …`; absent: "not switched on". */
  goals?: GoalsService;
  /** `reflect …`; absent: "not switched on". */
  reminders?: Reminders;
  /** SAMEN_PUBLIC_URL: where Teams fetches the reflection trend's chart; absent: the trend is text only. */
  publicUrl?: string;
}

/**
 * The tenant the activity comes from; the Emulator and Playground send none. Always on
 * platform 'teams': an activity names its tenant id itself (without credentials nothing
 * checks it), so whatever id it claims it reaches Teams rows only, never Slack's or the
 * web chat's.
 */
export function tenantOf(activity: Partial<Activity>): Tenant {
  const fromChannelData = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return { platform: 'teams', tenantId: activity.conversation?.tenantId || fromChannelData || 'local' };
}

/** The conversation without the reply chain (a channel's id carries ";messageid=…"). */
export function channelOf(activity: Partial<Activity>): string {
  return (activity.conversation?.id ?? 'unknown').split(';')[0];
}

/**
 * What is stored to reach the conversation later: ids, service URL and tenant; no names
 * (neither the user's nor the conversation's).
 */
export function storableReference(reference: Partial<ConversationReference>): StoredReference {
  const { user, conversation, bot, ...rest } = reference;
  return JSON.parse(
    JSON.stringify({
      ...rest,
      user: user && { id: user.id, aadObjectId: user.aadObjectId, role: user.role },
      bot: bot && { id: bot.id, name: bot.name },
      conversation: conversation && {
        id: conversation.id,
        conversationType: conversation.conversationType,
        tenantId: conversation.tenantId,
        isGroup: conversation.isGroup,
      },
    }),
  ) as StoredReference;
}

/**
 * What to log of an error: never the error object itself, since a Bot Connector error
 * carries the request, bearer token included.
 */
export function errorInfo(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: String(err) };
  const { statusCode, code } = err as { statusCode?: unknown; code?: unknown };
  return { error: err.name, message: err.message, statusCode, code };
}

/** Who asked, where: the rate limits' user, the conversation's turns, and whether it is a personal chat (which streams). */
interface Asker {
  userId?: string;
  conversationId?: string;
  personal?: boolean;
}

type Work =
  /** typed: what the user wrote (a question is read with the conversation's earlier turns), not a card button's. */
  | { kind: 'input'; input: Input; typed: boolean; all?: boolean }
  | { kind: 'submit'; value: CardSubmit & Record<string, unknown>; replyToId?: string; user: string };

export class SamenTeamsBot extends TeamsActivityHandler {
  constructor(private readonly d: BotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.message(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.installed(context);
      await next();
    });
  }

  /** The feedback loop's thumbs up/down arrive as a message/submitAction invoke. */
  protected async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const activity = context.activity;
    const value = activity.value as { actionName?: unknown; actionValue?: { reaction?: unknown } } | undefined;
    if (activity.name === 'message/submitAction' && value?.actionName === 'feedback') {
      return this.feedback(context, value.actionValue?.reaction);
    }
    // Action.Execute of a goals or reminder card (Universal Actions): the same as a submit.
    const data = (activity.value as { action?: { data?: unknown } } | undefined)?.action?.data;
    if (activity.name === 'adaptiveCard/action' && cardSubmit(data)) {
      await this.message(context, data);
      return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '' } };
    }
    const response = await super.onInvokeActivity(context);
    // botbuilder answers an invoke nothing here handles with 501, which reads as Samen failing:
    // it is a request Samen does not take, so a 400 in the invoke error format Teams shows.
    if (response.status !== StatusCodes.NOT_IMPLEMENTED) return response;
    return {
      status: StatusCodes.BAD_REQUEST,
      body: { statusCode: StatusCodes.BAD_REQUEST, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'Samen does not handle this action.' } },
    };
  }

  /** Reads the activity and schedules the work; resolves before it is done (Teams' request is acknowledged then). */
  private async message(context: TurnContext, value: unknown = context.activity.value): Promise<void> {
    const activity = context.activity;
    const asked = askValue(activity);
    const submit = cardSubmit(value);
    if (asked === undefined && !submit && conversationType(activity) !== 'personal' && !mentionsBot(activity)) return;
    // Teams redelivers an activity it thinks was not received, perhaps to another instance: answer it once.
    if (activity.id && !(await this.d.state.firstSighting(tenantOf(activity), `activity:${activity.conversation?.id}|${activity.id}`, HANDLED_TTL_MS))) {
      this.d.logger.info({ channel: 'teams', activity: activity.id }, 'Teams redelivered an activity: answered once');
      return;
    }

    const work: Work = submit
      ? { kind: 'submit', value: submit, replyToId: activity.replyToId, user: activity.from?.name || activity.from?.id || '?' }
      : asked
        ? { kind: 'input', input: { kind: 'question', question: asked.question }, typed: false, all: asked.all }
        : { kind: 'input', input: parseInput(messageText(activity)), typed: true };
    const reference = TurnContext.getConversationReference(activity);
    const connector = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
    const language = localeLanguage(activity.locale, this.d.language);
    const tenant = tenantOf(activity);
    const log = this.d.logger.child({ channel: 'teams', tenant: tenant.tenantId, activity: activity.id });

    const where: Where = { ...tenant, channelId: channelOf(activity), language };
    const asker = { userId: activity.from?.aadObjectId || activity.from?.id, conversationId: activity.conversation?.id, personal: conversationType(activity) === 'personal' };
    // After Teams' request is answered: the answering itself takes its turn on the work queue (src/conversation/ask.ts).
    setImmediate(() => {
      this.respond(work, reference, connector, where, log, asker).catch((err: unknown) => log.error(errorInfo(err), 'Teams answer failed'));
    });
  }

  private async respond(
    work: Work,
    reference: Partial<ConversationReference>,
    connector: ConnectorClient,
    where: Where,
    log: Logger,
    asker: Asker = {},
  ): Promise<void> {
    const saved = this.saveReference(where, reference, log);
    // Commands may need the reference (a reminder is posted through it); a question does not, and
    // its progress shows at once instead of after the write.
    if (work.kind !== 'input' || work.input.kind !== 'question') await saved;
    const started = Date.now();
    const replyToId = work.kind === 'submit' ? work.replyToId : undefined;
    const out: Outbox = {
      post: (m) => this.post(connector, reference, m),
      update: async (m) => {
        if (!replyToId) return void (await this.post(connector, reference, m));
        const activity = TurnContext.applyConversationReference({ ...m, id: replyToId } as Partial<Activity>, reference);
        delete activity.replyToId;
        await connector.conversations.updateActivity(activity.conversation!.id, replyToId, activity as Activity);
      },
    };
    const kind = work.kind === 'submit' ? `submit:${work.value.samen}` : work.input.kind;
    if (work.kind === 'submit') await cardSubmitted(this.d, where, work.value, work.user, out, asker.userId);
    else await this.answer(work.input, work, where, out, log, asker, (activity) => this.post(connector, reference, activity));
    await saved;
    log.info({ kind, ms: Date.now() - started }, 'Teams reply posted');
  }

  /** What the user typed (or a card's question): help, goals, reflect, or a question through the conversation layer. */
  private async answer(
    input: Input,
    how: { typed: boolean; all?: boolean },
    where: Where,
    out: Outbox,
    log: Logger,
    asker: Asker,
    send: (activity: Partial<Activity>) => Promise<string | undefined>,
  ): Promise<void> {
    const { language } = where;
    switch (input.kind) {
      case 'help':
        return void (await out.post(renderHelp(help(language))));
      case 'goals':
        return showGoals(await goalsCommand(this.d.goals, where, input.args), out);
      case 'reflect':
        return showReflect(await reflectCommand(this.d.reminders, where, input.args, language), out, false, this.d.publicUrl);
      case 'question': {
        // A model-written answer shows its progress: streamed in a personal chat, a typing indicator elsewhere.
        const onError = (err: unknown) => log.warn(errorInfo(err), 'could not show the answer on its way');
        const live: LiveAnswer = asker.personal ? new TeamsStream(send, onError) : typingIndicator(send, onError);
        const outcome = await ask(
          { core: this.d.core, state: this.d.state, scheduler: this.d.scheduler, language, logger: log },
          {
            question: input.question,
            scope: where,
            userId: asker.userId,
            channelId: where.channelId,
            conversation: asker.conversationId,
            followUp: how.typed,
            all: how.all,
          },
          (event) => live.progress(event),
        );
        const reply = replyOf(outcome);
        const message = reply ? renderReply(reply) : renderSaid(noticeOf(outcome));
        const streamed = await live.finish(message).catch((err: unknown) => void onError(err));
        const id = streamed ?? (await out.post(message));
        // Which findings the answer cited, for its thumbs up or down (which names only this message).
        if (id && reply && (reply.kind === 'answer' || reply.kind === 'out-of-scope')) {
          await this.d.state.rememberAnswer(where, id, reply.citations.map((c) => c.id), ANSWER_TTL_MS);
        }
      }
    }
  }

  /** Posts a message (or a typing activity) into the conversation of the reference, as a reply to its activity. */
  private async post(connector: ConnectorClient, reference: Partial<ConversationReference>, message: TeamsMessage | Partial<Activity>) {
    const activity = TurnContext.applyConversationReference({ ...message } as Partial<Activity>, reference);
    const conversationId = activity.conversation!.id;
    const response = activity.replyToId
      ? await connector.conversations.replyToActivity(conversationId, activity.replyToId, activity as Activity)
      : await connector.conversations.sendToConversation(conversationId, activity as Activity);
    return response?.id;
  }

  private async saveReference(tenant: Tenant, reference: Partial<ConversationReference>, log: Logger): Promise<void> {
    const conversations = this.d.store?.tenant(tenant).conversations;
    const id = reference.conversation?.id;
    if (!conversations || !id) return;
    try {
      await conversations.save(id, storableReference(reference));
    } catch (err) {
      // An answer matters more than a reminder later: answer anyway.
      log.error(errorInfo(err), 'could not store the conversation reference');
    }
  }

  private async feedback(context: TurnContext, reaction: unknown): Promise<InvokeResponse> {
    const activity = context.activity;
    const rating = reaction === 'like' ? 'helpful' : reaction === 'dislike' ? 'not_helpful' : undefined;
    const log = this.d.logger.child({ channel: 'teams', tenant: tenantOf(activity).tenantId, activity: activity.replyToId });
    if (!rating) return { status: 400 };
    const findingIds = activity.replyToId ? await this.d.state.answerFindings(tenantOf(activity), activity.replyToId) : undefined;
    // Only the rating, which findings the answer cited and a hashed user id: never the
    // question, the user's optional comment, or any name.
    const input = { channelId: channelOf(activity), findingIds: findingIds ?? [], rating, userId: activity.from?.aadObjectId || activity.from?.id || 'unknown' } as const;
    const outcome = await recordFeedback(this.d.store, tenantOf(activity), input, log.child({ known: findingIds !== undefined }));
    return outcome === 'failed' ? { status: 500 } : { status: 200, body: {} };
  }

  /** Samen added to a conversation: keep its reference; in a personal chat, say hello. */
  private async installed(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const botId = activity.recipient?.id;
    if (!activity.membersAdded?.some((m) => m.id === botId)) return;
    const tenant = tenantOf(activity);
    const log = this.d.logger.child({ channel: 'teams', tenant: tenant.tenantId });
    await this.saveReference(tenant, TurnContext.getConversationReference(activity), log);
    if (conversationType(activity) === 'personal') {
      const language = localeLanguage(activity.locale, this.d.language);
      await context.sendActivity(renderHelp(help(language)) as Partial<Activity>);
    }
  }
}
