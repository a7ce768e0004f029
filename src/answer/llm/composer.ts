/**
 * The model-backed composer. It writes a fluent answer from the findings the search
 * retrieved, through LangChain (initChatModel with the openai provider, so that OpenAI,
 * Azure OpenAI and any OpenAI-compatible server work), the prompt files in prompts/ and
 * structured output checked with zod. The answer is verified (see verify.ts); whenever
 * the model is slow, fails, is rate-limited beyond its retries, returns something
 * unparsable or too little survives verification, the extractive reply is returned as it
 * is: the caller never sees an error and the user is never told something false.
 */
import { initChatModel } from 'langchain';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { StringOutputParser } from '@langchain/core/output_parsers';
import type { Knowledge } from '../../knowledge/load.js';
import type { Hit } from '../../retrieval/search.js';
import type { Language, Reply } from '../../shared/reply.js';
import { loadPrompts, type Prompts } from './prompts.js';
import { DEFAULT_MAX_RETRIES, type LlmSettings } from './settings.js';
import { LlmAnswerSchema, MIN_POINTS, buildLlmReply, inLanguage, renderFindings, verifyAnswer, type LlmAnswer } from './verify.js';

/** One earlier exchange in a thread or conversation. */
export interface Turn {
  question: string;
  /** Samen's answer as text (optional; only its gist is used). */
  answer?: string;
}

export interface ComposeInput {
  knowledge: Knowledge;
  /** The question as it may be sent (already redacted). */
  question: string;
  language: Language;
  /** The findings to answer from, in relevance order: [1] is hits[0]. */
  hits: Hit[];
  /** The extractive reply for the same hits: the fallback. */
  extractive: Reply;
  /**
   * Called with each point's text once the point is complete and verified (its citations valid, its
   * numbers in its findings), while the model still writes the rest: the answer is then streamed.
   * Absent: one request without streaming.
   */
  onPoint?: (text: string) => void;
}

export type ComposeOutcome =
  | { mode: 'llm'; reply: Reply; dropped: number }
  | { mode: 'extractive'; reply: Reply; reason: string };

export interface LlmComposer {
  readonly settings: LlmSettings;
  readonly promptVersions: Record<string, string>;
  /** A verified model answer, or the extractive reply when that cannot be had. Never throws. */
  compose(input: ComposeInput): Promise<ComposeOutcome>;
  /** A follow-up rewritten as a stand-alone question with the thread's earlier turns; throws on failure. */
  condense(history: Turn[], question: string): Promise<string>;
}

const LANGUAGE_NAME: Record<Language, string> = { nl: 'Dutch (Nederlands)', en: 'English' };
/** At most this many findings go into the prompt. */
export const MAX_CONTEXT_FINDINGS = 10;
const MAX_TURNS = 4;
const MAX_TURN_CHARS = 600;

class DeadlineError extends Error {
  constructor(ms: number) {
    super(`no answer from the model within ${ms} ms`);
    this.name = 'DeadlineError';
  }
}

/** Runs `work` with an abort signal that fires at the deadline, and gives up at the deadline whatever the work does. */
async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new DeadlineError(ms));
      reject(new DeadlineError(ms));
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { status?: unknown; response?: { status?: unknown } };
  const s = e.status ?? e.response?.status;
  return typeof s === 'number' ? s : undefined;
}

/**
 * Which failed attempts are retried (within the deadline): rate limits (also without a
 * Retry-After header, as local servers send them), server errors and dropped connections.
 * Not: other client errors, an exhausted quota, or an abort.
 */
export function retryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; message?: string; code?: string; error?: { code?: string } };
  if (e.name === 'AbortError' || e.name === 'DeadlineError' || /^(Cancel|AbortError|Request was aborted)/.test(e.message ?? '')) return false;
  if (e.code === 'insufficient_quota' || e.error?.code === 'insufficient_quota') return false;
  const status = statusOf(error);
  if (status === undefined) return !/timed? ?out/i.test(e.message ?? '');
  return status === 429 || status === 408 || status >= 500;
}

function renderHistory(history: Turn[]): string {
  return history
    .slice(-MAX_TURNS)
    .map((t) => {
      const lines = [`Professional: ${t.question}`];
      if (t.answer) lines.push(`Samen: ${t.answer.length > MAX_TURN_CHARS ? `${t.answer.slice(0, MAX_TURN_CHARS)}…` : t.answer}`);
      return lines.join('\n');
    })
    .join('\n');
}

