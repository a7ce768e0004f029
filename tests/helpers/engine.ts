import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../src/answer/engine.js';

let shared: Engine | undefined;

/** One engine per test file, with its index in a temporary folder so tests never touch knowledge/index. */
export function testEngine(): Engine {
  shared ??= createEngine({ indexDir: mkdtempSync(join(tmpdir(), 'samen-index-')) });
  return shared;
}
