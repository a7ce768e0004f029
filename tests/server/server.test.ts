import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/answer/engine.js';
import { parseConfig } from '../../src/config.js';
import { coreFor } from '../../src/conversation/core.js';
import { startServer } from '../../src/server/index.js';
import { FakeSlack } from '../../src/support/fake-slack.js';
import { SIGNING_SECRET } from '../helpers/slack-harness.js';
import { pino } from 'pino';
import { startQueue } from '../../src/storage/index.js';
import { freshSpace } from '../storage/helpers.js';

let engine: Engine;
const logger = pino({ level: 'silent' });

beforeAll(() => {
  engine = createEngine();
});

describe('startServer', () => {
  it('runs without Slack settings: /healthz answers, Slack’s path does not exist', async () => {
    const server = await startServer(parseConfig({ PORT: '0', HOST: '127.0.0.1' }), { core: coreFor(engine, 'nl'), logger });
    try {
      expect(server.channels.map((c) => c.name)).not.toContain('slack');
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect((await fetch(`${server.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('/readyz: 200 when the index, the database and the job queue are ready; 503 naming what is not', async () => {
    const db = await (await freshSpace('embedded')).open();
    const queue = await startQueue(db, { onError: () => {} });
    const server = await startServer(parseConfig({ PORT: '0', HOST: '127.0.0.1' }), {
      core: coreFor(engine, 'nl'),
      logger,
      readiness: { index: () => engine.index.findings.size > 0, database: db, jobQueue: queue },
    });
    try {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ready',
        checks: { server: 'ok', index: 'ok', database: 'ok', jobQueue: 'ok' },
      });

      // The job queue lives in the database: with the database down it is not ready either.
      await db.close();
      const dbDown = await fetch(`${server.url}/readyz`);
      expect(dbDown.status).toBe(503);
      expect(await dbDown.json()).toMatchObject({ status: 'not_ready', checks: { database: 'unreachable', jobQueue: 'unreachable' } });

      await queue.stop();
      expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({ checks: { jobQueue: 'stopped' } });
      // Alive all the same.
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
      await db.close();
    }
  });

  it('/readyz: 503 while the index is not loaded; parts the process does not use are not checked', async () => {
    const server = await startServer(parseConfig({ PORT: '0', HOST: '127.0.0.1' }), {
      core: coreFor(engine, 'nl'),
      logger,
      readiness: { index: () => false },
    });
    try {
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        status: 'not_ready',
        checks: { server: 'ok', index: 'not loaded', database: 'not used', jobQueue: 'not used' },
      });
    } finally {
      await server.close();
    }
  });

  describe('with Slack', () => {
    let fake: FakeSlack;
    beforeAll(async () => {
      fake = await FakeSlack.start();
    });
    afterAll(() => fake?.close());

    it('mounts Slack at /slack/events next to /healthz on one port', async () => {
      const server = await startServer(
        parseConfig({
          PORT: '0',
          HOST: '127.0.0.1',
          SLACK_BOT_TOKEN: 'xoxb-1',
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: fake.apiUrl,
        }),
        { core: coreFor(engine, 'nl'), logger },
      );
      try {
        expect(server.channels).toContainEqual({ name: 'slack', description: `Slack: HTTP mode at ${server.url}/slack/events` });
        // The token was verified at start-up.
        expect(fake.callsTo('auth.test').map((c) => c.token)).toContain('xoxb-1');
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
        // Unsigned requests to Slack's path are refused.
        expect((await fetch(`${server.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(401);
      } finally {
        await server.close();
      }
    });

    it('refuses to start with a token Slack rejects, naming the setting', async () => {
      fake.script('auth.test', { error: 'invalid_auth' });
      await expect(
        startServer(
          parseConfig({
            PORT: '0',
            HOST: '127.0.0.1',
            SLACK_BOT_TOKEN: 'xoxb-revoked',
            SLACK_SIGNING_SECRET: SIGNING_SECRET,
            SLACK_API_URL: fake.apiUrl,
          }),
          { core: coreFor(engine, 'nl'), logger },
        ),
      ).rejects.toThrow(/SLACK_BOT_TOKEN \(invalid_auth\)/);
    });
  });
});
