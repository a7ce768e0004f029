/**
 * The core as the channels see it: answering with the configured default language, and a
 * cited finding by id. Built once per process from the engine. Answers go through the
 * engine's answerAsync: written by the configured language model (verified, personal data
 * redacted), or extractive without one.
 */
import { citationFor } from '../answer/compose.js';
import type { Engine } from '../answer/engine.js';
import { QuestionGuard, withWarning, type AskerIds } from '../answer/guard.js';
import { condenseFollowUp, standaloneQuestion } from '../answer/followup.js';
import { detectLanguage } from '../shared/language.js';
import type { Citation, Language, Reply } from '../shared/reply.js';
import type { Turn } from '../answer/llm/composer.js';

export interface CoreAskOptions extends AskerIds {
  language?: Language;
  /** The thread's or conversation's earlier turns, oldest first: a follow-up is read with them. */
  history?: Turn[];
  /** Every relevant finding instead of the short answer ("More findings"). */
  all?: boolean;
  /** Each verified point of a model-written answer as the model writes it, for channels that stream. */
  onPoint?: (text: string) => void;
}

/** What the core did with a question: the guard refused it (reply: its notice), or it was answered. */
export type CoreResult = { kind: 'refused'; reply: Reply } | { kind: 'answered'; reply: Reply };

export interface Core {
  /** How answers are written: by the configured language model (seconds: channels show progress), or extractively (milliseconds). */
  readonly mode: Reply['mode'];
  /**
   * Answers through the question guard (length, rate limits per user and channel when
   * their ids are given, the personal-data warning), saying whether the guard refused it.
   * Never rejects because of the model (it falls back to the extractive answer). The
   * conversation layer (src/conversation/ask.ts) asks through this.
   */
  respond(question: string, options?: CoreAskOptions): Promise<CoreResult>;
  /** respond's reply: a refused question gets the guard's notice (the CLI, tests). */
  answer(question: string, options?: CoreAskOptions): Promise<Reply>;
  citation(findingId: string, language: Language): Citation | undefined;
}

export function coreFor(engine: Engine, defaultLanguage: Language, guard: QuestionGuard = new QuestionGuard()): Core {
  const findings = new Map(engine.knowledge.findings.map((f) => [f.id, f]));
  // A question that reads as neither language gets SAMEN_LANGUAGE.
  const respond: Core['respond'] = async (question, options = {}) => {
    // Length first: language detection runs patterns too, so an overlong question is read only as far as the limit
    // (twice the limit in UTF-16 units holds the limit in characters); the guard then refuses it, in its language.
    const head = question.length > guard.maxChars * 2 ? question.slice(0, guard.maxChars * 2) : question;
    // A short follow-up ("and for schools?") is read in the language of the question it continues.
    const read = options.history?.length ? condenseFollowUp(standaloneQuestion(options.history), head) : head;
    const language = options.language ?? detectLanguage(read, defaultLanguage);
    const verdict = await guard.check(question.trim(), language, { userId: options.userId, channelId: options.channelId, tenant: options.tenant });
    if (verdict.kind === 'refuse') return { kind: 'refused', reply: verdict.reply };
    const standalone = options.history?.length ? read : undefined;
    const reply = await engine.answerAsync(question, { language, history: options.history, standalone, all: options.all, onPoint: options.onPoint });
    return { kind: 'answered', reply: withWarning(reply, verdict.warning) };
  };
  return {
    mode: engine.mode,
    respond,
    answer: async (question, options) => (await respond(question, options)).reply,
    citation: (findingId, language) => {
      const finding = findings.get(findingId);
      return finding ? citationFor(engine.knowledge, { finding, score: 0 }, 1, language) : undefined;
    },
  };
}
