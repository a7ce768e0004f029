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

/** Per-conversation histories: least recently used conversations and expired ones are forgotten. */
export class ConversationHistories {
  private readonly entries = new Map<string, { turns: Turn[]; expires: number }>();

  constructor(
    private readonly maxConversations = 5000,
    private readonly ttlMs = 24 * 60 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get(conversation: string): Turn[] {
    const e = this.entries.get(conversation);
    if (!e) return [];
    if (e.expires <= this.now()) {
      this.entries.delete(conversation);
      return [];
    }
    return e.turns;
  }

  add(conversation: string, turn: Turn): void {
    const turns = withTurn(this.get(conversation), turn);
    this.entries.delete(conversation);
    this.entries.set(conversation, { turns, expires: this.now() + this.ttlMs });
    while (this.entries.size > this.maxConversations) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
