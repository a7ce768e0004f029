import { Recent, turnFor, withTurn } from '../../answer/history.js';
import type { Turn } from '../../answer/llm/composer.js';
import type { Reply } from '../../answer/reply.js';

/**
 * The conversation state the Slack channel keeps, in this process only (never written to disk):
 * the events already handled (Slack retries an event it thinks was lost) and the threads Samen
 * answered in, with their last few turns. After a restart Samen no longer knows its older threads.
 */
export interface SlackMemory {
  /** Event ids and message ids already handled. */
  handled: Recent<true>;
  /** channel:thread → the thread's last few turns (questions and a gist of the answers), oldest first. */
  threads: Recent<Turn[]>;
}

/** Remembers a turn in a thread (bounded: see withTurn). */
export function rememberTurn(memory: SlackMemory, key: string, question: string, reply: Reply): void {
  memory.threads.set(key, withTurn(memory.threads.get(key), turnFor(question, reply)));
}

export function createSlackMemory(): SlackMemory {
  const HOUR = 60 * 60 * 1000;
  return {
    handled: new Recent<true>(50_000, 2 * HOUR),
    threads: new Recent<Turn[]>(20_000, 7 * 24 * HOUR),
  };
}

export const threadKey = (channel: string, threadTs: string | undefined) => `${channel}:${threadTs ?? '-'}`;
