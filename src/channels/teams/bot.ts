/**
 * Samen as a Teams bot. Personal chat: every message is a question. Group chats and
 * channels: only messages that @mention Samen (the mention is removed), plus clicks on the
 * follow-up buttons of Samen's own cards. The answer goes to the same conversation (in a
 * channel: the same reply chain).
 *
 * The HTTP request is acknowledged as soon as the activity is read; answering and posting
 * run afterwards on the scheduler, through the connector client of the request, so a slow
 * answer never holds up Teams' request (or the next one).
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
import type { Language, Reply } from '../../answer/reply.js';
import { ConversationHistories, turnFor } from '../../answer/history.js';
import type { Turn } from '../../answer/llm/composer.js';
import type { FeedbackInput, ConversationReference as StoredReference, Tenant } from '../../storage/index.js';
import type { GoalsService } from '../../goals/service.js';
import { cardSubmit, goalsSubmit, goalsText, reflectSubmit, reflectText, type CardSubmit, type Outbox, type Reminders, type Where } from './commands.js';
import { askValue, conversationType, mentionsBot, messageText, parseCommand } from './input.js';
import { renderNotice, renderReply, type TeamsMessage } from './render.js';
import { TEAMS_TEXTS as T, localeLanguage, type Command } from './texts.js';

/** The core: a question in, a reply model out. */
export interface Answerer {
  /** userId/channelId: for the core's rate limits; history: the conversation's earlier turns, oldest first. */
  answer(question: string, options?: { language?: Language; userId?: string; channelId?: string; history?: Turn[]; all?: boolean }): Promise<Reply>;
}

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
  core: Answerer;
  store?: TeamsStore;
  scheduler: Scheduler;
  logger: Logger;
  /** Language of Samen's own texts when Teams does not tell the user's (activity.locale). */
  language: Language;
  sent: SentAnswers;
  /** `goals …`; absent: "coming soon". */
  goals?: GoalsService;
  /** `reflect …`; absent: "coming soon". */
  reminders?: Reminders;
}

/**
 * Which findings each answer Samen posted cited, by the message id Teams gave it, so a
 * thumbs up or down can be stored against the findings. Bounded; after a restart older
 * answers' feedback is stored with the rating only.
 */
export class SentAnswers {
  private readonly ids = new Map<string, string[]>();
  constructor(private readonly max = 5000) {}

  remember(messageId: string, findingIds: string[]): void {
    this.ids.delete(messageId);
    this.ids.set(messageId, findingIds);
    if (this.ids.size > this.max) this.ids.delete(this.ids.keys().next().value!);
  }

  findings(messageId: string | undefined): string[] | undefined {
    return messageId === undefined ? undefined : this.ids.get(messageId);
  }
}

/** Activity ids seen lately: Teams redelivers an activity it thinks was not received; answer it once. */
export class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly max = 5000) {}

  /** False when the id was seen already. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
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

type Work =
  | { kind: 'command'; command: Command; text: string }
  /** typed: a question the user wrote (read with the conversation's earlier turns), not a card button's. */
  | { kind: 'question'; question: string; typed: boolean; all?: boolean }
  | { kind: 'submit'; value: CardSubmit & Record<string, unknown>; replyToId?: string; user: string };

export class SamenTeamsBot extends TeamsActivityHandler {
  private readonly seen = new RecentIds();
  /** The last few turns per conversation (a channel's reply chain), in memory only. */
  private readonly histories = new ConversationHistories();

