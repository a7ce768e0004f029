/**
 * Structured request logs (issue 11): one line per request with method, path (no query),
 * status, outcome, duration and, for Slack and Teams, the channel kind; never message text,
 * user names or bodies. The real server, Slack (signed events to a fake Slack) and Teams
 * (unauthenticated, replies to a fake connector), with pino writing into an array.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { parseConfig } from '../../src/config.js';
import { coreFor } from '../../src/conversation/core.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { channelOf, outcomeOf } from '../../src/server/request-log.js';
import { testEngine } from '../helpers/engine.js';
import { FakeConnector } from '../../src/support/fake-connector.js';
import { FakeSlack } from '../../src/support/fake-slack.js';
import { SIGNING_SECRET } from '../helpers/slack-harness.js';
import { SlackSender, eventCallback, mentionEvent } from '../helpers/slack-requests.js';
import { USER, messageActivity, post } from '../../src/support/teams-activities.js';

const QUESTION = 'Hoe bouw je vertrouwen op tussen Pietje Puk en de wijkteams?';
const lines: Array<Record<string, any>> = [];
const raw: string[] = [];
let server: RunningServer;
let fake: FakeSlack;
let connector: FakeConnector;

beforeAll(async () => {
  fake = await FakeSlack.start();
  connector = await FakeConnector.start();
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      cb();
    },
  });
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SLACK_BOT_TOKEN: 'xoxb-0000-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  server = await startServer(config, { core: coreFor(testEngine(), 'nl'), logger: pino({ level: 'info' }, stream) });
});

afterAll(async () => {
  await server?.close();
  await fake?.close();
  await connector?.close();
});

const requestLines = () => lines.filter((l) => l.msg === 'request');

describe('request log', () => {
  it('writes one info line per request, without the query string', async () => {
    const before = requestLines().length;
    const res = await fetch(`${server.url}/healthz?token=secret&user=Jan`);
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    const mine = requestLines().slice(before);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ level: 30, component: 'http', method: 'GET', path: '/healthz', status: 200, outcome: 'ok' });
    expect(typeof mine[0].ms).toBe('number');
    expect(mine[0].channel).toBeUndefined();
    expect(JSON.stringify(mine[0])).not.toMatch(/secret|Jan/);
  });

  it('marks a refused request as a client error at warn', async () => {
    const before = requestLines().length;
    await fetch(`${server.url}/nowhere`);
    await new Promise((r) => setTimeout(r, 50));
    const mine = requestLines().slice(before);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ level: 40, path: '/nowhere', status: 404, outcome: 'client_error' });
  });

  it('logs a Slack event and a Teams activity with their channel kind and no message text or names', async () => {
    const before = requestLines().length;
    const slack = new SlackSender(`${server.url}/slack/events`, SIGNING_SECRET);
    const sent = await slack.event(eventCallback(mentionEvent(QUESTION, { user: 'U0PIETJE' })));
    expect(sent.status).toBe(200);
    await fake.waitForCall('chat.postMessage');

    const teams = await post(`${server.url}/api/messages`, messageActivity({ serviceUrl: connector.serviceUrl, text: QUESTION }));
    expect([200, 201, 202]).toContain(teams.status);
    await connector.waitFor((r) => r.activity?.type === 'message');
    await new Promise((r) => setTimeout(r, 100));

    const mine = requestLines().slice(before);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ method: 'POST', path: '/slack/events', status: 200, outcome: 'ok', channel: 'slack' });
    expect(mine[1]).toMatchObject({ method: 'POST', path: '/api/messages', outcome: 'ok', channel: 'teams' });
    expect(Object.keys(mine[0]).sort()).toEqual(
      ['channel', 'component', 'hostname', 'level', 'method', 'ms', 'msg', 'outcome', 'path', 'pid', 'status', 'time'].sort(),
    );
    // Nothing logged at info (any component) repeats the question, the asker's name or ids.
    const all = raw.join('\n');
    expect(all).not.toContain('Pietje');
    expect(all).not.toContain('vertrouwen');
    expect(all).not.toContain(USER.name);
    expect(all).not.toContain('U0PIETJE');
  });
});

describe('request log helpers', () => {
  it('names the channel by endpoint', () => {
    expect(channelOf('/slack/events')).toBe('slack');
    expect(channelOf('/api/messages')).toBe('teams');
    expect(channelOf('/')).toBeUndefined();
    expect(channelOf('/slackers')).toBeUndefined();
  });

  it('derives the outcome from status and completion', () => {
    expect(outcomeOf(200, true)).toBe('ok');
    expect(outcomeOf(302, true)).toBe('ok');
    expect(outcomeOf(401, true)).toBe('client_error');
    expect(outcomeOf(503, true)).toBe('server_error');
    expect(outcomeOf(200, false)).toBe('aborted');
  });
});
