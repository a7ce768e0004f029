/**
 * Once per test run, before any test file: the search index built into a temporary folder, which every file's
 * testEngine() and the command-line tests then load (under a second) instead of each building its own (4–10 s of CPU
 * each, for some thirty files, on a 2-core machine shared by both test workers); and knowledge/index made current,
 * so that the files using the default folder never build it two at a time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createEngine } from '../../src/answer/engine.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder with a current search index (and knowledge snapshot), for the whole run; read it, never write it. */
    preparedIndexDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'samen-test-index-'));
  createEngine({ indexDir: dir });
  createEngine();
  project.provide('preparedIndexDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
