/**
 * The one way a question becomes an answer, for every channel: the conversation's earlier
 * turns are read (a follow-up is read with them), the core answers through its question
 * guard on the work queue, the turn is remembered, and the outcome is logged. What it did
 * comes back as a typed outcome; the channel only renders and posts it.
 */
import type { Logger } from 'pino';
import { turnFor } from '../answer/history.js';
import type { Language, Reply } from '../shared/reply.js';
import { detectLanguage } from '../shared/language.js';
import { MAX_QUESTION_CHARS } from '../answer/guard.js';
import type { Core } from './core.js';
import { QueueFullError } from './work-queue.js';
import type { Tenant } from '../storage/tenant.js';
import type { Markup } from './markup.js';
import { TURNS_TTL_MS, type ConversationState } from './state.js';
import { texts } from './texts/index.js';

/** Runs answering work in its turn (the server's WorkQueue); rejects with QueueFullError when too much waits. */
export interface Scheduler {
  run<T>(job: () => Promise<T> | T): Promise<T>;
}

export interface AskDeps {
  /** The core: the question guard and the engine; its mode says whether answers take a model's seconds. */
  core: Pick<Core, 'respond'> & Partial<Pick<Core, 'mode'>>;
  /** Where the conversations' turns are kept. */
  state: ConversationState;
  /** Without one, the question is answered at once. */
  scheduler?: Scheduler;
  /** The language of Samen's own texts when the question's is not known (SAMEN_LANGUAGE, a user's locale). */
  language: Language;
  logger?: Logger;
}

export interface AskRequest {
  question: string;
  /** The platform and tenant whose conversation this is. */
  scope: Tenant;
  /** The asker and the channel, for the guard's rate limits. */
  userId?: string;
  channelId?: string;
  /**
   * The conversation (a Slack thread, a Teams reply chain, a web chat client): its earlier
   * turns are read, and this one is remembered there. Absent: neither.
   */
  conversation?: string;
  /** False: the question stands alone (a suggested question's button), though its turn is remembered. Default true. */
  followUp?: boolean;
  /** The language to answer in; read from the question when absent. */
  language?: Language;
  /** Every relevant finding instead of the short answer ("More findings"). */
  all?: boolean;
}

export type AskOutcome =
  /** Cited findings (or, for a greeting, the help text: reply.kind "help"). */
  | { kind: 'answer'; reply: Reply }
  /** The reviews do not cover the question: said so, citing nothing. */
  | { kind: 'declined'; reply: Reply }
  /** The guard refused the question (too long, too many): its notice. */
  | { kind: 'limited'; reply: Reply }
  /** Too much work waits: nothing was answered. */
  | { kind: 'busy'; language: Language; notice: Markup }
  /** Answering failed. */
  | { kind: 'failed'; language: Language; notice: Markup; error: unknown };

/**
 * What a channel may show while a language model writes the answer, before the outcome: the
 * same for every channel, each showing it its own way (a status or placeholder, Slack's or
 * Teams' streaming). An extractive answer takes milliseconds and has none of these.
 */
export type AskProgress =
  /** A model writes the answer, which takes seconds: show at once that Samen is on it. */
  | { kind: 'writing'; language: Language }
  /** The next point of the answer, verified, as plain text without citation markers (they come with the outcome's reply). */
  | { kind: 'point'; text: string };

/** Told of progress as it happens; must not throw (a channel queues its own slow work). */
export type AskListener = (progress: AskProgress) => void;

/** The reply an outcome shows, if it has one (busy and failed have a notice instead). */
export const replyOf = (outcome: AskOutcome): Reply | undefined => ('reply' in outcome ? outcome.reply : undefined);
/** Samen's notice of an outcome without a reply (busy, failed); nothing for the others. */
export const noticeOf = (outcome: AskOutcome): Markup => ('notice' in outcome ? outcome.notice : []);

/**
 * Answers a question. With a listener and a model writing the answer, the listener hears
 * 'writing' at once (before the question waits for its turn on the work queue) and then
 * each verified point as the model writes it; the outcome follows as always.
 */
export async function ask(deps: AskDeps, request: AskRequest, listener?: AskListener): Promise<AskOutcome> {
  const { scope, conversation } = request;
  const started = performance.now();
  const log = deps.logger;
  const language = request.language ?? deps.language;
  const streaming = listener !== undefined && deps.core.mode === 'llm';
  // Read only as far as a question may be long (the guard's limit, twice over in UTF-16 units), as the core does.
  if (streaming) listener({ kind: 'writing', language: request.language ?? detectLanguage(request.question.slice(0, MAX_QUESTION_CHARS * 2), deps.language) });
  let outcome: AskOutcome;
  try {
    const history = conversation && request.followUp !== false ? ((await deps.state.turns(scope, conversation)) ?? []) : [];
    const run = <T>(job: () => Promise<T>) => (deps.scheduler ? deps.scheduler.run(job) : job());
    const result = await run(() =>
      deps.core.respond(request.question, {
        ...(request.language ? { language: request.language } : {}),
        userId: request.userId,
        channelId: request.channelId,
        tenant: scope,
        ...(history.length ? { history } : {}),
        ...(request.all ? { all: true } : {}),
        ...(streaming ? { onPoint: (text: string) => listener({ kind: 'point', text }) } : {}),
      }),
    );
    const { reply } = result;
    outcome =
      result.kind === 'refused'
        ? { kind: 'limited', reply }
        : reply.kind === 'out-of-scope'
          ? { kind: 'declined', reply }
          : { kind: 'answer', reply };
  } catch (error) {
    const busy = error instanceof QueueFullError;
    log?.error({ err: busy ? undefined : error, busy }, busy ? 'too busy to answer' : 'answering failed');
    const t = texts(language);
    return busy ? { kind: 'busy', language, notice: t.busy } : { kind: 'failed', language, notice: t.failed, error };
  }
  const { reply } = outcome;
  if (conversation) await remember(deps.state, scope, conversation, request.question, outcome);
  log?.info(
    { outcome: outcome.kind, kind: reply.kind, mode: reply.mode, citations: reply.citations.length, ms: Math.round(performance.now() - started) },
    'question answered',
  );
  return outcome;
}

/**
 * Remembers a question's turn in a conversation: ask does, when it knows the conversation; a
 * channel that learns it only by posting (a Slack direct message's channel) calls this after.
 * A conversation continues with the answers and the questions the reviews do not cover, not
 * with help, a refusal or a failure.
 */
export async function remember(state: ConversationState, scope: Tenant, conversation: string, question: string, outcome: AskOutcome): Promise<void> {
  if (outcome.kind === 'declined' || (outcome.kind === 'answer' && outcome.reply.kind === 'answer')) {
    await state.remember(scope, conversation, turnFor(question, outcome.reply), TURNS_TTL_MS);
  }
}
