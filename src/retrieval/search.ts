/**
 * Hybrid search as composable stages: query analysis and expansion (query.ts) → scope (scope.ts) →
 * the lexical and vector retrievers (retrievers.ts) → reciprocal rank fusion (fuse.ts) → reranking
 * (rerank.ts). Each stage is replaceable and tested alone; their constants are in tuning.ts.
 */
import type { Intent } from '../knowledge/schema.js';
import type { Knowledge } from '../knowledge/load.js';
import type { Lang } from './analyze.js';
import type { SearchIndex } from './index.js';
import { QueryAnalyzer, type QueryAnalysis } from './query.js';
import { ExpansionRetriever, FactorRetriever, LatentRetriever, LexicalRetriever, VectorRetriever } from './retrievers.js';
import { reciprocalRankFusion } from './fuse.js';
import { Reranker, type Hit } from './rerank.js';
import { RETRIEVAL } from './tuning.js';

export type { Hit } from './rerank.js';

/** What a question may ask for that is not a factor: how the reviews were done, their gist, counts, definitions, limits, effects. */
const OWN_ROUTES = new Set<Intent>(['method', 'count', 'overview', 'definition', 'limitation', 'effect']);

/** Kinds a question can ask for that an answer has a section for: what helps, what gets in the way, what to do. */
export const ASKED_KINDS = ['facilitator', 'barrier', 'recommendation'] as const;

export interface SearchResult {
  /** Whether the question is about what the knowledge base covers. */
  inScope: boolean;
  /** Kinds of finding the question asks for, from its cue words. */
  intents: Intent[];
  hits: Hit[];
  /** What the question also asks that the reviews do not cover, named in its language. */
  uncovered: string[];
}

export class Searcher {
  private readonly analyzer: QueryAnalyzer;
  private readonly lexical: LexicalRetriever;
  private readonly vector: VectorRetriever;
  private readonly expansion: ExpansionRetriever;
  private readonly factors: FactorRetriever;
  private readonly latent: LatentRetriever;
  private readonly reranker: Reranker;

  constructor(
    private readonly index: SearchIndex,
    knowledge: Knowledge,
  ) {
    this.analyzer = new QueryAnalyzer(index, knowledge);
    this.lexical = new LexicalRetriever(index);
    this.vector = new VectorRetriever(index);
    this.expansion = new ExpansionRetriever(index);
    this.factors = new FactorRetriever(index, knowledge.factors);
    this.latent = new LatentRetriever(index);
    this.reranker = new Reranker(knowledge, this.analyzer.aliasWords, index.termsOf);
  }

  /**
   * The factor map answers questions about what helps or hinders; a question about a named study, or
   * about how the reviews were done, what they sum up, count or define, has its own route.
   */
  isFactorQuestion(query: QueryAnalysis): boolean {
    return !query.intents.some((k) => OWN_ROUTES.has(k)) && !this.reranker.namesStudy(query);
  }

  analyse(question: string, lang: Lang): QueryAnalysis {
    return this.analyzer.analyse(question, lang);
  }

  /**
   * options.queryVector: the question embedded by the remote model (answerAsync with
   * OPENAI_EMBEDDINGS); the nearest neighbours then come from the remote vectors.
   */
  search(question: string, lang: Lang, limit = 10, options: { queryVector?: number[] } = {}): SearchResult {
    const query = this.analyzer.analyse(question, lang);
    if (!query.inScope || query.weights.size === 0) return { inScope: false, intents: query.intents, hits: [], uncovered: query.uncovered };
    const fused = reciprocalRankFusion([
      { ranking: this.lexical.rank(query), weight: RETRIEVAL.lexicalWeight },
      { ranking: this.vector.rank(question, options.queryVector), weight: RETRIEVAL.vectorWeight },
      { ranking: this.expansion.rank(query), weight: RETRIEVAL.expansionRetrieverWeight },
      { ranking: this.latent.rank(query), weight: RETRIEVAL.latentWeight },
      { ranking: this.isFactorQuestion(query) ? this.factors.rank(query) : [], weight: RETRIEVAL.factorRetrieverWeight },
    ]);
    const candidates = [...fused].map(([doc, score]) => ({ finding: this.index.findings.get(this.index.meta.ids[doc])!, score }));
    const ranked = this.reranker.rerank(query, candidates);
    const hits = ranked.slice(0, limit);
    // A question that asks what helps, what hinders or what to do also gets the best finding of that kind among all candidates.
    for (const kind of ASKED_KINDS) {
      if (!query.intents.includes(kind) || hits.some((h) => h.finding.kind === kind)) continue;
      const best = ranked.find((h) => h.finding.kind === kind);
      if (best) hits.push(best);
    }
    return { inScope: true, intents: query.intents, hits, uncovered: query.uncovered };
  }
}
