/**
 * Who may use the web chat (issue 18, defect 7): in production on a network address it is not
 * served without WEB_CHAT_TOKEN; with the token the page and the API want it (a bearer, or the
 * cookie of the login form); the banner says where Samen listens and whether the web chat is
 * protected; and the question limit is per client, so busy clients do not lock out the others.
 */
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuestionGuard } from '../../../src/answer/guard.js';
import { WebChat } from '../../../src/channels/web/chat.js';
import { mountWeb } from '../../../src/channels/web/routes.js';
import { ConfigError, isLoopbackHost, parseConfig, webChatSettings } from '../../../src/config.js';
import { banner } from '../../../src/server/banner.js';
import { coreFor } from '../../../src/conversation/core.js';
import { startServer, type RunningServer } from '../../../src/server/index.js';
import { testEngine } from '../../helpers/engine.js';

const engine = testEngine();
const logger = pino({ level: 'silent' });
const TOKEN = 'correct-horse-battery-staple-42';
const json = { 'content-type': 'application/json' };
const question = JSON.stringify({ question: 'Wat helpt bij onduidelijke rollen?' });

function serve(env: Record<string, string>): Promise<RunningServer> {
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TEAMS_ENABLED: 'false', ...env });
  return startServer(config, { core: coreFor(engine, config.SAMEN_LANGUAGE), logger });
}

