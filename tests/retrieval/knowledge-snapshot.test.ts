import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KNOWLEDGE_DIR, KnowledgeError, loadKnowledge } from '../../src/knowledge/load.js';
import { loadKnowledgeSnapshot } from '../../src/retrieval/knowledge-snapshot.js';

/** A copy of the knowledge base to change, without its index. */
function knowledgeCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'samen-snapshot-k-'));
  cpSync(KNOWLEDGE_DIR, dir, { recursive: true, filter: (src) => !src.startsWith(join(KNOWLEDGE_DIR, 'index')) });
  return dir;
}

describe('the knowledge snapshot next to the index', () => {
  it('gives exactly what loading the YAML gives, from the snapshot it wrote', () => {
    const indexDir = mkdtempSync(join(tmpdir(), 'samen-snapshot-i-'));
    const first = loadKnowledgeSnapshot(KNOWLEDGE_DIR, indexDir);
    expect(existsSync(join(indexDir, 'knowledge.json'))).toBe(true);
    const fromSnapshot = loadKnowledgeSnapshot(KNOWLEDGE_DIR, indexDir);
    expect(fromSnapshot).not.toBe(first);
    expect(fromSnapshot).toEqual(loadKnowledge(KNOWLEDGE_DIR));
  });

  it('reads the YAML again when a knowledge file changed, and names the problems of a broken one', () => {
    const kdir = knowledgeCopy();
    const indexDir = join(kdir, 'index');
    const id = 'jgz-concl-no-reviews-or-rcts';
    expect(loadKnowledgeSnapshot(kdir, indexDir).findings.find((f) => f.id === id)?.en).toMatch(/^No meta-analyses/);
    const file = join(kdir, 'findings', 'jgz-conclusion.yaml');
    const yaml = readFileSync(file, 'utf8');
    writeFileSync(file, yaml.replace('No meta-analyses or systematic reviews', 'Not one meta-analysis or systematic review'));
    expect(loadKnowledgeSnapshot(kdir, indexDir).findings.find((f) => f.id === id)?.en).toMatch(/^Not one meta-analysis/);
    writeFileSync(file, yaml.replace(`id: ${id}`, 'identifier: nothing'));
    expect(() => loadKnowledgeSnapshot(kdir, indexDir)).toThrow(KnowledgeError);
  });
});
