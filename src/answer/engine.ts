/**
 * Samen's core: question in, reply model out. Loads the knowledge and the index once;
 * answering needs no network and no database.
 */
import { loadKnowledge, type Knowledge } from '../knowledge/load.js';
import { DEFAULT_INDEX_DIR, embeddingText, loadIndex, type SearchIndex } from '../retrieval/index.js';
import { Searcher } from '../retrieval/search.js';
import { fold } from '../retrieval/analyze.js';
import type { Finding } from '../knowledge/schema.js';
import { composeAnswer, helpReply } from './compose.js';
import { detectLanguage } from './language.js';
import type { Language, Reply } from './reply.js';

export interface EngineOptions {
  knowledgeDir?: string;
  indexDir?: string;
  log?: (msg: string) => void;
}

/** Greetings, thanks and requests for help get the help text, not a search. */
const SMALL_TALK =
  /^(hi|hey|hello|hallo|hoi|help|helpt|goedemorgen|goedemiddag|goedenavond|good morning|good afternoon|thanks|thank you|bedankt|dank je( wel)?|what can you do|wat kun je( doen)?|who are you|wie ben je|\?)[\s!.?]*$/;

export interface AnswerOptions {
  /** Language to answer in; detected from the question when absent. */
  language?: Language;
}

export class Engine {
  readonly searcher: Searcher;
  private readonly vectorCache = new Map<string, number[]>();

  constructor(
    readonly knowledge: Knowledge,
    readonly index: SearchIndex,
  ) {
    this.searcher = new Searcher(index, knowledge);
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
    return composeAnswer(this.knowledge, q, lang, this.searcher.search(q, lang, 15), this.similarity);
  }
}

export function createEngine(options: EngineOptions = {}): Engine {
  const knowledge = loadKnowledge(options.knowledgeDir);
  const index = loadIndex(knowledge, options.indexDir ?? process.env.SAMEN_INDEX_DIR ?? DEFAULT_INDEX_DIR, options.log);
  return new Engine(knowledge, index);
}
