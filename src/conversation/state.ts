/**
 * The conversation state every channel shares, behind one port: what Samen must remember between
 * requests so that several instances behind a load balancer behave as one. Two implementations:
 * in memory (tests, the terminal; one process: memory-state.ts) and in the database (the server:
 * PGlite for one instance, PostgreSQL for several: database-state.ts). Everything here is scoped
 * by platform and tenant, expires, and holds no client text beyond the redacted turns of a
 * conversation.
 */
import type { Turn } from '../answer/llm/composer.js';
import type { Tenant } from '../storage/tenant.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** How long a handled delivery id is remembered: Slack retries within minutes, Teams sooner. */
export const HANDLED_TTL_MS = 2 * HOUR;
/** How long a conversation's turns are kept after its last question (README: privacy). */
export const TURNS_TTL_MS = 7 * DAY;
/** How long the findings an answer cited are kept, for feedback on it (Teams). */
export const ANSWER_TTL_MS = 30 * DAY;

export type HitResult = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface ConversationState {
  /**
   * Records that a delivery (a Slack event id, a Teams activity id) was handled. True the first
   * time an id is seen within ttlMs, false for a retry or a redelivery, on any instance.
   */
  firstSighting(scope: Tenant, id: string, ttlMs: number): Promise<boolean>;

  /**
   * The earlier turns of a conversation Samen answered in (a Slack thread, a Teams reply chain),
   * oldest first; undefined when Samen has not answered in it (or it expired).
   */
  turns(scope: Tenant, conversation: string): Promise<Turn[] | undefined>;

  /**
   * Adds a turn (its question already redacted: see turnFor) to a conversation; keeps the last
   * few (withTurn); the conversation expires ttlMs after its last turn.
   */
  remember(scope: Tenant, conversation: string, turn: Turn, ttlMs: number): Promise<void>;

  /**
   * Counts one hit against a sliding window for key ("user:…", "channel:…"); allowed when fewer
   * than limit hits fell in the last windowMs, else the milliseconds until the oldest leaves it.
   * A refused hit is not counted.
   */
  hit(scope: Tenant, key: string, limit: number, windowMs: number): Promise<HitResult>;

  /** Which findings an answer Samen posted cited, by the platform's message id: feedback arrives with only that id. */
  rememberAnswer(scope: Tenant, messageId: string, findingIds: string[], ttlMs: number): Promise<void>;

  /** The findings remembered for messageId; undefined when unknown or expired. */
  answerFindings(scope: Tenant, messageId: string): Promise<string[] | undefined>;
}

/**
 * The state with every failure logged and answered as if nothing was known: a question is
 * answered (perhaps twice, perhaps without its earlier turns, without a rate limit) rather than
 * dropped while the database is away. The channels use their state through this.
 */
export function failOpen(state: ConversationState, onError: (err: unknown, what: keyof ConversationState) => void): ConversationState {
  const safely = async <R>(what: keyof ConversationState, fallback: R, work: () => Promise<R>): Promise<R> => {
    try {
      return await work();
    } catch (err) {
      onError(err, what);
      return fallback;
    }
  };
  return {
    firstSighting: (s, id, ttl) => safely('firstSighting', true, () => state.firstSighting(s, id, ttl)),
    turns: (s, c) => safely<Turn[] | undefined>('turns', undefined, () => state.turns(s, c)),
    remember: (s, c, t, ttl) => safely('remember', undefined, () => state.remember(s, c, t, ttl)),
    hit: (s, k, l, w) => safely<HitResult>('hit', { allowed: true }, () => state.hit(s, k, l, w)),
    rememberAnswer: (s, m, f, ttl) => safely('rememberAnswer', undefined, () => state.rememberAnswer(s, m, f, ttl)),
    answerFindings: (s, m) => safely<string[] | undefined>('answerFindings', undefined, () => state.answerFindings(s, m)),
  };
}