/** The first line of the model's reply, without quotes or a repeated label. */
function cleanQuestion(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  return line.replace(/^(stand-alone question|zelfstandige vraag)\s*:\s*/i, '').replace(/^["'“”]+|["'“”]+$/g, '').trim();
}

/**
 * Reads the model's structured answer as it streams (LangChain yields the tool call's arguments
 * parsed so far) and hands on each point's text once the point is complete (the next one has
 * begun, or the answer ended) and passes verification. Resolves to the whole answer, unchecked.
 */
async function streamPoints(stream: Promise<AsyncIterable<unknown>>, hits: Hit[], onPoint: (text: string) => void): Promise<unknown> {
  let latest: unknown;
  let told = 0;
  const tell = (upTo: number) => {
    const points = (latest as Partial<LlmAnswer> | undefined)?.points;
    if (!Array.isArray(points)) return;
    for (; told < Math.min(upTo, points.length); told += 1) {
      const point = LlmAnswerSchema.shape.points.element.safeParse(points[told]);
      if (!point.success) continue;
      const [verified] = verifyAnswer({ points: [point.data] }, hits).points;
      if (verified) onPoint(verified.text);
    }
  };
  for await (const partial of await stream) {
    latest = partial;
    const points = (partial as Partial<LlmAnswer> | undefined)?.points;
    // The last point may still be growing; the ones before it are whole.
    if (Array.isArray(points)) tell(points.length - 1);
  }
  tell(Number.POSITIVE_INFINITY);
  return latest;
}

export function createLlmComposer(settings: LlmSettings, options: { promptsDir?: string; log?: (msg: string) => void } = {}): LlmComposer {
  const prompts: Prompts = loadPrompts(options.promptsDir);
  const log = options.log ?? (() => {});
  let model: Promise<BaseChatModel> | undefined;

  const getModel = () => {
    model ??= initChatModel(settings.model, {
      modelProvider: settings.provider ?? 'openai',
      apiKey: settings.apiKey,
      configuration: settings.baseUrl ? { baseURL: settings.baseUrl } : undefined,
      // Per request; the overall deadline below bounds the retries too.
      timeout: settings.timeoutMs,
      maxRetries: settings.maxRetries ?? DEFAULT_MAX_RETRIES,
      onFailedAttempt: (error: unknown) => {
        if (!retryable(error)) throw error;
      },
      ...(settings.temperature === null ? {} : { temperature: settings.temperature ?? 0 }),
    }) as unknown as Promise<BaseChatModel>;
    return model;
  };

  return {
    settings,
    promptVersions: prompts.versions,

    async compose(input) {
      const { knowledge, question, language, extractive } = input;
      const hits = input.hits.slice(0, MAX_CONTEXT_FINDINGS);
      const fallback = (reason: string): ComposeOutcome => {
        log(`language model not used (${reason}); extractive answer given`);
        return { mode: 'extractive', reply: extractive, reason };
      };
      if (hits.length === 0) return fallback('no findings');
      let answer: LlmAnswer;
      try {
        const chat = await getModel();
        const structured = chat.withStructuredOutput(LlmAnswerSchema, { name: 'samen_answer', method: 'functionCalling' });
        const chain = prompts.answer.pipe(structured);
        const variables = { question, language_name: LANGUAGE_NAME[language], findings: renderFindings(knowledge, hits, language) };
        const { onPoint } = input;
        const raw = await withDeadline(settings.timeoutMs, (signal) =>
          onPoint ? streamPoints(chain.stream(variables, { signal }), hits, onPoint) : chain.invoke(variables, { signal }),
        );
        answer = LlmAnswerSchema.parse(raw);
      } catch (error) {
        const e = error as { name?: string; message?: string };
        return fallback(`${e.name ?? 'error'}: ${(e.message ?? String(error)).slice(0, 200)}`);
      }
      const verified = verifyAnswer(answer, hits);
      if (verified.points.length < MIN_POINTS) return fallback('no point with a valid citation');
      if (!inLanguage(verified.points, language)) return fallback('answer not in the language of the question');
      return { mode: 'llm', reply: buildLlmReply(knowledge, language, hits, verified.points, extractive), dropped: verified.dropped.length };
    },

    async condense(history, question) {
      if (history.length === 0) return question;
      const chat = await getModel();
      const chain = prompts.condense.pipe(chat).pipe(new StringOutputParser());
      const out = await withDeadline(settings.timeoutMs, (signal) => chain.invoke({ history: renderHistory(history), question }, { signal }));
      const condensed = cleanQuestion(out);
      if (condensed === '' || condensed.length > 500) throw new Error('the model did not return one question');
      return condensed;
    },
  };
}
