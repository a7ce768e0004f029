/**
 * A conversation's or thread's earlier turns, as the channels keep them for follow-ups: a
 * few turns, redacted of personal data, in the conversation state (src/conversation/state.ts:
 * the shared database on the server, 7 days after the last turn). Platform-neutral: Slack
 * keeps them per thread, Teams per conversation (reply chain), the web chat per client.
 */
import type { Turn } from './llm/composer.js';
import type { Reply } from '../shared/reply.js';
import { standaloneIndex } from './followup.js';
import { redact } from '../privacy/personal-data.js';

/** Turns kept per conversation (the model reads at most four). */
export const MAX_TURNS = 4;
/** Characters of an answer kept as its gist. */
const ANSWER_GIST_CHARS = 300;

/**
 * The turn to remember for a question and the reply given to it: the question redacted (as the
 * model path sends it: personal data replaced by placeholders such as [name]) and a short gist
 * of the answer, redacted too. Only this is kept, never the question as typed.
 */
export function turnFor(question: string, reply: Reply): Turn {
  const points = reply.sections.flatMap((s) => s.points.map((p) => p.text)).join(' ');
  // A copy, not a slice: a sliced string keeps the whole answer text alive in memory.
  const gist = points.length > ANSWER_GIST_CHARS ? Buffer.from(`${points.slice(0, ANSWER_GIST_CHARS - 1)}…`).toString() : points;
  const asked = redact(question);
  return gist ? { question: asked, answer: redact(gist) } : { question: asked };
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
