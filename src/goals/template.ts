/**
 * The /goals template's sections with their labels and their "why it matters" line, read
 * from knowledge/goals-template.yaml; each line's citation comes from the finding the file
 * names, so which evidence backs a section is data, not code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Language } from '../shared/reply.js';
import { Bilingual } from '../knowledge/schema.js';
import { KnowledgeError, type Knowledge } from '../knowledge/load.js';

export const SECTION_IDS = ['alias', 'goals', 'roles', 'information', 'meetings', 'review'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

const TemplateFileSchema = z.object({
  sections: z
    .array(
      z.object({
        id: z.enum(SECTION_IDS),
        label: Bilingual,
        why: Bilingual,
        findings: z.array(z.string().min(1)).min(1),
      }),
    )
    .refine((s) => SECTION_IDS.every((id) => s.filter((x) => x.id === id).length === 1), {
      message: `every section (${SECTION_IDS.join(', ')}) exactly once`,
    }),
});
export type TemplateFile = z.infer<typeof TemplateFileSchema>;

export interface SectionCitation {
  findingId: string;
  /** The review's short title in the template's language. */
  sourceTitle: string;
  location: string;
  /** The review's count of studies (n=…), when it gives one. */
  studyCount?: number;
  studies: string[];
}

export interface TemplateSection {
  id: SectionId;
  label: Bilingual;
  why: Bilingual;
  /** The finding cited first, then any further support. */
  findingIds: string[];
  citation: Record<Language, SectionCitation>;
}

export const TEMPLATE_FILE = 'goals-template.yaml';

export function readTemplateFile(dir: string): TemplateFile {
  const path = join(dir, TEMPLATE_FILE);
  const result = TemplateFileSchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!result.success) {
    throw new KnowledgeError(
      `${TEMPLATE_FILE} is not valid:\n` +
        result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n'),
    );
  }
  return result.data;
}

/** The sections in template order, each with its citation. Throws when a finding id is unknown. */
export function loadGoalsTemplate(knowledge: Knowledge): TemplateSection[] {
  const file = readTemplateFile(knowledge.dir);
  const findings = new Map(knowledge.findings.map((f) => [f.id, f]));
  const unknown = file.sections.flatMap((s) => s.findings.filter((id) => !findings.has(id)).map((id) => `${s.id}: ${id}`));
  if (unknown.length) throw new KnowledgeError(`${TEMPLATE_FILE} names unknown findings: ${unknown.join(', ')}`);
  const byId = new Map(file.sections.map((s) => [s.id, s]));
  return SECTION_IDS.map((id) => {
    const s = byId.get(id)!;
    const finding = findings.get(s.findings[0])!;
    const source = knowledge.sources.get(finding.source)!;
    const cite = (language: Language): SectionCitation => ({
      findingId: finding.id,
      sourceTitle: source.shortTitle[language],
      location: finding.location,
      ...(finding.studyCount ? { studyCount: finding.studyCount } : {}),
      studies: finding.studies,
    });
    return { id, label: s.label, why: s.why, findingIds: s.findings, citation: { nl: cite('nl'), en: cite('en') } };
  });
}

/** "Review …, 3. Resultaten – Attitude; n=7", for one line under the why. */
export function citationText(c: SectionCitation, language: Language): string {
  const n = c.studyCount ? `; n=${c.studyCount}` : c.studies.length ? `; ${c.studies.slice(0, 2).join(', ')}` : '';
  return `${language === 'nl' ? 'Bron' : 'Source'}: ${c.sourceTitle}, ${c.location}${n}`;
}
