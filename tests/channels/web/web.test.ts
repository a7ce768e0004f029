import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mountWeb } from '../../../src/channels/web/routes.js';
import { QuestionGuard } from '../../../src/answer/guard.js';
import { coreFor } from '../../../src/server/core.js';
import { testEngine } from '../../helpers/engine.js';

const engine = testEngine();
let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  // The core with a small per-user limit (the client's IP address), so the test can reach it.
  const core = coreFor(engine, 'nl', new QuestionGuard({ perUser: { limit: 4, windowMs: 60_000 } }));
  mountWeb(app, { answer: (q, asker) => core.answer(q, asker) });
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

  it('refuses an empty question; an oversized one gets a notice naming the limit', async () => {
    const post = (question: unknown) =>
      fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
    expect((await post('')).status).toBe(400);
    const big = await post('x'.repeat(5000));
    expect(big.status).toBe(200);
    const body = await big.json();
    expect(body.reply).toMatchObject({ kind: 'notice', question: '' });
    expect(body.reply.intro[0]).toContain('1000');
    expect(body.html).toContain('1000');
    expect(body.html).not.toContain('xxxxxxxxxx');
  });

  it('limits questions per client with a friendly notice', async () => {
    const ask = async () =>
      (
        await (
          await fetch(`${base}/api/ask`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ question: 'Hoe bouw je wederzijds vertrouwen op?' }),
          })
        ).json()
      ).reply;
    // One question was answered above; the limit is 4 a minute.
    const kinds = [];
    for (let i = 0; i < 4; i += 1) kinds.push((await ask()).kind);
    expect(kinds).toEqual(['answer', 'answer', 'answer', 'notice']);
    const refused = await ask();
    expect(refused.kind).toBe('notice');
    expect(refused.intro[0]).toMatch(/Wacht ongeveer \d+ seconden/);
  });
});
