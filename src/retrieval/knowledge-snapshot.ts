/**
 * The knowledge base as loaded and validated, saved next to the search index (knowledge.json). Reading and
 * validating 1.5 MB of YAML was most of a one-shot `npm run ask`; the snapshot is used only while the knowledge
 * files and the code that reads them are the same as when it was written, so it always equals what loadKnowledge
 * gives (which still names every problem when the knowledge changed).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWLEDGE_DIR, loadKnowledge, type Knowledge, type LoadedSource } from '../knowledge/load.js';
import { DEFAULT_INDEX_DIR, codeVersion, knowledgeHash } from './index.js';

const SNAPSHOT_FILE = 'knowledge.json';
const LOADER_VERSION = codeVersion(['knowledge/load.ts', 'knowledge/schema.ts', 'knowledge/text.ts']);

interface Snapshot {
  key: string;
  knowledge: Omit<Knowledge, 'dir' | 'sources' | 'fileOf'> & { sources: [string, LoadedSource][]; fileOf: [string, string][] };
}

/** loadKnowledge(knowledgeDir), from the snapshot in indexDir when it is current; writes the snapshot when not. */
export function loadKnowledgeSnapshot(knowledgeDir: string = KNOWLEDGE_DIR, indexDir: string = DEFAULT_INDEX_DIR): Knowledge {
  const key = `${LOADER_VERSION}:${knowledgeHash(knowledgeDir)}`;
  const file = join(indexDir, SNAPSHOT_FILE);
  const saved = readSnapshot(file);
  if (saved?.key === key) {
    const { sources, fileOf, ...rest } = saved.knowledge;
    return { ...rest, dir: knowledgeDir, sources: new Map(sources), fileOf: new Map(fileOf) };
  }
  const knowledge = loadKnowledge(knowledgeDir);
  const { dir: _dir, sources, fileOf, ...rest } = knowledge;
  const snapshot: Snapshot = { key, knowledge: { ...rest, sources: [...sources], fileOf: [...fileOf] } };
  try {
    mkdirSync(indexDir, { recursive: true });
    // Written aside and renamed: another process reading it meanwhile sees the old snapshot or the new, never half.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(snapshot));
    renameSync(partial, file);
  } catch {
    // A read-only index folder: the next start reads the YAML again, nothing else changes.
  }
  return knowledge;
}

function readSnapshot(file: string): Snapshot | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  } catch {
    return undefined; // none yet, or unreadable: the YAML is read
  }
}
