/**
 * Reranking: the fused scores, raised for findings of the kind the question asks for, of a study it
 * names, and of a review it names, and lowered for findings that share only the question's setting.
 */
import type { Finding } from '../knowledge/schema.js';
import type { Knowledge } from '../knowledge/load.js';
import { studySurname } from '../knowledge/text.js';
import { givesCount, isOverview, roleOf, type Role } from '../knowledge/structure.js';
import { words } from './analyze.js';
import type { QueryAnalysis } from './query.js';
import { RETRIEVAL } from './tuning.js';

export interface Hit {
  finding: Finding;
  /** Fused relevance; higher is better. */
  score: number;
}

export class Reranker {
  /** Per finding, its studies' first-author surnames as words, without the reviews' own names. */
  private readonly surnames = new Map<string, string[]>();
  private readonly roles = new Map<string, Role>();

  /**
   * termsOf: per finding, the analysed terms of all its fields (SearchIndex.termsOf).
   */
  constructor(
    knowledge: Knowledge,
    reviewNames: Set<string>,
    private readonly termsOf: Map<string, Set<string>> = new Map(),
  ) {
    for (const f of knowledge.findings) {
      this.roles.set(f.id, roleOf(f, knowledge.sources.get(f.source)?.kind ?? ''));
      const names = f.studies.map((st) => words(studySurname(st)).join(' ')).filter((n) => n && !reviewNames.has(n));
      if (names.length) this.surnames.set(f.id, names);
    }
  }

  /** Whether the question names one of the included studies ("What did McLean (2011) find?"). */
  namesStudy(query: QueryAnalysis): boolean {
    return [...this.surnames.keys()].some((id) => this.namedIn(id, query));
  }

  /** Whether the question names one of the studies a finding reports. */
  private namedIn(findingId: string, query: QueryAnalysis): boolean {
    return (this.surnames.get(findingId) ?? []).some((surname) => query.folded.includes(` ${surname} `));
  }

  /**
   * Whether a finding matches nothing of what the question asks about working together (its topic
   * words and their concepts), only who or where ("five organisations", "a family"): it shares the
   * setting, not the subject. Its own words, keywords and expansions count.
   */
  private offTopic(query: QueryAnalysis, finding: Finding): boolean {
    if (query.topicGroups.size === 0) return false;
    const terms = this.termsOf.get(finding.id);
    if (!terms) return false;
    for (const [stem, group] of query.groups) if (query.topicGroups.has(group) && terms.has(stem)) return false;
    return true;
  }

  rerank(query: QueryAnalysis, candidates: Hit[]): Hit[] {
    const wanted = new Set<string>(query.intents.flatMap((k) => [k, ...((RETRIEVAL.answeredAlsoBy as Record<string, string[] | undefined>)[k] ?? [])]));
    const overview = query.intents.includes('overview');
    const count = query.intents.includes('count');
    // A question that names a study ("What did McLean (2011) find?", "De Winter") is about that study.
    const named = (f: Finding) => this.namedIn(f.id, query);
    const ranked = candidates
      .map(({ finding, score }) => ({
        finding,
        score:
          score *
          (wanted.has(finding.kind) ? RETRIEVAL.intentBoost : named(finding) ? RETRIEVAL.namedStudyBoost : RETRIEVAL.rolePrior[this.roles.get(finding.id)!]) *
          (query.namedSources.has(finding.source) ? RETRIEVAL.namedSourceBoost : 1) *
          (overview && isOverview(finding) ? RETRIEVAL.overviewBoost : 1) *
          (count && givesCount(finding) ? RETRIEVAL.countBoost : 1) *
          (this.offTopic(query, finding) ? RETRIEVAL.offTopicPrior : 1),
      }))
      .sort((a, b) => b.score - a.score);
    return this.coherent(ranked);
  }

  /**
   * Theme coherence: the themes of the best candidates say what the question is about; a candidate of
   * another theme is less likely to answer it (the reviews organise their findings by theme).
   */
  private coherent(ranked: Hit[]): Hit[] {
    const top = ranked.slice(0, RETRIEVAL.coherenceDepth);
    const total = top.reduce((s, h) => s + h.score, 0);
    if (total === 0) return ranked;
    const share = new Map<string, number>();
    for (const h of top) share.set(h.finding.theme, (share.get(h.finding.theme) ?? 0) + h.score / total);
    // The best candidate stays first: coherence orders what follows it.
    const [best, ...rest] = ranked;
    const boosted = rest
      .map((h) => ({ finding: h.finding, score: h.score * (1 + RETRIEVAL.coherenceWeight * (share.get(h.finding.theme) ?? 0)) }))
      .sort((a, b) => b.score - a.score);
    return [{ ...best, score: Math.max(best.score, boosted[0]?.score ?? 0) }, ...boosted];
  }
}
