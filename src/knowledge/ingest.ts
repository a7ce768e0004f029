/**
 * Adds an organisation's own document (plain text or Markdown, also PDF text extractions)
 * to the knowledge base: splits it into passages along headings and paragraphs, repairs PDF
 * line breaks and hyphenation, extracts author–year citations, and writes the passages as
 * findings of a new source, so retrieval finds and cites them like curated findings.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { SourceSchema, type Finding, type Source } from './schema.js';
import { detectLanguage } from '../shared/language.js';

const MAX_PASSAGE_CHARS = 900;
const MIN_PASSAGE_CHARS = 40;

export interface Passage {
  heading: string;
  text: string;
}

const isHeading = (line: string) =>
  /^#{1,6}\s/.test(line) ||
  (line.length <= 80 && !/[.,:;!?)"”]$/.test(line) && /^[\p{Lu}\d]/u.test(line) && line.split(/\s+/).length <= 10);

/** Joins PDF lines back into paragraphs: a line that does not end a sentence runs on. */
export function repairLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim());
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) blocks.push(current.trim());
    current = '';
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (!line) {
      // A blank line ends a paragraph only when the text before it ends a sentence
      // (PDF extractions put blank lines between the lines of one paragraph).
      if (/[.!?:"”]$/.test(current) || isHeading(current)) flush();
      continue;
    }
    if (isHeading(line) && (!current || /[.!?:"”]$/.test(current))) {
      flush();
      blocks.push(line);
      continue;
    }
    if (!current) current = line;
    else if (/\p{L}-$/u.test(current) && /^\p{Ll}/u.test(line)) current = current.slice(0, -1) + line;
    else current += ` ${line}`;
  }
  flush();
  return blocks;
}

/** Splits a long paragraph at sentence ends into passages of a readable size. */
function splitLong(paragraph: string): string[] {
  if (paragraph.length <= MAX_PASSAGE_CHARS) return [paragraph];
  const sentences = paragraph.match(/[^.!?]+[.!?]+["”)]*\s*|[^.!?]+$/g) ?? [paragraph];
  const out: string[] = [];
  let cur = '';
  for (const s of sentences) {
    if (cur && cur.length + s.length > MAX_PASSAGE_CHARS) {
      out.push(cur.trim());
      cur = '';
    }
    cur += s;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export function splitPassages(text: string): Passage[] {
  const passages: Passage[] = [];
  let heading = '';
  for (const block of repairLines(text)) {
    if (isHeading(block)) {
      heading = block.replace(/^#{1,6}\s*/, '');
      continue;
    }
    for (const p of splitLong(block.replace(/^[-*•]\s+/, ''))) {
      if (p.length >= MIN_PASSAGE_CHARS) passages.push({ heading, text: p });
    }
  }
  return passages;
}

/** Author–year citations, written as "Surname et al. (2010)" / "Surname & Other (2010)". */
export function extractCitations(text: string): string[] {
  const found = new Set<string>();
  const name = "\\p{Lu}[\\p{L}'’-]+";
  const author = `${name}(?:\\s+(?:et al\\.|&\\s+${name}|en\\s+${name}|and\\s+${name}))?`;
  for (const m of text.matchAll(new RegExp(`(${author})\\s+\\((\\d{4})\\)`, 'gu'))) {
    found.add(`${m[1].replace(/\s+(en|and)\s+/, ' & ')} (${m[2]})`);
  }
  for (const group of text.matchAll(/\(([^()]*\d{4}[^()]*)\)/g)) {
    for (const part of group[1].split(';')) {
      const m = part.trim().match(new RegExp(`(${author}),?\\s+(\\d{4})`, 'u'));
      if (m) found.add(`${m[1].replace(/\s+(en|and)\s+/, ' & ')} (${m[2]})`);
    }
  }
  return [...found];
}

export interface IngestOptions {
  knowledgeDir: string;
  id?: string;
  title?: string;
}

/** Ingests one file; returns the new source and its passages. Re-ingesting an id replaces it. */
export function ingestFile(file: string, options: IngestOptions): { source: Source; findings: Finding[] } {
  if (!existsSync(file)) throw new Error(`No such file: ${file}`);
  if (!['.txt', '.md', '.markdown', ''].includes(extname(file).toLowerCase())) {
    throw new Error(`Only plain text and Markdown can be ingested (got ${extname(file)}); convert PDFs to text first.`);
  }
  const text = readFileSync(file, 'utf8');
  const id = (options.id ?? basename(file, extname(file)))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (!id) throw new Error('Give the document an id with --id');
  const dir = join(options.knowledgeDir, 'ingested');
  mkdirSync(join(dir, 'sources'), { recursive: true });
  mkdirSync(join(dir, 'passages'), { recursive: true });
  const ext = extname(file) || '.txt';
  const relFile = `ingested/sources/${id}${ext}`;
  copyFileSync(file, join(options.knowledgeDir, relFile));

  const title = options.title ?? basename(file, extname(file));
  const language = detectLanguage(text.slice(0, 5000));
  const source: Source = SourceSchema.parse({
    id,
    file: relFile,
    kind: 'organisation-document',
    language,
    title: { nl: title, en: title },
    shortTitle: { nl: title, en: title },
  });
  const findings: Finding[] = splitPassages(text).map((p, i) => ({
    id: `${id}-p${String(i + 1).padStart(3, '0')}`,
    source: id,
    location: p.heading || title,
    theme: 'context',
    kind: 'context',
    quote: p.text,
    ...(language === 'en' ? { en: p.text } : {}),
    studies: extractCitations(p.text),
    keywords: { nl: [], en: [] },
  }));

  const sourcesFile = join(dir, 'sources.yaml');
  const existing = existsSync(sourcesFile) ? ((parse(readFileSync(sourcesFile, 'utf8')) as Source[] | null) ?? []) : [];
  writeFileSync(sourcesFile, stringify([...existing.filter((s) => s.id !== id), source]));
  writeFileSync(join(dir, 'passages', `${id}.yaml`), stringify({ findings }));
  return { source, findings };
}
