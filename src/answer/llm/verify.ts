/**
 * What the model may return, and the check of what it did return: every cited number must
 * be one of the findings it was given, a point without a valid citation is dropped, and a
 * point with a number (a year, a count, a percentage) that its findings do not contain is
 * dropped too. The verified points become the ordinary reply model, with the citations
 * renumbered to only those cited, in relevance order.
 */
import { z } from 'zod';
import type { Knowledge } from '../../knowledge/load.js';
import type { Hit } from '../../retrieval/search.js';
import { citationFor, spelledOutOnFirstMention } from '../compose.js';
import { detectLanguage } from '../../shared/language.js';
import { MESSAGES } from '../messages.js';
import type { Language, Reply, Section } from '../../shared/reply.js';
import { readable } from '../../knowledge/text.js';

export const SECTION_KINDS = ['helps', 'hinders', 'actions', 'findings'] as const;

/** The structured output asked of the model. */
export const LlmAnswerSchema = z.object({
  points: z
    .array(
      z.object({
        text: z.string().describe('One or two sentences in the answer language, without citation markers.'),
        citations: z.array(z.number().int()).describe('Numbers of the findings that support this point.'),
        section: z.enum(SECTION_KINDS).describe('helps, hinders, actions or findings'),
      }),
    )
    .describe('The answer as points; empty when the findings do not answer the question.'),
});
export type LlmAnswer = z.infer<typeof LlmAnswerSchema>;

export interface VerifiedPoint {
  text: string;
  /** Numbers into the findings given to the model (1-based). */
  citations: number[];
  section: Section['kind'];
}

export interface Verification {
  points: VerifiedPoint[];
  dropped: { text: string; reason: 'no-valid-citation' | 'unsupported-number' | 'empty' }[];
}

/** At least this many verified points, or the extractive answer is given. */
export const MIN_POINTS = 1;

function numbersIn(text: string): string[] {
  return text.match(/\d+(?:[.,]\d+)?/g) ?? [];
}

/** Checks the model's points against the findings it was given (hits[0] is [1]). */
export function verifyAnswer(answer: LlmAnswer, hits: Hit[]): Verification {
  const points: VerifiedPoint[] = [];
  const dropped: Verification['dropped'] = [];
  for (const p of answer.points) {
    const text = p.text.replace(/\s*\[\d+(?:\s*[,;-]\s*\d+)*\]/g, '').replace(/\s+/g, ' ').trim();
    if (text === '') {
      dropped.push({ text: p.text, reason: 'empty' });
      continue;
    }
    const citations = [...new Set(p.citations)].filter((n) => Number.isInteger(n) && n >= 1 && n <= hits.length).sort((a, b) => a - b);
    if (citations.length === 0) {
      dropped.push({ text, reason: 'no-valid-citation' });
      continue;
    }
    // A number in the point must be in one of its findings: the model may not add figures or years.
    const support = citations
      .map((n) => hits[n - 1].finding)
      .map((f) => [f.en ?? '', readable(f.quote), f.studies.join(' '), f.location, f.studyCount ? String(f.studyCount) : ''].join(' '))
      .join(' ');
    const supported = new Set(numbersIn(support).map((n) => n.replace(',', '.')));
    if (numbersIn(text).some((n) => !supported.has(n.replace(',', '.')))) {
      dropped.push({ text, reason: 'unsupported-number' });
      continue;
    }
    points.push({ text, citations, section: p.section });
  }
  return { points, dropped };
}

/** False when the points are clearly written in the other language. */
export function inLanguage(points: VerifiedPoint[], lang: Language): boolean {
  const text = points.map((p) => p.text).join(' ');
  if (text.split(/\s+/).length < 12) return true;
  return detectLanguage(text, lang) === lang;
}

/**
 * The reply model from verified points. Sections follow the extractive reply's order (which
 * reflects what the question asks for); title and follow-ups are the extractive reply's.
 */
export function buildLlmReply(k: Knowledge, lang: Language, hits: Hit[], points: VerifiedPoint[], extractive: Reply): Reply {
  const cited = [...new Set(points.flatMap((p) => p.citations))].sort((a, b) => a - b);
  const renumber = new Map(cited.map((orig, i) => [orig, i + 1]));
  const order: Section['kind'][] = [...new Set([...extractive.sections.map((s) => s.kind), ...SECTION_KINDS])];
  const sections: Section[] = [];
  for (const kind of order) {
    const ps = points.filter((p) => p.section === kind);
    if (ps.length === 0) continue;
    sections.push({
      kind,
      heading: MESSAGES[kind][lang],
      points: ps.map((p) => ({ text: p.text, citations: p.citations.map((n) => renumber.get(n)!) })),
    });
  }
  return {
    ...extractive,
    sections,
    citations: spelledOutOnFirstMention(k, cited.map((orig, i) => citationFor(k, hits[orig - 1], i + 1, lang)), lang),
    mode: 'llm',
  };
}

/** The findings as the model sees them: numbered, English rendering, Dutch quote, studies, location. */
export function renderFindings(k: Knowledge, hits: Hit[], lang: Language): string {
  return hits
    .map(({ finding: f }, i) => {
      const lines = [`[${i + 1}] (${f.kind}, theme: ${f.theme})`];
      if (f.en) lines.push(`English: ${f.en}`);
      lines.push(`Dutch quote: "${readable(f.quote)}"`);
      if (f.studies.length) lines.push(`Studies: ${f.studies.join('; ')}${f.studyCount ? ` (n=${f.studyCount})` : ''}`);
      lines.push(`Location: ${k.sources.get(f.source)?.shortTitle[lang] ?? f.source}, ${f.location}`);
      return lines.join('\n');
    })
    .join('\n\n');
}

