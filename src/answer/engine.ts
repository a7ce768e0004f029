/**
 * Samen's core: question in, reply model out. Loads the knowledge and the index once;
 * answering needs no network and no database.
 */
import type { Knowledge } from '../knowledge/load.js';
import { loadKnowledgeSnapshot } from '../retrieval/knowledge-snapshot.js';
import { DEFAULT_INDEX_DIR, embeddingText, loadIndex, type SearchIndex } from '../retrieval/index.js';
import { Searcher } from '../retrieval/search.js';
import { fold } from '../retrieval/analyze.js';
import type { Finding } from '../knowledge/schema.js';
import { composeAnswer, helpReply } from './compose.js';
import { detectLanguage } from '../shared/language.js';
import type { Language, Reply } from '../shared/reply.js';
import { condenseFollowUp, standaloneQuestion } from './followup.js';
import type { LlmComposer, Turn } from './llm/composer.js';
import { DEFAULT_EMBEDDINGS_MODEL, type LlmSettings } from './llm/settings.js';
import { redactionNotice } from './llm/notice.js';
import { redact, redactWithReport, type PersonalDataKind } from '../privacy/personal-data.js';

export interface EngineOptions {
  knowledgeDir?: string;
  /** Where the search index is saved (SAMEN_INDEX_DIR); default DEFAULT_INDEX_DIR, knowledge/index. */
  indexDir?: string;
  log?: (msg: string) => void;
  /** A language model for answerAsync (see src/answer/llm); absent means extractive answers only. */
  llm?: LlmSettings;
}

/** Greetings, thanks and requests for help get the help text, not a search. */
const SMALL_TALK =
  /^(hi|hey|hello|hallo|hoi|help|helpt|goedemorgen|goedemiddag|goedenavond|good morning|good afternoon|thanks|thank you|bedankt|dank je( wel)?|what can you do|wat kun je( doen)?|who are you|wie ben je|\?)[\s!.?]*$/;

export interface AnswerOptions {
  /** Language to answer in; detected from the question when absent. */
  language?: Language;
  /** Every relevant finding instead of the short answer ("More findings", `ask --all`). */
  all?: boolean;
}

export interface AsyncAnswerOptions extends AnswerOptions {
  /** The thread's or conversation's earlier turns, oldest first: a follow-up is read with them. */
  history?: Turn[];
  /** The follow-up already read with the question it continues (the core does so to know its language): not read again. */
  standalone?: string;
  /** Each verified point of a model-written answer as the model writes it (see LlmComposer.compose). */
  onPoint?: (text: string) => void;
}

/** Placeholders left by redaction carry no meaning for the search. */
const PLACEHOLDER = /\[(bsn|date-of-birth|phone|email|postcode|name)\]/g;

export class Engine {
  readonly searcher: Searcher;
  private readonly vectorCache = new Map<string, number[]>();

  constructor(
    readonly knowledge: Knowledge,
    readonly index: SearchIndex,
    /** The model-backed composer, when a model is configured. */
    readonly llm?: LlmComposer,
  ) {
    this.searcher = new Searcher(index, knowledge);
  }

  /** How answerAsync writes answers: with the configured model (verified), or extractively. */
  get mode(): Reply['mode'] {
    return this.llm ? 'llm' : 'extractive';
  }

  /** Cosine similarity of two findings' meaning, for merging points that say the same. */
  similarity = (a: Finding, b: Finding): number => {
    const va = this.vector(a);
    const vb = this.vector(b);
    let dot = 0;
    for (let i = 0; i < va.length; i += 1) dot += va[i] * vb[i];
    return dot;
  };

  private vector(f: Finding): number[] {
    let v = this.vectorCache.get(f.id);
    if (!v) {
      v = this.index.embeddings.embed(embeddingText(f));
      this.vectorCache.set(f.id, v);
    }
    return v;
  }

  answer(question: string, options: AnswerOptions = {}): Reply {
    const q = question.trim().replace(/\s+/g, ' ');
    const lang = options.language ?? detectLanguage(q);
    if (q === '' || SMALL_TALK.test(fold(q))) return helpReply(q, lang);
    // Personal data means nothing to the reviews (and its unknown words would pull the question out of scope), so the
    // search reads the question without it, as the model path does; a redacted question ("More findings") likewise.
    const searchText = redact(q).replace(PLACEHOLDER, ' ').replace(/\s+/g, ' ').trim();
    return composeAnswer(this.knowledge, q, lang, this.searcher.search(searchText, lang, 15), this.similarity, { all: options.all });
  }

