import { availableParallelism, loadavg } from 'node:os';

/**
 * How much slower than a quiet machine this run may be: TEST_TIME_FACTOR when set, else the load already on the
 * machine when the run starts (runnable processes per core, at least 1, at most 4), at least 2 in CI. On a 2-core
 * machine shared with other work, tests that pass alone ran out of time; a time-out is for a test that hangs, so it
 * may be generous, and stretching it costs nothing when nothing hangs. vitest.config.ts measures it once and hands it
 * to the test workers in TEST_TIME_FACTOR, so that every file scales by the same factor.
 */
export function timeFactor(): number {
  const given = Number(process.env.TEST_TIME_FACTOR);
  if (given > 0) return given;
  return Math.max(process.env.CI ? 2 : 1, Math.min(4, loadavg()[0] / availableParallelism()));
}

/** A test's or hook's own time-out, stretched by the run's time factor. */
export function patient(ms: number): number {
  return Math.round(ms * timeFactor());
}
