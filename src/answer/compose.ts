/**
 * The extractive composer: turns search hits into a reply without a language model.
 * It picks the most relevant findings, merges findings that say the same thing (also
 * across the two reviews), and arranges them as what helps, what gets in the way and what
 * you can do, each point citing the findings it came from.
 */
import type { Finding, FindingKind } from '../knowledge/schema.js';
import type { Knowledge } from '../knowledge/load.js';
import { readable } from '../knowledge/text.js';
import type { Hit, SearchResult } from '../retrieval/search.js';
import type { Citation, Language, Reply, Section } from './reply.js';
import { MESSAGES } from './messages.js';

/** Findings scoring below this share of the best one are not relevant enough to cite. */
const RELATIVE_CUTOFF = 0.5;
const MAX_POINTS = 7;
const MAX_ACTIONS = 2;
/** Cosine similarity above which two findings are one point. */
const SAME_CLAIM = 0.55;

const SECTION_OF: Record<FindingKind, Section['kind']> = {
  facilitator: 'helps',
  barrier: 'hinders',
  recommendation: 'actions',
  effect: 'findings',
  definition: 'findings',
  method: 'findings',
  limitation: 'findings',
  context: 'findings',
};

export type Similarity = (a: Finding, b: Finding) => number;

export function findingText(f: Finding, lang: Language): string {
  return lang === 'en' && f.en ? f.en : readable(f.quote);
}

export function citationFor(k: Knowledge, hit: Hit, n: number, lang: Language): Citation {
  const f = hit.finding;
  return {
    n,
    id: f.id,
    source: f.source,
    sourceTitle: k.sources.get(f.source)?.shortTitle[lang] ?? f.source,
    location: f.location,
    studies: f.studies,
    quote: readable(f.quote),
    text: findingText(f, lang),
    score: Math.round(hit.score * 10000) / 10000,
  };
}

export function outOfScopeReply(question: string, lang: Language): Reply {
  return {
    kind: 'out-of-scope',
    language: lang,
    question,
    title: MESSAGES.outOfScopeTitle[lang],
    intro: [MESSAGES.outOfScope[lang]],
    sections: [],
    citations: [],
    followUps: [...MESSAGES.examples[lang]],
    mode: 'extractive',
  };
}

export function helpReply(question: string, lang: Language): Reply {
  return {
    kind: 'help',
    language: lang,
    question,
    title: MESSAGES.helpTitle[lang],
    intro: [...MESSAGES.help[lang]],
    sections: [],
    citations: [],
    followUps: [...MESSAGES.examples[lang]],
    mode: 'extractive',
  };
}

export function composeAnswer(
  k: Knowledge,
  question: string,
  lang: Language,
  result: SearchResult,
  similarity: Similarity,
): Reply {
  if (!result.inScope || result.hits.length === 0) return outOfScopeReply(question, lang);
  const best = result.hits[0].score;
  // How a review was done answers only a question about that (or one whose best finding it is).
  const asksMethod = result.intents.some((k) => k === 'method' || k === 'limitation') || result.hits[0].finding.theme === 'method';
  const fits = (h: Hit) => asksMethod || h.finding.theme !== 'method';
  const relevant = result.hits.filter((h) => h.score >= best * RELATIVE_CUTOFF && fits(h));
  // Recommendations are "what you can do": cite a few even when they rank a little lower.
  const actions = result.hits
    .filter((h) => h.finding.kind === 'recommendation' && !relevant.includes(h) && h.score >= best * 0.35)
    .slice(0, MAX_ACTIONS);

  // Group findings into points: a finding joins the first point that says the same thing.
  const points: { kind: Section['kind']; hits: Hit[] }[] = [];
  for (const hit of [...relevant, ...actions]) {
    const kind = SECTION_OF[hit.finding.kind];
    const same = points.find((p) => p.kind === kind && similarity(p.hits[0].finding, hit.finding) >= SAME_CLAIM);
    if (same) same.hits.push(hit);
    else if (points.length < MAX_POINTS + MAX_ACTIONS) points.push({ kind, hits: [hit] });
  }

  // Number citations by relevance.
  const cited = points.flatMap((p) => p.hits).sort((a, b) => b.score - a.score);
  const numberOf = new Map(cited.map((h, i) => [h.finding.id, i + 1]));
  const citations = cited.map((h, i) => citationFor(k, h, i + 1, lang));

  const order: Section['kind'][] = result.intents.includes('barrier') && !result.intents.includes('facilitator')
    ? ['hinders', 'helps', 'actions', 'findings']
    : ['helps', 'hinders', 'actions', 'findings'];
  const sections: Section[] = [];
  for (const kind of order) {
    const ps = points.filter((p) => p.kind === kind);
    if (ps.length === 0) continue;
    sections.push({
      kind,
      heading: MESSAGES[kind][lang],
      points: ps.map((p) => ({
        // A table row keeps its bullet in the quote; as a point of a list it would show twice.
        text: findingText(p.hits[0].finding, lang).replace(/^[•·▪-]\s+/u, ''),
        citations: p.hits.map((h) => numberOf.get(h.finding.id)!),
      })),
    });
  }
  // The themes found suggest where to go next.
  const followUps = [...new Set(cited.map((h) => h.finding.theme))]
    .map((theme) => k.themes[theme]?.followUp[lang])
    .filter((q): q is string => Boolean(q) && q.toLowerCase() !== question.toLowerCase())
    .slice(0, 3);

  return {
    kind: 'answer',
    language: lang,
    question,
    title: MESSAGES.title[lang](question),
    intro: [],
    sections,
    citations,
    followUps,
    mode: 'extractive',
  };
}
