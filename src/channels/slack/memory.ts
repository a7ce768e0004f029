import { turnFor, withTurn } from '../../answer/history.js';
import type { Turn } from '../../answer/llm/composer.js';
import type { Reply } from '../../answer/reply.js';

/**
 * A bounded in-memory map whose entries expire: the events already handled (Slack retries
 * an event it thinks was lost) and the threads Samen answered in (with the last few turns
 * there, so a follow-up can be read with them). Held in this process only, never written to
 * disk; after a restart Samen no longer knows its older threads (a mention starts anew).
 */
export class Recent<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** Records key and returns true the first time; false when it was seen already (and not expired). */
  claim(key: string, value: V): boolean {
    if (this.has(key)) return false;
    this.set(key, value);
    return true;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The conversation state the Slack channel keeps. */
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
