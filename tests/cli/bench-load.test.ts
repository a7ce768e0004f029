/**
 * `npm run bench:load` works end to end: a few seconds, a small count, few conversations.
 * The floors themselves (p99 < 100 ms at 100 concurrent) are not asserted here, where other
 * test files share the cores; only that every question was acknowledged and answered on
 * both channels, and that the report has its figures.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { patient } from '../helpers/time.js';

const root = resolve(__dirname, '../..');
// The run's prepared index (tests/helpers/global-setup.ts): loaded, not built again.
const indexDir = inject('preparedIndexDir');

describe('bench:load', () => {
  it('drives Slack and Teams together and reports acknowledgements, answers, errors and memory', { timeout: patient(120_000) }, () => {
    const out = spawnSync(
      join(root, 'node_modules/.bin/tsx'),
      ['src/cli/bench-load.ts', '--seconds', '3', '--count', '120', '--concurrency', '10', '--warmup', '10', '--json'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, SAMEN_INDEX_DIR: indexDir }, timeout: patient(110_000) },
    );
    expect(out.status, out.stderr).not.toBe(2);
    const lines = out.stdout.trim().split('\n');
    const report = JSON.parse(lines.at(-1)!);
    expect(out.stdout).toMatch(/slack\s+acks: \d+\/\d+/);
    expect(out.stdout).toMatch(/teams\s+acks: \d+\/\d+/);
    expect(out.stdout).toMatch(/memory: RSS/);
    expect(out.stdout).toMatch(/PASS|FAIL/);
    expect(report.errors.total).toBe(0);
    for (const channel of ['slack', 'teams']) {
      const c = report.channels[channel];
      expect(c.acked).toBeGreaterThan(0);
      expect(c.acked).toBe(c.sent);
      expect(c.answered).toBe(c.acked);
      expect(c.latency.p99).toBeGreaterThan(0);
    }
    expect(report.channels.slack.sent + report.channels.teams.sent).toBeLessThanOrEqual(120);
    expect(report.memory.peakMB.rss).toBeGreaterThan(0);
    expect(Number.isFinite(report.memory.heapGrowthMB)).toBe(true);
    // The exit code follows the verdict.
    expect(out.status).toBe(report.ok ? 0 : 1);
  });
});
