/**
 * The reflection questions of the weekly reminder, read from knowledge/reflection-prompts.yaml:
 * each rests on findings of the knowledge base and is shown with the citation of its first.
 * Three per week, rotated by ISO week so that consecutive weeks share none.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Language } from '../shared/reply.js';
import { KnowledgeError, type Knowledge } from '../knowledge/load.js';
import type { Finding } from '../knowledge/schema.js';

export const PROMPTS_FILE = 'reflection-prompts.yaml';
export const PROMPTS_PER_WEEK = 3;

const PromptsFileSchema = z.object({
  prompts: z
    .array(
      z.object({
        id: z.string().min(1),
        question: z.object({ nl: z.string().min(1), en: z.string().min(1) }),
        findings: z.array(z.string().min(1)).min(1),
      }),
    )
    .min(2 * PROMPTS_PER_WEEK),
});
export type PromptsFile = z.infer<typeof PromptsFileSchema>;

export interface PromptCitation {
  findingId: string;
  sourceTitle: string;
  location: string;
  studies: string[];
  studyCount?: number;
}

/** A finding that speaks to a question, for a team whose answers to it are low. */
export interface EvidenceItem {
  findingId: string;
  /** The finding in the language (its self-contained gist where it has one). */
  text: string;
  citationText: string;
}

/** How many findings "what the reviews say about this" cites: enough to act on, short enough to read in a reminder. */
export const EVIDENCE_PER_PROMPT = 3;

export interface ReflectionPrompt {
  id: string;
  question: Record<Language, string>;
  findingIds: string[];
  citation: Record<Language, PromptCitation>;
  /** The findings that address the question: its own, then those of the factors (knowledge/factors) they belong to. */
  evidence: Record<Language, EvidenceItem[]>;
  /** A question to ask Samen for more about it (a factor's practitioner question, else the prompt itself). */
  askMore: Record<Language, string>;
}

export function readPromptsFile(dir: string): PromptsFile {
  const result = PromptsFileSchema.safeParse(parse(readFileSync(join(dir, PROMPTS_FILE), 'utf8')));
  if (!result.success) {
    throw new KnowledgeError(
      `${PROMPTS_FILE} is not valid:\n` +
        result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n'),
    );
  }
  return result.data;
}

/** The prompts with their citations. Throws when a finding id is unknown. */
export function loadReflectionPrompts(knowledge: Knowledge): ReflectionPrompt[] {
  const file = readPromptsFile(knowledge.dir);
  const findings = new Map(knowledge.findings.map((f) => [f.id, f]));
  const unknown = file.prompts.flatMap((p) => p.findings.filter((id) => !findings.has(id)).map((id) => `${p.id}: ${id}`));
  if (unknown.length) throw new KnowledgeError(`${PROMPTS_FILE} names unknown findings: ${unknown.join(', ')}`);
  const citationOf = (finding: Finding, language: Language): PromptCitation => ({
    findingId: finding.id,
    sourceTitle: knowledge.sources.get(finding.source)?.shortTitle[language] ?? finding.source,
    location: finding.location,
    studies: finding.studies,
    ...(finding.studyCount ? { studyCount: finding.studyCount } : {}),
  });
  return file.prompts.map((p) => {
    const finding = findings.get(p.findings[0])!;
    // The factors the question's findings state or support, in the map's order.
    const factors = knowledge.factors.filter((f) => p.findings.some((id) => f.synthesis.includes(id) || f.supporting.includes(id)));
    const evidenceIds = [...new Set([...p.findings, ...factors.flatMap((f) => f.synthesis)])]
      .filter((id) => findings.has(id))
      .slice(0, EVIDENCE_PER_PROMPT);
    const evidence = (language: Language): EvidenceItem[] =>
      evidenceIds.map((id) => {
        const f = findings.get(id)!;
        const text = f.gist?.[language] ?? (language === 'en' ? (f.en ?? f.quote) : f.quote);
        return { findingId: id, text, citationText: promptCitationText(citationOf(f, language), language) };
      });
    return {
      id: p.id,
      question: p.question,
      findingIds: p.findings,
      citation: { nl: citationOf(finding, 'nl'), en: citationOf(finding, 'en') },
      evidence: { nl: evidence('nl'), en: evidence('en') },
      askMore: { nl: factors[0]?.asks.nl[0] ?? p.question.nl, en: factors[0]?.asks.en[0] ?? p.question.en },
    };
  });
}

/**
 * The prompts of one week: positions 3w, 3w+1, 3w+2 (mod n) for week index w. With at
 * least six prompts, two consecutive weeks share none.
 */
export function promptsForWeek<T>(prompts: readonly T[], weekIndex: number): T[] {
  const n = prompts.length;
  if (n === 0) return [];
  const count = Math.min(PROMPTS_PER_WEEK, n);
  const start = (((weekIndex * count) % n) + n) % n;
  return Array.from({ length: count }, (_, i) => prompts[(start + i) % n]);
}

/** "Source: Review …, 3. Resultaten – …; n=7" */
export function promptCitationText(c: PromptCitation, language: Language): string {
  const n = c.studyCount ? `; n=${c.studyCount}` : c.studies.length ? `; ${c.studies.slice(0, 2).join(', ')}` : '';
  return `${language === 'nl' ? 'Bron' : 'Source'}: ${c.sourceTitle}, ${c.location}${n}`;
}
