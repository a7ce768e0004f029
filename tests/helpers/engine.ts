import { inject } from 'vitest';
import { createEngine, type Engine } from '../../src/answer/engine.js';

let shared: Engine | undefined;

/**
 * One engine per test file, loaded from the index the run prepared once in a temporary folder
 * (tests/helpers/global-setup.ts), so tests never touch knowledge/index and no file builds its own.
 */
export function testEngine(): Engine {
  shared ??= createEngine({ indexDir: inject('preparedIndexDir') });
  return shared;
}
