/**
 * The retrievers: each ranks findings for an analysed query by one signal. Lexical: BM25 over the
 * analysed fields (quote, English rendering, keywords, expansions, studies, location). Vector: nearest
 * neighbours of the question's embedding (offline character n-grams, or the remote model's).
 */
import type { SearchIndex } from './index.js';
import type { QueryAnalysis } from './query.js';
import { RETRIEVAL } from './tuning.js';

/** Positions of findings in the index, best first. */
export type Ranking = number[];

export class LexicalRetriever {
  private readonly position: Map<string, number>;

  constructor(private readonly index: SearchIndex) {
    this.position = new Map(index.meta.ids.map((id, i) => [id, i]));
  }

  rank(query: QueryAnalysis): Ranking {
    return this.index.bm25
      .search([...query.weights.keys()].join(' '), { boostTerm: (term: string) => query.weights.get(term) ?? 1 })
      .slice(0, RETRIEVAL.candidates)
      .map((r) => this.position.get(r.id as string)!);
  }
}

export class VectorRetriever {
  constructor(private readonly index: SearchIndex) {}

  /** queryVector: the question embedded by the remote model; without it the offline vectors serve. */
  rank(question: string, queryVector?: number[]): Ranking {
    const k = Math.min(RETRIEVAL.candidates, this.index.meta.ids.length);
    if (k === 0) return [];
    if (queryVector && this.index.remote) return this.index.remote.vectors.searchKnn(queryVector, k).neighbors;
    return this.index.vectors.searchKnn(this.index.embeddings.embed(question), k).neighbors;
  }
}

/**
 * Question-to-question matching: every expansion ask (a question or situation a finding answers) is
 * its own short document, and a finding ranks by its best-matching ask. A question in practitioners'
 * words then meets the one phrasing that fits it, instead of being diluted in one long field.
 */
export class ExpansionRetriever {
  constructor(private readonly index: SearchIndex) {}

  rank(query: QueryAnalysis): Ranking {
    const ranking: number[] = [];
    const seen = new Set<number>();
    for (const r of this.index.asks.search([...query.weights.keys()].join(' '), { boostTerm: (term: string) => query.weights.get(term) ?? 1 })) {
      const doc = r.doc as number;
      if (seen.has(doc)) continue;
      seen.add(doc);
      ranking.push(doc);
      if (ranking.length >= RETRIEVAL.candidates) break;
    }
    return ranking;
  }
}
