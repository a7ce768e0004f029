/**
 * Hybrid search: BM25 over analysed text and nearest neighbours over embeddings, fused by
 * reciprocal rank. Questions are expanded with the thesaurus so that English questions
 * find Dutch findings and the other way round, and the kind of finding a question asks for
 * (what helps, what hinders, effects, method, …) is read from its cue words.
 */
import type { Finding, FindingKind } from '../knowledge/schema.js';
import type { Knowledge } from '../knowledge/load.js';
import { isStopWord, stem, words, type Lang } from './analyze.js';
import type { SearchIndex } from './index.js';

export interface Hit {
  finding: Finding;
  /** Fused relevance; higher is better. */
  score: number;
}

export interface SearchResult {
  /** Whether the question is about what the knowledge base covers. */
  inScope: boolean;
  /** Kinds of finding the question asks for, from its cue words. */
  intents: FindingKind[];
  hits: Hit[];
}

/** Reciprocal-rank-fusion constant: the usual 60 keeps one list from dominating. */
const RRF_K = 60;
const EXPANSION_WEIGHT = 0.5;
const INTENT_BOOST = 1.3;
const CANDIDATES = 40;

interface ThesaurusConcept {
  /** Each term of the concept as the set of stems that must all occur in a question. */
  triggers: string[][];
  stems: string[];
}

function stemsOf(word: string): string[] {
  return [...new Set([stem(word, 'nl'), stem(word, 'en')])];
}

function phraseStems(phrase: string, lang: Lang): string[] {
  return words(phrase)
    .filter((w) => !isStopWord(w))
    .map((w) => stem(w, lang));
}

export class Searcher {
  private readonly concepts: ThesaurusConcept[];
  private readonly intentStems: Map<string, Set<FindingKind>>;
  private readonly documentCount: number;

  constructor(
    private readonly index: SearchIndex,
    knowledge: Knowledge,
  ) {
    this.documentCount = index.meta.ids.length;
    this.concepts = knowledge.thesaurus.map((e) => {
      const triggers = [...e.nl.map((t) => phraseStems(t, 'nl')), ...e.en.map((t) => phraseStems(t, 'en'))].filter(
        (t) => t.length > 0,
      );
      return { triggers, stems: [...new Set(triggers.flat())] };
    });
    this.intentStems = new Map();
    for (const [kind, cues] of Object.entries(knowledge.intents) as [FindingKind, { nl: string[]; en: string[] }][]) {
      for (const cue of [...cues.nl, ...cues.en]) {
        for (const w of words(cue)) {
          for (const s of stemsOf(w)) {
            const set = this.intentStems.get(s) ?? new Set<FindingKind>();
            set.add(kind);
            this.intentStems.set(s, set);
          }
        }
      }
    }
  }

  private df(term: string): number {
    return this.index.documentFrequency.get(term) ?? 0;
  }

  /** Weighted query terms, intents, and whether the question's own words belong to the field. */
  analyse(question: string) {
    const weights = new Map<string, number>();
    const intents = new Set<FindingKind>();
    const present = new Set<string>();
    let contentWords = 0;
    let knownWords = 0;
    for (const w of words(question)) {
      if (w.length < 2 || isStopWord(w)) continue;
      const stems = stemsOf(w);
      const parts = this.index.splitter.split(w).flatMap(stemsOf);
      const cue = stems.flatMap((s) => [...(this.intentStems.get(s) ?? [])]);
      cue.forEach((k) => intents.add(k));
      for (const s of [...stems, ...parts]) {
        present.add(s);
        if (this.df(s) > 0) weights.set(s, 1);
      }
      // Cue words ("helps", "barriers") say what kind of answer is wanted, not what it is about.
      if (cue.length > 0) continue;
      contentWords += 1;
      if ([...stems, ...parts].some((s) => this.df(s) > 0)) knownWords += 1;
    }
    let conceptHits = 0;
    for (const c of this.concepts) {
      if (!c.triggers.some((t) => t.every((s) => present.has(s)))) continue;
      conceptHits += 1;
      for (const s of c.stems) if (!weights.has(s) && this.df(s) > 0) weights.set(s, EXPANSION_WEIGHT);
    }
    const inScope = contentWords === 0 ? intents.size > 0 && weights.size > 0 : knownWords / contentWords >= 0.5 || conceptHits > 0;
    return { weights, intents: [...intents], inScope, knownWords, contentWords };
  }

  search(question: string, limit = 10): SearchResult {
    const { weights, intents, inScope } = this.analyse(question);
    if (!inScope || weights.size === 0) return { inScope: false, intents, hits: [] };

    const fused = new Map<number, number>();
    const add = (docIndex: number, rank: number) => fused.set(docIndex, (fused.get(docIndex) ?? 0) + 1 / (RRF_K + rank));

    const lexical = this.index.bm25.search([...weights.keys()].join(' '), {
      boostTerm: (term: string) => weights.get(term) ?? 1,
    });
    const position = new Map(this.index.meta.ids.map((id, i) => [id, i]));
    lexical.slice(0, CANDIDATES).forEach((r, rank) => add(position.get(r.id as string)!, rank + 1));

    const k = Math.min(CANDIDATES, this.documentCount);
    if (k > 0) {
      const nn = this.index.vectors.searchKnn(this.index.embeddings.embed(question), k);
      nn.neighbors.forEach((docIndex, rank) => add(docIndex, rank + 1));
    }

    const hits: Hit[] = [];
    for (const [docIndex, score] of fused) {
      const finding = this.index.findings.get(this.index.meta.ids[docIndex])!;
      const boost = intents.includes(finding.kind) ? INTENT_BOOST : 1;
      hits.push({ finding, score: score * boost });
    }
    hits.sort((a, b) => b.score - a.score);
    return { inScope: true, intents, hits: hits.slice(0, limit) };
  }
}