describe('WEB_CHAT_TOKEN and when the web chat is served', () => {
  it('wants a token of at least 16 characters, without repeating it', () => {
    let error: unknown;
    try {
      parseConfig({ WEB_CHAT_TOKEN: 'geheim123' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('WEB_CHAT_TOKEN must be at least 16 characters');
    expect((error as ConfigError).message).not.toContain('geheim123');
    expect(parseConfig({ WEB_CHAT_TOKEN: '' }).WEB_CHAT_TOKEN).toBeUndefined();
  });

  it('refuses only in production on a non-loopback HOST without a token', () => {
    const settings = (env: Record<string, string>) => webChatSettings(parseConfig({ TEAMS_ENABLED: 'false', ...env }));
    expect(settings({})).toEqual({ status: 'open', loopback: true });
    expect(settings({ NODE_ENV: 'production' })).toEqual({ status: 'open', loopback: true });
    expect(settings({ NODE_ENV: 'production', HOST: 'localhost' })).toEqual({ status: 'open', loopback: true });
    expect(settings({ HOST: '0.0.0.0' })).toEqual({ status: 'open', loopback: false });
    expect(settings({ NODE_ENV: 'production', HOST: '0.0.0.0' })).toEqual({ status: 'refused' });
    expect(settings({ NODE_ENV: 'production', HOST: '10.0.0.5' })).toEqual({ status: 'refused' });
    expect(settings({ NODE_ENV: 'production', HOST: '0.0.0.0', WEB_CHAT_TOKEN: TOKEN })).toEqual({ status: 'protected', token: TOKEN });
    expect(settings({ NODE_ENV: 'production', HOST: '0.0.0.0', WEB_CHAT_ENABLED: 'false' })).toEqual({ status: 'disabled' });
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', '128.0.0.1', 'samen.example.org', '127.0.0.1.example.org']) expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('the server in production on 0.0.0.0', () => {
  it('does not serve the web chat without WEB_CHAT_TOKEN, says why in the banner, and runs the rest', async () => {
    const server = await serve({ NODE_ENV: 'production', HOST: '0.0.0.0' });
    try {
      expect(server.channels.map((c) => c.name)).not.toContain('web');
      expect((await fetch(`${server.url}/`)).status).toBe(404);
      expect((await fetch(`${server.url}/api/ask`, { method: 'POST', headers: json, body: question })).status).toBe(404);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const text = banner(parseConfig({ NODE_ENV: 'production', HOST: '0.0.0.0', TEAMS_ENABLED: 'false' }), server, 'embedded');
      expect(text).toContain('Web chat: off — refusing to serve it on 0.0.0.0 in production without WEB_CHAT_TOKEN');
      expect(text).toContain('Set WEB_CHAT_TOKEN');
      // Without the web chat the ready line names no page to open, only the readiness probe.
      expect(text.split('\n').at(-1)).toBe(`Samen is ready (readiness: ${server.url}/readyz)`);
    } finally {
      await server.close();
    }
  });

  it('serves it behind the login with WEB_CHAT_TOKEN, and the banner says so', async () => {
    const env = { NODE_ENV: 'production', HOST: '0.0.0.0', WEB_CHAT_TOKEN: TOKEN };
    const server = await serve(env);
    try {
      expect((await fetch(`${server.url}/api/ask`, { method: 'POST', headers: json, body: question })).status).toBe(401);
      const text = banner(parseConfig({ ...env, TEAMS_ENABLED: 'false' }), server, 'embedded');
      expect(text).toContain('Web chat: http://127.0.0.1:');
      expect(text).toContain('protected by WEB_CHAT_TOKEN');
      expect(text).not.toContain(TOKEN);
    } finally {
      await server.close();
    }
  });
});

describe('the banner', () => {
  it('shows the address the server listens on and whether the web chat has a login', async () => {
    for (const host of ['0.0.0.0', '127.0.0.1']) {
      const config = parseConfig({ PORT: '0', HOST: host, LOG_LEVEL: 'silent', TEAMS_ENABLED: 'false' });
      const server = await startServer(config, { core: coreFor(engine, 'nl'), logger });
      try {
        expect(server.host).toBe(host);
        const text = banner(config, server, 'embedded');
        expect(text.split('\n')[0]).toBe(
          `Samen is listening on ${host} port ${server.port} (${host === '0.0.0.0' ? 'every network interface' : 'this machine only'})`,
        );
        expect(text).toContain(`Health: http://127.0.0.1:${server.port}/healthz`);
        expect(text).toContain(
          host === '0.0.0.0'
            ? `(no login: anyone who reaches 0.0.0.0 can use it; set WEB_CHAT_TOKEN)`
            : '(no login: only this machine can reach it)',
        );
      } finally {
        await server.close();
      }
    }
  });
});

describe('the web chat with WEB_CHAT_TOKEN', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve({ WEB_CHAT_TOKEN: TOKEN, SAMEN_LANGUAGE: 'en' });
  });
  afterAll(() => server.close());

  const ask = (headers: Record<string, string> = {}) => fetch(`${server.url}/api/ask`, { method: 'POST', headers: { ...json, ...headers }, body: question });
  const login = (token: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ token }),
      redirect: 'manual',
    });

  it('answers the API only with the token as a bearer', async () => {
    const none = await ask();
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: 'unauthorized' });
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await ask({ authorization: 'Bearer not-the-token-at-all' })).status).toBe(401);
    const submit = await fetch(`${server.url}/api/submit`, { method: 'POST', headers: json, body: JSON.stringify({ data: { samen: 'feedback', rating: 'helpful', findingIds: [] } }) });
    expect(submit.status).toBe(401);

    const answered = await ask({ authorization: `Bearer ${TOKEN}` });
    expect(answered.status).toBe(200);
    expect((await answered.json()).reply.kind).toBe('answer');
  });

  it('shows a login form instead of the chat; the static files stay public', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(401);
    const html = await page.text();
    expect(html).toContain('<form id="login" method="post" action="login">');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Sign in');
    expect(html).not.toContain('<form id="ask"');
    expect((await fetch(`${server.url}/assets/chat.css`)).status).toBe(200);
    expect((await fetch(`${server.url}/vendor/adaptivecards.min.js`)).status).toBe(200);
    const withBearer = await fetch(`${server.url}/`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await withBearer.text()).toContain('<form id="ask"');
  });

  it('a wrong token shows the form again with a message, and sets no cookie', async () => {
    const wrong = await login('not-the-token-at-all');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const html = await wrong.text();
    expect(html).toContain('That access code is not right');
    expect(html).toContain('<form id="login"');
    expect(html).not.toContain('not-the-token-at-all');
  });

  it('the right token sets an HttpOnly, SameSite=Strict cookie (not the token) that opens the page and the API', async () => {
    const res = await login(TOKEN);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('./');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^samen_web=[\w-]+;/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain('Secure');
    expect(setCookie).not.toContain(TOKEN);
    const cookie = setCookie.split(';')[0];

    const page = await fetch(`${server.url}/`, { headers: { cookie: `theme=dark; ${cookie}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form id="ask"');
    const answered = await ask({ cookie });
    expect(answered.status).toBe(200);
    expect((await answered.json()).reply.kind).toBe('answer');
    // A made-up cookie does not.
    expect((await ask({ cookie: 'samen_web=forged' })).status).toBe(401);

    // Behind a TLS proxy the cookie is Secure.
    expect((await login(TOKEN, { 'x-forwarded-proto': 'https' })).headers.get('set-cookie')).toContain('Secure');
  });
});

describe('guessing the token', () => {
  it('is refused with 429 after 10 wrong tries per client; the form says to wait', async () => {
    const app = express();
    mountWeb(app, { answer: () => Promise.reject(new Error('not asked')), accessToken: TOKEN, language: 'nl' });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/login`;
    const login = (token: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }), redirect: 'manual' });
    try {
      for (let i = 0; i < 10; i += 1) expect((await login(`wrong-guess-number-${i}`)).status).toBe(401);
      const refused = await login(TOKEN);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('set-cookie')).toBeNull();
      expect(await refused.text()).toContain('Te veel mislukte pogingen');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('the question limit of the web chat', () => {
  // A small per-channel limit and a large per-user one: what used to lock out every client.
  const guard = () => new QuestionGuard({ perUser: { limit: 100, windowMs: 60_000 }, perChannel: { limit: 2, windowMs: 60_000 } });

  it('is per client: one client at its limit does not get another refused', async () => {
    const core = coreFor(engine, 'nl', guard());
    const chat = new WebChat({ answer: (q, asker) => core.answer(q, asker) });
    const kind = async (client: string) => (await chat.message('Wat helpt bij onduidelijke rollen?', { userId: client })).reply?.kind;
    expect([await kind('10.0.0.1'), await kind('10.0.0.1'), await kind('10.0.0.1')]).toEqual(['answer', 'answer', 'notice']);
    expect(await kind('10.0.0.2')).toBe('answer');
  });

  it('is per client address over HTTP', async () => {
    const core = coreFor(engine, 'nl', guard());
    const app = express();
    mountWeb(app, { answer: (q, asker) => core.answer(q, asker) });
    const server: Server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    // Two clients on this machine: the second connects from another loopback address (127.0.0.2).
    const askFrom = (localAddress: string) =>
      new Promise<string>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/api/ask', method: 'POST', headers: json, localAddress }, (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve(JSON.parse(body).reply.kind));
        });
        req.on('error', reject);
        req.end(question);
      });
    try {
      expect([await askFrom('127.0.0.1'), await askFrom('127.0.0.1'), await askFrom('127.0.0.1')]).toEqual(['answer', 'answer', 'notice']);
      expect(await askFrom('127.0.0.2')).toBe('answer');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
