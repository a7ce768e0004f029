export { createLlmComposer, retryable, MAX_CONTEXT_FINDINGS, type LlmComposer, type ComposeInput, type ComposeOutcome, type Turn } from './composer.js';
export { llmSettings, DEFAULT_MAX_RETRIES, type LlmSettings } from './settings.js';
export { loadPrompts, readPrompt, PROMPTS_DIR } from './prompts.js';
export { LlmAnswerSchema, verifyAnswer, buildLlmReply, renderFindings, inLanguage, MIN_POINTS } from './verify.js';
export { redactionNotice } from './notice.js';
