/**
 * The retrievers: each ranks findings for an analysed query by one signal. Lexical: BM25 over the
 * analysed fields (quote, English rendering, keywords, expansions, studies, location). Vector: nearest
 * neighbours of the question's embedding (offline character n-grams, or the remote model's).
 */
import type { Factor } from '../knowledge/schema.js';
import type { SearchIndex } from './index.js';
import type { QueryAnalysis } from './query.js';
import { RETRIEVAL } from './tuning.js';

/** Positions of findings in the index, best first. */
export type Ranking = number[];

/**
 * MiniSearch multiplies a document's BM25 sum by the number of query terms it matched. Among the
 * terms are the thesaurus's synonyms, so a short text matching five synonyms of "gezin" would count
 * five things the question asks; here each asked word, or expanded concept, counts once.
 */
export function byConcepts<T extends { score: number; queryTerms: string[] }>(results: T[], query: QueryAnalysis): T[] {
  const score = (r: T) => (r.score / Math.max(1, r.queryTerms.length)) * Math.max(1, new Set(r.queryTerms.map((t) => query.groups.get(t) ?? t)).size);
  return results
    .map((r) => ({ r, s: score(r) }))
    .sort((a, b) => b.s - a.s)
    .map(({ r }) => r);
}

export class LexicalRetriever {
  private readonly position: Map<string, number>;

  constructor(private readonly index: SearchIndex) {
    this.position = new Map(index.meta.ids.map((id, i) => [id, i]));
  }

  rank(query: QueryAnalysis): Ranking {
    return this.index.bm25
      .search([...query.weights.keys()].join(' '), {
        boostTerm: (term: string) => query.weights.get(term) ?? 1,
        boost: RETRIEVAL.fieldBoost,
        bm25: RETRIEVAL.bm25,
      })
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

/** Meaning beyond shared words: the latent semantic model's nearest findings to the question's weighted terms (latent.ts). */
export class LatentRetriever {
  constructor(private readonly index: SearchIndex) {}

  rank(query: QueryAnalysis): Ranking {
    return this.index.latent.rank(query.weights, RETRIEVAL.candidates);
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

/**
 * The factor map (knowledge/factors): the question is matched with each factor's names and asks, and
 * the best factors' findings are ranked as the map orders them: the passages that state the factor
 * across studies first, then the findings that support it, from both reviews. A question about a
 * factor then gets its synthesis and its siblings even where their own words differ from the question's.
 */
export class FactorRetriever {
  private readonly position: Map<string, number>;

  constructor(
    private readonly index: SearchIndex,
    private readonly factors: Factor[],
  ) {
    this.position = new Map(index.meta.ids.map((id, i) => [id, i]));
  }

  /** Positions of the factors in the map, best match first. */
  factorsFor(query: QueryAnalysis): number[] {
    const order: number[] = [];
    const results = this.index.factors.search([...query.weights.keys()].join(' '), { boostTerm: (term: string) => query.weights.get(term) ?? 1 });
    for (const r of byConcepts(results, query)) {
      if (!order.includes(r.doc as number)) order.push(r.doc as number);
    }
    return order;
  }

  rank(query: QueryAnalysis): Ranking {
    const ranking: number[] = [];
    for (const f of this.factorsFor(query).slice(0, RETRIEVAL.factorDepth)) {
      const { synthesis, supporting } = this.factors[f];
      for (const id of [...synthesis, ...supporting]) {
        const doc = this.position.get(id);
        if (doc !== undefined && !ranking.includes(doc)) ranking.push(doc);
      }
    }
    return ranking.slice(0, RETRIEVAL.candidates);
  }
}
