/**
 * The core as the channels see it: answering with the configured default language, and a
 * cited finding by id. Built once per process from the engine.
 */
import { citationFor } from '../answer/compose.js';
import type { Engine } from '../answer/engine.js';
import { QuestionGuard, withWarning, type AskerIds } from '../answer/guard.js';
import { detectLanguage } from '../answer/language.js';
import type { Citation, Language, Reply } from '../answer/reply.js';

export interface Core {
  /**
   * Answers through the question guard (length, rate limits per user and channel when
   * their ids are given, the personal-data warning); a refused question gets a notice.
   */
  answer(question: string, options?: { language?: Language } & AskerIds): Reply;
  citation(findingId: string, language: Language): Citation | undefined;
}

export function coreFor(engine: Engine, defaultLanguage: Language, guard: QuestionGuard = new QuestionGuard()): Core {
  const findings = new Map(engine.knowledge.findings.map((f) => [f.id, f]));
  return {
    // A question that reads as neither language gets SAMEN_LANGUAGE.
    answer: (question, options = {}) => {
      const language = options.language ?? detectLanguage(question, defaultLanguage);
      const verdict = guard.check(question.trim(), language, { userId: options.userId, channelId: options.channelId });
      if (verdict.kind === 'refuse') return verdict.reply;
      return withWarning(engine.answer(question, { language }), verdict.warning);
    },
    citation: (findingId, language) => {
      const finding = findings.get(findingId);
      return finding ? citationFor(engine.knowledge, { finding, score: 0 }, 1, language) : undefined;
    },
  };
}
