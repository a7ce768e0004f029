import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mountWeb } from '../../../src/channels/web/routes.js';
import { testEngine } from '../../helpers/engine.js';

const engine = testEngine();
let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  mountWeb(app, { answer: (q) => engine.answer(q) });
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe('local web chat', () => {
  it('serves the chat page', async () => {
    const res = await fetch(`${base}/`);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<form id="ask"');
  });

  it('answers a question with the reply model and escaped HTML with its sources', async () => {
    const res = await fetch(`${base}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Wat helpt bij onduidelijke rollen? <script>' }),
    });
    const body = await res.json();
    expect(body.reply.kind).toBe('answer');
    expect(body.html).toContain('Bronnen');
    expect(body.html).toContain('id="c1"');
    expect(body.html).not.toContain('<script>');
  });

  it('refuses an empty or oversized question with a clear message', async () => {
    const post = (question: unknown) =>
      fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
    expect((await post('')).status).toBe(400);
    const big = await post('x'.repeat(5000));
    expect(big.status).toBe(413);
    expect((await big.json()).error).toContain('at most');
  });
});
