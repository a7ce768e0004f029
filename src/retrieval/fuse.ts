/** Fusion: reciprocal rank fusion of weighted rankings (Cormack et al., 2009). */
import type { Ranking } from './retrievers.js';
import { RETRIEVAL } from './tuning.js';

export function reciprocalRankFusion(rankings: { ranking: Ranking; weight: number }[]): Map<number, number> {
  const fused = new Map<number, number>();
  for (const { ranking, weight } of rankings) {
    for (const [rank, doc] of ranking.entries()) fused.set(doc, (fused.get(doc) ?? 0) + weight / (RETRIEVAL.rrfK + rank + 1));
  }
  return fused;
}
