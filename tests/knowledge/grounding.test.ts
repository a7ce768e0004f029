import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledge, KNOWLEDGE_DIR } from '../../src/knowledge/load.js';
import { groundingProblems, locateQuote } from '../../src/knowledge/verify.js';
import { uncoveredPassages } from '../../src/knowledge/coverage.js';
import { canonical } from '../../src/knowledge/text.js';

const k = loadKnowledge();

describe('knowledge base', () => {
  it('keeps the two reviews exactly as the product owner supplied them', () => {
    for (const [id, seed] of [
      ['fmcp', 'review-fmcp-integrated-collaboration.nl.txt'],
      ['jgz', 'review-jgz-collaboration-children.nl.txt'],
    ]) {
      const ours = readFileSync(join(KNOWLEDGE_DIR, 'sources', `${id}.nl.txt`), 'utf8');
      const seedPath = join(KNOWLEDGE_DIR, '..', '..', 'shared', 'seeds', seed);
      let theirs: string | null = null;
      try {
        theirs = readFileSync(seedPath, 'utf8');
      } catch {
        // The project is self-contained; the seed folder is only there beside a checkout.
      }
      if (theirs !== null) expect(ours).toBe(theirs);
      expect(ours.length).toBeGreaterThan(50_000);
    }
  });

  it('has a large curated set of findings from both reviews, each with an English rendering', () => {
    const curated = k.findings.filter((f) => k.fileOf.get(f.id)?.startsWith('findings/'));
    expect(curated.filter((f) => f.source === 'fmcp').length).toBeGreaterThan(150);
    expect(curated.filter((f) => f.source === 'jgz').length).toBeGreaterThan(150);
    for (const f of curated) expect(f.en, f.id).toBeTruthy();
  });

  it('quotes every finding verbatim from its source and names its studies in or near the quote', () => {
    expect(groundingProblems(k)).toEqual([]);
  });

  it('would notice a quote that is not in the source', () => {
    expect(locateQuote(k, 'fmcp', 'Samenwerking wordt altijd bevorderd door koffie.')).toBeNull();
    expect(
      locateQuote(k, 'fmcp', 'beperkte informatie-uitwisseling en een gebrek aan middelen'),
      'end-of-line hyphenation in the PDF text is tolerated',
    ).not.toBeNull();
  });

  it('covers every results, discussion and conclusion sentence of both reviews', () => {
    for (const [id, source] of k.sources) {
      for (const [from, to] of source.requiredCoverage) {
        const missing = uncoveredPassages(k, id, from, to).map((p) => `${p.source}:${p.line} ${p.text.slice(0, 100)}`);
        expect(missing, `${id} lines ${from}-${to}`).toEqual([]);
      }
    }
  });

  it('covers every study of Table 1 of the systematic review with what helps and what hinders', () => {
    const table1 = k.findings.filter((f) => f.location.includes('Tabel 1') && f.source === 'fmcp');
    const studies = new Set(table1.flatMap((f) => f.studies));
    expect(studies.size).toBeGreaterThanOrEqual(20);
    for (const s of studies) {
      const kinds = new Set(table1.filter((f) => f.studies.includes(s)).map((f) => f.kind));
      expect([...kinds], s).toEqual(expect.arrayContaining(['facilitator', 'barrier']));
    }
  });

  it('has a bilingual thesaurus that links the key terms of both languages', () => {
    expect(k.thesaurus.length).toBeGreaterThan(60);
    const linked = (nl: string, en: string) =>
      k.thesaurus.some((e) => e.nl.some((t) => canonical(t) === nl) && e.en.some((t) => canonical(t) === en));
    expect(linked('rolonduidelijkheid', 'unclear roles')).toBe(true);
    expect(linked('casusoverleg', 'case conference')).toBe(true);
  });
});