  /**
   * Answers in the configured mode. Without a model this is `answer()` after the simple
   * follow-up combining. With a model: personal data is redacted from the question and the
   * history (and the user told), a follow-up is condensed with the earlier turns by the
   * model, the findings are retrieved locally, and the model writes a verified answer from
   * them; on any failure the extractive answer for the same findings is given. Never rejects
   * because of the model.
   */
  async answerAsync(question: string, options: AsyncAnswerOptions = {}): Promise<Reply> {
    const q = question.trim().replace(/\s+/g, ' ');
    const history = options.history ?? [];
    if (q === '' || SMALL_TALK.test(fold(q))) return helpReply(q, options.language ?? detectLanguage(q));
    // The follow-up is read with the last question that stood on its own, as the channels did before.
    if (!this.llm) return this.answer(options.standalone ?? condenseFollowUp(standaloneQuestion(history), q), options);

    const found: PersonalDataKind[] = [];
    const clean = (text: string) => {
      const r = redactWithReport(text);
      found.push(...r.found.map((f) => f.kind));
      return r.text;
    };
    const asked = clean(q);
    const turns = history.map((t) => ({ question: clean(t.question), answer: t.answer === undefined ? undefined : clean(t.answer) }));
    let sent = false;
    let standalone = asked;
    if (turns.length > 0) {
      sent = true;
      try {
        standalone = await this.llm.condense(turns, asked);
      } catch {
        standalone = condenseFollowUp(standaloneQuestion(turns), asked);
      }
    }
    const lang = options.language ?? detectLanguage(standalone);
    const searchText = standalone.replace(PLACEHOLDER, ' ').replace(/\s+/g, ' ').trim();
    // With remote embeddings the (redacted) question is embedded by them; on failure the offline vectors serve.
    const queryVector = this.index.remote ? await this.index.remote.embedQuery(searchText).catch(() => undefined) : undefined;
    const result = this.searcher.search(searchText, lang, 15, queryVector ? { queryVector } : {});
    const extractive = composeAnswer(this.knowledge, standalone, lang, result, this.similarity, { all: options.all });
    let reply = extractive;
    if (extractive.kind === 'answer') {
      // The model answers from the findings the extractive composer judged relevant, in relevance order.
      const byId = new Map(result.hits.map((h) => [h.finding.id, h]));
      const hits = extractive.citations.map((c) => byId.get(c.id)!).filter(Boolean);
      sent = true;
      reply = (await this.llm.compose({ knowledge: this.knowledge, question: standalone, language: lang, hits, extractive, onPoint: options.onPoint })).reply;
    }
    if (sent && found.length > 0) reply = { ...reply, intro: [redactionNotice(found, lang), ...reply.intro] };
    return reply;
  }
}

/**
 * The engine in the configured mode: with options.llm a model writes the answers, and with OPENAI_EMBEDDINGS
 * (options.llm.embeddings) the remote embeddings' vectors are loaded too: the index is rebuilt when the embedding
 * model changed. The server uses this. LangChain is imported only here, when needed: loading it costs a
 * one-shot `npm run ask` more than half a second.
 */
export async function createEngineAsync(options: EngineOptions = {}): Promise<Engine> {
  const { loadIndexAsync, openAIEmbeddings } = await import('../retrieval/remote.js');
  const dir = options.indexDir ?? DEFAULT_INDEX_DIR;
  const knowledge = loadKnowledgeSnapshot(options.knowledgeDir, dir);
  const s = options.llm;
  const remote = s?.embeddings
    ? openAIEmbeddings({ apiKey: s.apiKey, model: s.embeddingsModel ?? DEFAULT_EMBEDDINGS_MODEL, baseUrl: s.baseUrl, timeoutMs: s.timeoutMs, maxRetries: s.maxRetries })
    : undefined;
  const index = await loadIndexAsync(knowledge, dir, options.log, remote);
  const llm = s ? (await import('./llm/composer.js')).createLlmComposer(s, { log: options.log }) : undefined;
  return new Engine(knowledge, index, llm);
}

/** An engine that answers extractively, without a language model (createEngineAsync for one). */
export function createEngine(options: Omit<EngineOptions, 'llm'> = {}): Engine {
  const dir = options.indexDir ?? DEFAULT_INDEX_DIR;
  const knowledge = loadKnowledgeSnapshot(options.knowledgeDir, dir);
  return new Engine(knowledge, loadIndex(knowledge, dir, options.log));
}
