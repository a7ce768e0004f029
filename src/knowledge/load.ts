import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  SourceSchema,
  FindingFileSchema,
  ExpansionFileSchema,
  FactorFileSchema,
  ThesaurusSchema,
  IntentsSchema,
  ThemeInfoSchema,
  type Intents,
  type ThemeInfo,
  type Source,
  type Finding,
  type ThesaurusEntry,
  type Factor,
} from './schema.js';
import { stripRunningHeads } from './text.js';

export const KNOWLEDGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../knowledge');

export interface LoadedSource extends Source {
  /** Body text with running heads removed (line breaks kept). */
  text: string;
}

export interface Knowledge {
  /** The folder the knowledge was read from. */
  dir: string;
  sources: Map<string, LoadedSource>;
  findings: Finding[];
  thesaurus: ThesaurusEntry[];
  /** The factor map: factors linked to the findings that state and support them. */
  factors: Factor[];
  intents: Intents;
  themes: ThemeInfo;
  /** Where each finding was read from, for error messages. */
  fileOf: Map<string, string>;
}

export class KnowledgeError extends Error {}

function readYaml(path: string): unknown {
  return parse(readFileSync(path, 'utf8'));
}

function check<T>(schema: z.ZodType<T>, data: unknown, where: string): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues
      .map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('\n');
    throw new KnowledgeError(`${where} is not valid:\n${issues}`);
  }
  return result.data;
}

/** YAML files in a folder, sorted so that ids and order are stable. */
function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Reads and validates the whole knowledge base: sources, curated findings, passages
 * added by `ingest`, and the thesaurus. Throws KnowledgeError with every problem named.
 */
export function loadKnowledge(dir: string = KNOWLEDGE_DIR): Knowledge {
  const sourceList = check(z.array(SourceSchema), readYaml(join(dir, 'sources.yaml')), 'sources.yaml');
  const sources = new Map<string, LoadedSource>();
  const ingestedSources = join(dir, 'ingested', 'sources.yaml');
  if (existsSync(ingestedSources)) {
    const extra = readYaml(ingestedSources) ?? [];
    sourceList.push(...check(z.array(SourceSchema), extra, 'ingested/sources.yaml'));
  }
  for (const s of sourceList) {
    if (sources.has(s.id)) throw new KnowledgeError(`source id "${s.id}" is used twice`);
    const raw = readFileSync(join(dir, s.file), 'utf8');
    sources.set(s.id, { ...s, text: stripRunningHeads(raw, s.runningHeads) });
  }

  const findings: Finding[] = [];
  const fileOf = new Map<string, string>();
  const problems: string[] = [];
  for (const file of [...yamlFiles(join(dir, 'findings')), ...yamlFiles(join(dir, 'ingested', 'passages'))]) {
    const rel = file.slice(dir.length + 1);
    let parsed: z.infer<typeof FindingFileSchema>;
    try {
      parsed = check(FindingFileSchema, readYaml(file), rel);
    } catch (e) {
      problems.push((e as Error).message);
      continue;
    }
    for (const f of parsed.findings) {
      if (fileOf.has(f.id)) problems.push(`${rel}: id "${f.id}" is also used in ${fileOf.get(f.id)}`);
      if (!sources.has(f.source)) problems.push(`${rel}: ${f.id} names unknown source "${f.source}"`);
      fileOf.set(f.id, rel);
      findings.push(f);
    }
  }
  const byId = new Map(findings.map((f) => [f.id, f]));
  for (const file of yamlFiles(join(dir, 'expansions'))) {
    const rel = file.slice(dir.length + 1);
    try {
      for (const e of check(ExpansionFileSchema, readYaml(file), rel).expansions) {
        const f = byId.get(e.id);
        if (!f) problems.push(`${rel}: expansion for unknown finding "${e.id}"`);
        else Object.assign(f, { gist: e.gist, asks: e.asks });
      }
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  const factors: Factor[] = [];
  for (const file of yamlFiles(join(dir, 'factors'))) {
    const rel = file.slice(dir.length + 1);
    try {
      for (const factor of check(FactorFileSchema, readYaml(file), rel).factors) {
        if (factors.some((f) => f.id === factor.id)) problems.push(`${rel}: factor id "${factor.id}" is used twice`);
        for (const id of [...factor.synthesis, ...factor.supporting]) if (!byId.has(id)) problems.push(`${rel}: factor ${factor.id} links unknown finding "${id}"`);
        factors.push(factor);
      }
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if (problems.length) throw new KnowledgeError(problems.join('\n'));

  const thesaurusFile = join(dir, 'thesaurus.yaml');
  const thesaurus = existsSync(thesaurusFile)
    ? check(ThesaurusSchema, readYaml(thesaurusFile), 'thesaurus.yaml').entries
    : [];
  const intents = check(IntentsSchema, readYaml(join(dir, 'intents.yaml')), 'intents.yaml');
  const themes = check(ThemeInfoSchema, readYaml(join(dir, 'themes.yaml')), 'themes.yaml');
  return { dir, sources, findings, thesaurus, factors, intents, themes, fileOf };
}
