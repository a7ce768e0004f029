/**
 * A conversation's or thread's earlier turns, as the channels keep them for follow-ups:
 * a few turns, in memory only (never written to disk or the database), bounded in number
 * of conversations and in age. Platform-neutral: Slack keeps them per thread, Teams per
 * conversation (reply chain).
 */
import type { Turn } from './llm/composer.js';
import type { Reply } from './reply.js';
import { standaloneIndex } from './followup.js';

/** Turns kept per conversation (the model reads at most four). */
export const MAX_TURNS = 4;
/** Characters of an answer kept as its gist. */
const ANSWER_GIST_CHARS = 300;

/** The turn to remember for a question and the reply given to it. */
export function turnFor(question: string, reply: Reply): Turn {
  const points = reply.sections.flatMap((s) => s.points.map((p) => p.text)).join(' ');
  // A copy, not a slice: a sliced string keeps the whole answer text alive in memory.
  const gist = points.length > ANSWER_GIST_CHARS ? Buffer.from(`${points.slice(0, ANSWER_GIST_CHARS - 1)}…`).toString() : points;
  return gist ? { question, answer: gist } : { question };
}

/**
 * The history with turn added, at most max turns long. The oldest turns go first, except
 * the last question that stood on its own: the turns after it continue it, so it stays
 * (simple follow-up combining reads a follow-up with it).
 */
export function withTurn(history: readonly Turn[] | undefined, turn: Turn, max = MAX_TURNS): Turn[] {
  const turns = [...(history ?? []), turn];
  while (turns.length > max) {
    const anchor = standaloneIndex(turns);
    turns.splice(anchor === 0 ? 1 : 0, 1);
  }
  return turns;
}

/**
 * A bounded in-memory map whose entries expire; the least recently set entry goes first when
 * it is full. Held in this process only, never written to disk.
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

/** Per-conversation histories: least recently used conversations and expired ones are forgotten. */
export class ConversationHistories {
  private readonly recent: Recent<Turn[]>;

  constructor(maxConversations = 5000, ttlMs = 24 * 60 * 60 * 1000, now: () => number = Date.now) {
    this.recent = new Recent<Turn[]>(maxConversations, ttlMs, now);
  }

  get(conversation: string): Turn[] {
    return this.recent.get(conversation) ?? [];
  }

  add(conversation: string, turn: Turn): void {
    this.recent.set(conversation, withTurn(this.recent.get(conversation), turn));
  }

  get size(): number {
    return this.recent.size;
  }
}
