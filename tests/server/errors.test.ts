/**
 * The error handler every route family ends with (issue 18, defect 3): a JSON {error} with
 * the status, never an error's message or stack, in development too; a failure is logged as
 * one JSON line.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonErrors } from '../../src/channels/http-errors.js';

const lines: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.set('env', 'development');
  app.get('/fails', () => {
    throw new Error('cannot read /work/main/src/secret.ts for token xoxb-123');
  });
  app.get('/refused', () => {
    throw Object.assign(new Error('Forbidden: see /work/main/src/x.ts'), { status: 403 });
  });
  app.post('/json', express.json({ limit: '1kb' }), (_req, res) => void res.json({ ok: true }));
  app.use(jsonErrors(pino({ level: 'info' }, { write: (l: string) => void lines.push(l) }), 'test'));
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const post = (body: string) => fetch(`${base}/json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('jsonErrors', () => {
  it('answers a failure with 500 {"error":"internal_error"} and logs it as one JSON line', async () => {
    const res = await fetch(`${base}/fails`);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.text()).toBe('{"error":"internal_error"}');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({ level: 50, family: 'test', path: '/fails', error: 'Error' });
    // One line: the stack is inside the JSON, escaped.
    expect(lines[0].trimEnd()).not.toContain('\n');
  });

  it('keeps a client error’s status, not its message', async () => {
    const res = await fetch(`${base}/refused`);
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('{"error":"forbidden"}');
  });

  it('answers a body that is not JSON with 400 and a too large one with 413, without body-parser’s text', async () => {
    const bad = await post('{');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('{"error":"invalid_json"}');
    const big = await post(JSON.stringify({ x: 'y'.repeat(4096) }));
    expect(big.status).toBe(413);
    expect(await big.text()).toBe('{"error":"payload_too_large"}');
  });
});
