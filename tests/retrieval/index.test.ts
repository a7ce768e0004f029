import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, appendFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledge, KNOWLEDGE_DIR } from '../../src/knowledge/load.js';
import { buildIndex, knowledgeHash, loadIndex, staleReason } from '../../src/retrieval/index.js';
import { Searcher } from '../../src/retrieval/search.js';
import { CompoundSplitter } from '../../src/retrieval/analyze.js';

describe('search index', () => {
  const k = loadKnowledge();

  it('is saved to disk as an hnswlib file plus metadata and loads back with the same results', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samen-idx-'));
    const built = buildIndex(k, dir);
    expect(existsSync(join(dir, 'vectors.hnsw'))).toBe(true);
    expect(existsSync(join(dir, 'meta.json'))).toBe(true);
    const loaded = loadIndex(k, dir);
    const q = 'Wat helpt bij onduidelijke rollen?';
    const ids = (s: Searcher) => s.search(q, 'nl', 8).hits.map((h) => h.finding.id);
    expect(ids(new Searcher(loaded, k))).toEqual(ids(new Searcher(built, k)));
    expect(loaded.meta.ids.length).toBe(k.findings.length);
  });

  it('notices a stale index when the knowledge changes, and rebuilds it on load', () => {
    const kdir = mkdtempSync(join(tmpdir(), 'samen-k-'));
    cpSync(KNOWLEDGE_DIR, kdir, { recursive: true, filter: (src) => !src.includes(`${KNOWLEDGE_DIR}/index`) });
    const idx = join(kdir, 'index');
    const copy = loadKnowledge(kdir);
    buildIndex(copy, idx);
    expect(staleReason(idx, knowledgeHash(kdir))).toBeNull();
    appendFileSync(join(kdir, 'thesaurus.yaml'), '\n  - concept: test-only\n    nl: [testwoord]\n    en: [testword]\n');
    expect(staleReason(idx, knowledgeHash(kdir))).toBe('knowledge changed');
    const messages: string[] = [];
    loadIndex(loadKnowledge(kdir), idx, (m) => messages.push(m));
    expect(messages.join()).toContain('knowledge changed');
    expect(staleReason(idx, knowledgeHash(kdir))).toBeNull();
  });

  it('splits Dutch compounds into words the knowledge base knows', () => {
    const splitter = new CompoundSplitter(new Set(['rol', 'onduidelijkheid', 'informatie', 'uitwisseling']));
    expect(splitter.split('rolonduidelijkheid')).toEqual(['rol', 'onduidelijkheid']);
    expect(splitter.split('informatieuitwisseling')).toEqual(['informatie', 'uitwisseling']);
    expect(splitter.split('samenwerking')).toEqual([]);
  });
});
