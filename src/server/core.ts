/**
 * The core as the channels see it: answering with the configured default language, and a
 * cited finding by id. Built once per process from the engine.
 */
import { citationFor } from '../answer/compose.js';
import type { Engine } from '../answer/engine.js';
import { detectLanguage } from '../answer/language.js';
import type { Citation, Language, Reply } from '../answer/reply.js';

export interface Core {
  answer(question: string, options?: { language?: Language }): Reply;
  citation(findingId: string, language: Language): Citation | undefined;
}

export function coreFor(engine: Engine, defaultLanguage: Language): Core {
  const findings = new Map(engine.knowledge.findings.map((f) => [f.id, f]));
  return {
    // A question that reads as neither language gets SAMEN_LANGUAGE.
    answer: (question, options = {}) =>
      engine.answer(question, { language: options.language ?? detectLanguage(question, defaultLanguage) }),
    citation: (findingId, language) => {
      const finding = findings.get(findingId);
      return finding ? citationFor(engine.knowledge, { finding, score: 0 }, 1, language) : undefined;
    },
  };
}