  constructor(private readonly d: BotDeps) {
    super();
    this.onMessage(async (context, next) => {
      this.message(context);
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
      this.message(context, data);
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

  private message(context: TurnContext, value: unknown = context.activity.value): void {
    const activity = context.activity;
    const asked = askValue(activity);
    const submit = cardSubmit(value);
    if (asked === undefined && !submit && conversationType(activity) !== 'personal' && !mentionsBot(activity)) return;
    if (activity.id && !this.seen.add(`${activity.conversation?.id}|${activity.id}`)) {
      this.d.logger.info({ channel: 'teams', activity: activity.id }, 'Teams redelivered an activity: answered once');
      return;
    }

    const text = asked?.question ?? messageText(activity);
    const command = text === '' ? 'help' : parseCommand(text);
    const work: Work = submit
      ? { kind: 'submit', value: submit, replyToId: activity.replyToId, user: activity.from?.name || activity.from?.id || '?' }
      : command
        ? { kind: 'command', command, text }
        : { kind: 'question', question: text, typed: asked === undefined, all: asked?.all };
    const reference = TurnContext.getConversationReference(activity);
    const connector = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
    const language = localeLanguage(activity.locale, this.d.language);
    const tenant = tenantOf(activity);
    const log = this.d.logger.child({ channel: 'teams', tenant: tenant.tenantId, activity: activity.id });

    const where: Where = { ...tenant, channelId: channelOf(activity), language };
    const asker = { userId: activity.from?.aadObjectId || activity.from?.id, conversationId: activity.conversation?.id };
    this.d.scheduler
      .run(() => this.respond(work, reference, connector, where, log, asker))
      .catch(async (err: unknown) => {
        const busy = err instanceof Error && err.name === 'QueueFullError';
        log.error({ ...errorInfo(err), busy }, busy ? 'Teams question refused: too much work queued' : 'Teams answer failed');
        await this.post(connector, reference, renderNotice(busy ? T.busy[language] : T.failed[language])).catch((e) =>
          log.warn(errorInfo(e), 'could not tell the user'),
        );
      });
  }

  private async respond(
    work: Work,
    reference: Partial<ConversationReference>,
    connector: ConnectorClient,
    where: Where,
    log: Logger,
    asker: { userId?: string; conversationId?: string } = {},
  ): Promise<void> {
    const { language } = where;
    await this.saveReference(where, reference, log);
    const started = Date.now();
    const { goals, reminders } = this.d;
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
    if (work.kind === 'submit') {
      const v = work.value;
      if (v.samen === 'goals') {
        if (!goals) return void (await out.post(renderNotice(T.comingSoon[language]('goals'))));
        await goalsSubmit(goals, where, v, out);
      } else {
        if (!reminders) return void (await out.post(renderNotice(T.comingSoon[language]('reflect'))));
        await reflectSubmit(reminders, where, v, work.user, out);
      }
      log.info({ kind: `submit:${v.samen}`, ms: Date.now() - started }, 'Teams card submit handled');
      return;
    }
    if (work.kind === 'command' && work.command === 'goals' && goals) {
      await goalsText(goals, where, work.text, out);
      log.info({ kind: 'goals', ms: Date.now() - started }, 'Teams goals command handled');
      return;
    }
    if (work.kind === 'command' && work.command === 'reflect' && reminders) {
      await reflectText(reminders, where, work.text, out);
      log.info({ kind: 'reflect', ms: Date.now() - started }, 'Teams reflect command handled');
      return;
    }
    let message: TeamsMessage;
    let findingIds: string[] | undefined;
    let answered: Reply | undefined;
    if (work.kind === 'command') {
      message =
        work.command === 'help'
          ? renderReply(await this.d.core.answer('help', { language }))
          : renderNotice(T.comingSoon[language](work.command));
    } else {
      const { conversationId } = asker;
      const history = work.typed && conversationId ? this.histories.get(conversationId) : [];
      answered = await this.d.core.answer(work.question, {
        userId: asker.userId,
        channelId: where.channelId,
        ...(history.length ? { history } : {}),
        ...(work.all ? { all: true } : {}),
      });
      message = renderReply(answered);
      if (answered.kind === 'answer' || answered.kind === 'out-of-scope') findingIds = answered.citations.map((c) => c.id);
    }
    const id = await this.post(connector, reference, message);
    if (id && findingIds) this.d.sent.remember(id, findingIds);
    if (work.kind === 'question' && answered && answered.kind !== 'help' && asker.conversationId) {
      this.histories.add(asker.conversationId, turnFor(work.question, answered));
    }
    log.info(
      {
        kind: work.kind === 'command' ? work.command : 'question',
        mode: answered?.mode,
        citations: findingIds?.length,
        ms: Date.now() - started,
      },
      'Teams reply posted',
    );
  }

  /** Posts a message into the conversation of the reference, as a reply to its activity. */
  private async post(connector: ConnectorClient, reference: Partial<ConversationReference>, message: TeamsMessage) {
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
    const findingIds = this.d.sent.findings(activity.replyToId);
    if (!this.d.store) {
      log.warn('Teams feedback not stored: no database');
      return { status: 200, body: {} };
    }
    try {
      // Only the rating, which findings the answer cited and a hashed user id: never the
      // question, the user's optional comment, or any name.
      await this.d.store.tenant(tenantOf(activity)).feedback.record({
        channelId: channelOf(activity),
        findingIds: findingIds ?? [],
        rating,
        userId: activity.from?.aadObjectId || activity.from?.id || 'unknown',
      });
      log.info({ rating, known: findingIds !== undefined }, 'Teams feedback stored');
    } catch (err) {
      log.error(errorInfo(err), 'Teams feedback not stored');
      return { status: 500 };
    }
    return { status: 200, body: {} };
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
      await context.sendActivity(renderReply(await this.d.core.answer('help', { language })) as Partial<Activity>);
    }
  }
}
