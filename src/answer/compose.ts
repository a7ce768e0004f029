/**
 * The extractive composer: turns ranked hits into a short reply without a language model.
 * It keeps the findings that answer the question, merges findings that say the same thing (also
 * across the two reviews) into one point, and writes a short answer: the best point first as the
 * summary, then at most a few further points under what helps, what gets in the way, what you can
 * do and what the reviews say, with citations numbered in reading order. The rest stays one action
 * away (`more`, and `all` to show it).
 */
import type { Finding, FindingKind } from '../knowledge/schema.js';
import type { Knowledge } from '../knowledge/load.js';
import { readable } from '../knowledge/text.js';
import { ASKED_KINDS, type Hit, type SearchResult } from '../retrieval/search.js';
import type { Citation, Language, Point, Reply, Section } from '../shared/reply.js';
import { MESSAGES } from './messages.js';
import { ANSWER } from './tuning.js';
import { redact } from '../privacy/personal-data.js';

const SECTION_OF: Record<FindingKind, Exclude<Section['kind'], 'summary'>> = {
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

/** The finding as a point of an answer: its self-contained short form where curated, else its text. */
function pointText(f: Finding, lang: Language): string {
  // A table row keeps its bullet in the quote; as a point of a list it would show twice.
  return (f.gist?.[lang] ?? findingText(f, lang)).replace(/^[•·▪-]\s+/u, '');
}

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

/**
 * The first citation of each review names it in full, abbreviation spelled out ("… rond gezinnen met
 * meervoudige en complexe problematiek (GMCP)"); later ones use the short title.
 */
export function spelledOutOnFirstMention(k: Knowledge, citations: Citation[], lang: Language): Citation[] {
  const named = new Set<string>();
  return citations.map((c) => {
    if (named.has(c.source)) return c;
    named.add(c.source);
    const full = k.sources.get(c.source)?.firstMention?.[lang];
    return full ? { ...c, sourceTitle: full } : c;
  });
}

/**
 * The question as a reply shows it (title, "More findings", sharing, `ask --json`): with
 * detected personal data replaced by placeholders, so Samen never repeats it to the channel.
 */
export function shownQuestion(question: string): string {
  return redact(question);
}

export function outOfScopeReply(question: string, lang: Language): Reply {
  return {
    kind: 'out-of-scope',
    language: lang,
    question: shownQuestion(question),
    title: MESSAGES.outOfScopeTitle[lang],
    intro: [MESSAGES.outOfScope[lang]],
    sections: [],
    citations: [],
    followUps: [...MESSAGES.examples[lang]],
    more: 0,
    mode: 'extractive',
  };
}

export function helpReply(question: string, lang: Language): Reply {
  return {
    kind: 'help',
    language: lang,
    question: shownQuestion(question),
    title: MESSAGES.helpTitle[lang],
    intro: [...MESSAGES.help[lang]],
    sections: [],
    citations: [],
    followUps: [...MESSAGES.examples[lang]],
    more: 0,
    mode: 'extractive',
  };
}

export interface ComposeOptions {
  /** Every relevant finding instead of the short answer ("More findings", `ask --all`). */
  all?: boolean;
}

interface Group {
  kind: Exclude<Section['kind'], 'summary'>;
  hits: Hit[];
}

/** The findings that answer the question: close enough to the best one, and of a kind it asks for. */
function relevantHits(result: SearchResult): Hit[] {
  const best = result.hits[0].score;
  // How a review was done answers only a question about that (or one whose best finding it is).
  const asksMethod = result.intents.some((k) => k === 'method' || k === 'limitation') || result.hits[0].finding.theme === 'method';
  return result.hits.filter((h) => h.score >= best * ANSWER.relativeCutoff && (asksMethod || h.finding.theme !== 'method'));
}

/** Findings that say the same thing become one point (the first, best one leads it). */
function group(hits: Hit[], similarity: Similarity): Group[] {
  const groups: Group[] = [];
  for (const hit of hits) {
    const kind = SECTION_OF[hit.finding.kind];
    const same = groups.find(
      (g) => g.kind === kind && hit.score >= g.hits[0].score * ANSWER.partnerShare && similarity(g.hits[0].finding, hit.finding) >= ANSWER.sameClaim,
    );
    if (same) same.hits.push(hit);
    else groups.push({ kind, hits: [hit] });
  }
  return groups;
}

export function composeAnswer(
  k: Knowledge,
  question: string,
  lang: Language,
  result: SearchResult,
  similarity: Similarity,
  options: ComposeOptions = {},
): Reply {
  if (!result.inScope || result.hits.length === 0) return outOfScopeReply(question, lang);
  const relevant = relevantHits(result);
  const groups = group(relevant, similarity);

  // The short answer: the best points, each with at most a few citations, within the citation budget.
  const maxPoints = options.all ? Infinity : ANSWER.maxPoints;
  const maxCitations = options.all ? Infinity : ANSWER.maxCitations;
  const perPoint = options.all ? Infinity : ANSWER.maxCitationsPerPoint;
  const shown: Group[] = [];
  let budget = maxCitations;
  for (const g of groups) {
    if (shown.length >= maxPoints || budget <= 0) break;
    const hits = g.hits.slice(0, Math.min(perPoint, budget));
    shown.push({ kind: g.kind, hits });
    budget -= hits.length;
  }
  // A question that asks what helps, what hinders or what to do gets the reviews' finding of that kind, when one is close
  // enough: "What hinders…?" is not answered with what helps alone. Asking both what helps and what hinders asks neither.
  const askedKinds = ASKED_KINDS.filter((k) => result.intents.includes(k));
  const asksOnly = (k: (typeof ASKED_KINDS)[number]) => k === 'recommendation' || !askedKinds.includes(k === 'facilitator' ? 'barrier' : 'facilitator');
  const askedSection = (g: Group) => askedKinds.some((k) => SECTION_OF[k] === g.kind);
  for (const kind of options.all ? [] : askedKinds.filter(asksOnly)) {
    const section = SECTION_OF[kind];
    // The short answer's point is one; the section asked for has a point of its own.
    if (shown.slice(1).some((g) => g.kind === section)) continue;
    const best = result.hits[0].score;
    const asked = result.hits.find((h) => h.finding.kind === kind && h.score >= best * ANSWER.askedKindCutoff && !shown.some((g) => g.hits.includes(h)));
    if (!asked) continue;
    if (shown.length >= maxPoints || shown.reduce((n, g) => n + g.hits.length, 0) >= maxCitations) {
      // The point given up is the last one, after the short answer, of a section that is not asked for.
      let spare = shown.length - 1;
      while (spare > 0 && askedSection(shown[spare])) spare -= 1;
      if (spare === 0) continue;
      shown.splice(spare, 1);
    }
    shown.push({ kind: section, hits: [asked] });
    if (!relevant.includes(asked)) relevant.push(asked);
  }
  const shownCount = shown.reduce((n, g) => n + g.hits.length, 0);

  // Reading order: the best point as the summary, then the section the question asks for ("what helps?"), then the
  // others in the order of their best point.
  const [lead, ...rest] = shown;
  const askedSections = new Set(result.intents.map((k) => SECTION_OF[k as FindingKind]).filter(Boolean));
  const kinds = [...new Set(rest.map((g) => g.kind))].sort((a, b) => Number(askedSections.has(b)) - Number(askedSections.has(a)));
  const layout: { kind: Section['kind']; groups: Group[] }[] = [
    { kind: 'summary', groups: [lead] },
    ...kinds.map((kind) => ({ kind, groups: rest.filter((g) => g.kind === kind) })),
  ];
  const cited: Hit[] = [];
  const numberOf = (h: Hit) => {
    const i = cited.indexOf(h);
    if (i >= 0) return i + 1;
    cited.push(h);
    return cited.length;
  };
  const sections: Section[] = layout.map(({ kind, groups: gs }) => ({
    kind,
    heading: MESSAGES[kind][lang],
    points: gs.map((g): Point => ({ text: pointText(g.hits[0].finding, lang), citations: g.hits.map(numberOf) })),
  }));
  const citations = spelledOutOnFirstMention(k, cited.map((h, i) => citationFor(k, h, i + 1, lang)), lang);

  // The themes found suggest where to go next: the cited findings' first, then the other relevant ones'.
  // When they are all about one theme, the example questions suggest others.
  const followUps = [
    ...new Set([
      ...[...cited, ...relevant, ...result.hits].map((h) => k.themes[h.finding.theme]?.followUp[lang]),
      ...MESSAGES.examples[lang],
    ]),
  ]
    .filter((q): q is string => Boolean(q) && q.toLowerCase() !== question.toLowerCase())
    .slice(0, 3);

  const asked = shownQuestion(question);
  return {
    kind: 'answer',
    language: lang,
    question: asked,
    title: MESSAGES.title[lang](asked),
    // A question that also asks what the reviews do not cover (the reporting code, a law's article)
    // is told so before what they do say.
    intro: result.uncovered.length > 0 ? [MESSAGES.partlyCovered[lang](result.uncovered)] : [],
    sections,
    citations,
    followUps,
    more: relevant.length - shownCount,
    mode: 'extractive',
  };
}
