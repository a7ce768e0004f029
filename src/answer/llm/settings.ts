/**
 * The language model's settings, taken from the validated configuration (src/config.ts).
 * No API key means no model: Samen answers extractively.
 */
import type { Config } from '../../config.js';

export interface LlmSettings {
  apiKey: string;
  /** Chat model name, e.g. gpt-4o-mini, or the name a local server knows. */
  model: string;
  /** LangChain model provider for initChatModel; 'openai' covers every OpenAI-compatible server. */
  provider?: string;
  /** An OpenAI-compatible endpoint (Azure OpenAI, Ollama, vLLM, llama.cpp); default OpenAI. */
  baseUrl?: string;
  /** Budget for one model call, retries included; past it Samen answers extractively. */
  timeoutMs: number;
  /** Retries after a rate limit (429) or server error, within the time budget. */
  maxRetries?: number;
  /** Sampling temperature; 0 unless set (some reasoning models refuse it: set null to leave it out). */
  temperature?: number | null;
  /** OPENAI_EMBEDDINGS: the remote embeddings also do the vector search (not used by the composer). */
  embeddings?: boolean;
  /** OPENAI_EMBEDDINGS_MODEL: the embedding model when embeddings is on. */
  embeddingsModel?: string;
}

export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_EMBEDDINGS_MODEL = 'text-embedding-3-small';

/** The model settings when a model is configured, otherwise undefined (extractive answers). */
export function llmSettings(
  config: Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_MODEL' | 'OPENAI_BASE_URL' | 'OPENAI_TIMEOUT_MS' | 'OPENAI_EMBEDDINGS'> &
    Partial<Pick<Config, 'OPENAI_EMBEDDINGS_MODEL'>>,
): LlmSettings | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  return {
    apiKey: config.OPENAI_API_KEY,
    model: config.OPENAI_MODEL,
    baseUrl: config.OPENAI_BASE_URL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    maxRetries: DEFAULT_MAX_RETRIES,
    embeddings: config.OPENAI_EMBEDDINGS,
    embeddingsModel: config.OPENAI_EMBEDDINGS_MODEL ?? DEFAULT_EMBEDDINGS_MODEL,
  };
}
