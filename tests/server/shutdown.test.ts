import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** npm start's process: ready, then SIGTERM → exits 0 within the bound, with the database closed. */
describe('graceful shutdown', () => {
  it('exits 0 within 20 s of SIGTERM', { timeout: 90_000 }, async () => {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (!/^(SLACK_|TEAMS_|MICROSOFT_|DATABASE_URL|OPENAI_|SAMEN_)/.test(k)) env[k] = v;
    }
    Object.assign(env, {
      PORT: '0',
      HOST: '127.0.0.1',
      TEAMS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      SAMEN_DATA_DIR: mkdtempSync(join(tmpdir(), 'samen-shutdown-data-')),
      SAMEN_INDEX_DIR: mkdtempSync(join(tmpdir(), 'samen-shutdown-index-')),
    });
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start-up banner in 60 s:\n${output}`)), 60_000);
        const look = () => {
          const m = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
          if (m) {
            clearTimeout(timer);
            resolve(m[0]);
          }
        };
        child.stdout.on('data', look);
        void exited.then((code) => reject(new Error(`exited ${code} before start-up:\n${output}`)));
      });
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status, output).toBe(200);

      const started = Date.now();
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
      expect(code, output).toBe(0);
      expect(Date.now() - started).toBeLessThan(20_000);
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
