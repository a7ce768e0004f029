import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patient } from '../helpers/time.js';

/**
 * npm start's process as on a fresh clone (no index, no database, no settings: Teams in local mode, logs at info),
 * started once for this file: what it prints until it is ready, then SIGTERM → exits 0 within the bound, with the
 * database closed.
 */
describe('npm start', () => {
  let child: ChildProcess;
  let output = '';
  let exited: Promise<number | null>;
  /** What it printed up to and with its ready line. */
  let startUp: string[];
  let url: string;

  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (!/^(SLACK_|TEAMS_|MICROSOFT_|DATABASE_URL|OPENAI_|SAMEN_|LOG_LEVEL|NODE_ENV|WEB_CHAT_)/.test(k)) env[k] = v;
    }
    Object.assign(env, {
      PORT: '0',
      HOST: '127.0.0.1',
      SAMEN_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'samen-start-data-')), 'data'),
      SAMEN_INDEX_DIR: mkdtempSync(join(tmpdir(), 'samen-start-index-')),
    });
    // What `npm start` runs.
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const look = () => {
        const lines = output.split('\n');
        const ready = lines.findIndex((l) => l.startsWith('Samen is ready'));
        if (ready >= 0) {
          startUp = lines.slice(0, ready + 1);
          resolve();
        }
      };
      child.stdout?.on('data', look);
      void exited.then((code) => reject(new Error(`exited ${code} before it was ready:\n${output}`)));
    });
    url = /http:\/\/127\.0\.0\.1:\d+/.exec(startUp.at(-1)!)![0];
  }, patient(150_000));

  afterAll(() => {
    // Also when a test failed or timed out: no server is left running.
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('says what it does while it starts, in plain lines, and ends with a ready line naming the page and /readyz', async () => {
    expect(startUp[0], output).toBe('Starting Samen (loading its code)…');
    expect(startUp).toContain('Building the search index (no index on disk)…');
    expect(startUp.some((l) => /^ {2}search index saved in .* \(\d+\.\d s\)$/.test(l)), output).toBe(true);
    expect(startUp.some((l) => l.startsWith('Opening the embedded database in ') && l.endsWith('(creating it: this first time takes a while)…'))).toBe(true);
    // No log line (JSON) and no alarm among the lines for a person: Teams' local mode is one line.
    expect(startUp.filter((l) => l.startsWith('{')), output).toEqual([]);
    expect(startUp.filter((l) => l.includes('!!!'))).toEqual([]);
    expect(startUp.filter((l) => l.includes('Teams'))).toEqual([
      `  Teams: local mode at ${url}/api/messages, for the Bot Framework Emulator or Agents Playground on this machine (no MICROSOFT_APP_ID, so no tokens are checked; for Teams itself see manifest/teams/README.md, TEAMS_ENABLED=false turns it off)`,
    ]);
    expect(startUp.at(-1)).toBe(`Samen is ready: open ${url}/ for the web chat (readiness: ${url}/readyz)`);
    // What the ready line names works.
    expect((await fetch(`${url}/readyz`)).status, output).toBe(200);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('exits 0 within 20 s of SIGTERM', { timeout: patient(60_000) }, async () => {
    const started = Date.now();
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
    expect(code, output).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
