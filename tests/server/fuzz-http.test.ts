/**
 * Holding the line of issue 18: malformed and oversized bodies at every HTTP route of the
 * real server (the web chat's API and pages, Slack's endpoint with valid signatures, Teams'
 * endpoint unauthenticated as with the Emulator, the probes). Each kind of payload Samen
 * takes is sent with a few of its fields deleted or replaced by hostile values, next to raw
 * garbage and bodies over each route's limit. Asserted: no 5xx, no stack text or file path
 * in any answer, no listener failing on what it was given, and /healthz answering within a
 * generous bound while the requests run.
 *
 * Bounded: a fixed number of batches sent in parallel, with a fixed seed. Slack's routing
 * ids (action_id, callback_id, the command) are left alone: a well-formed interaction that
 * no listener takes waits for Bolt's 3-second acknowledgement timeout (a 404), which would
 * only make the run long.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../src/support/slack-signature.js';
import { FAKE_TEAM } from '../../src/support/fake-slack.js';
import { SIGNING_SECRET } from '../helpers/slack-harness.js';
import { startEveryChannel, type EveryChannel } from '../helpers/every-channel.js';
import { blockAction, eventCallback, mentionEvent, messageEvent } from '../helpers/slack-requests.js';
import { feedbackInvoke, installedActivity, messageActivity } from '../../src/support/teams-activities.js';

const BATCHES = 22;
const BATCH_SIZE = 10;
/** Generous for a slow, busy 2-core machine; a blocked event loop takes seconds. */
const HEALTHZ_BOUND_MS = 2_500;

let s: EveryChannel;

beforeAll(async () => {
  s = await startEveryChannel();
});
afterAll(() => s?.close());

// ---- hostile values and mutations ----

const deep = (n: number): unknown => (n === 0 ? 'bottom' : { a: [deep(n - 1)] });
const HOSTILE: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  '',
  ' ',
  '\u0000\u202e',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'constructor',
  '{"not":"parsed"}',
  'x'.repeat(4_000),
  'Jan Jansen 06-12345678 BSN 123456782',
  {},
  [],
  [null],
  { toString: 'x', valueOf: 'y' },
  { constructor: { prototype: {} } },
  deep(60),
];
const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 40 }), fc.integer(), fc.json({ maxDepth: 2 }).map((j) => JSON.parse(j)));

/** Every path to a field of a payload (objects and arrays, depth first), except the routing ids. */
function paths(value: unknown, skip: ReadonlySet<string>, prefix: string[] = []): string[][] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (skip.has(k) ? [] : [[...prefix, k], ...paths(v, skip, [...prefix, k])]));
}

type Mutation = { at: number; value: unknown; remove: boolean };
const mutations = fc.array(fc.record({ at: fc.nat(), value: hostile, remove: fc.boolean() }), { minLength: 1, maxLength: 3 });

/** A copy of payload with each mutation applied at one of its fields (chosen by index). */
function mutate<T>(payload: T, changes: Mutation[], skip: ReadonlySet<string> = new Set()): T {
  const copy = structuredClone(payload);
  for (const { at, value, remove } of changes) {
    const all = paths(copy, skip);
    if (all.length === 0) break;
    const path = all[at % all.length];
    const parent = path.slice(0, -1).reduce<any>((o, k) => o?.[k], copy);
    if (!parent || typeof parent !== 'object') continue;
    const key = path[path.length - 1];
    if (remove) delete parent[key];
    else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

// ---- requests ----

interface Request {
  what: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  contentType?: string;
  /** Sign the body as Slack does. */
  slack?: boolean;
}

const json = (what: string, path: string, body: unknown, extra: Partial<Request> = {}): Request => ({
  what,
  method: 'POST',
  path,
  body: JSON.stringify(body),
  contentType: 'application/json',
  ...extra,
});
const form = (what: string, fields: Record<string, unknown>): Request => {
  const f = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    for (const one of Array.isArray(v) ? v : [v]) f.append(k, typeof one === 'string' ? one : JSON.stringify(one));
  }
  return { what, method: 'POST', path: '/slack/events', body: f.toString(), contentType: 'application/x-www-form-urlencoded', slack: true };
};
/** Over each route's limit: /api/ask 16 KB, /api/submit 64 KB, Teams and Slack 1 MB. */
const oversized = (path: string, bytes: number, slack = false): Request =>
  json(`oversized ${path}`, path, { question: 'x'.repeat(bytes), data: { samen: 'ask', question: 'x' } }, { slack });

const SLACK_ROUTING = new Set(['action_id', 'callback_id', 'command']);
const button = { type: 'button', action_id: 'samen_ask:0', text: { type: 'plain_text', text: 'q' }, value: 'Wat helpt bij onduidelijke rollen?' };
const slackPayloads: Array<{ kind: 'event' | 'interaction' | 'command' | 'json'; payload: Record<string, unknown> }> = [
  { kind: 'event', payload: eventCallback(mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0FUZZ' })) },
  { kind: 'event', payload: eventCallback(messageEvent('Wat helpt bij onduidelijke rollen?', { channel: 'D0FUZZ', channelType: 'im' })) },
  { kind: 'event', payload: eventCallback({ type: 'app_home_opened', user: 'U0FUZZ', channel: 'D0FUZZ', tab: 'home', event_ts: '1.1' }) },
  {
    kind: 'event',
    payload: eventCallback({
      type: 'assistant_thread_started',
      assistant_thread: { user_id: 'U0FUZZ', channel_id: 'D0FUZZ', thread_ts: '1700000000.000001', context: {} },
      event_ts: '1.1',
    }),
  },
  { kind: 'json', payload: { token: 't', challenge: 'c-fuzz', type: 'url_verification' } },
  { kind: 'interaction', payload: blockAction(button, { channel: 'C0FUZZ', messageTs: '1700000000.000002', responseUrl: 'http://127.0.0.1:1/r' }) },
  {
    kind: 'interaction',
    payload: {
      type: 'view_submission',
      team: { id: FAKE_TEAM.team_id },
      user: { id: 'U0FUZZ', team_id: FAKE_TEAM.team_id },
      view: {
        id: 'V0FUZZ',
        callback_id: 'samen_ask_modal',
        private_metadata: '',
        state: { values: { question: { question_input: { type: 'plain_text_input', value: 'Wat helpt?' } } } },
      },
    },
  },
  {
    kind: 'command',
    payload: {
      command: '/samen',
      text: 'help',
      team_id: FAKE_TEAM.team_id,
      channel_id: 'C0FUZZ',
      user_id: 'U0FUZZ',
      response_url: 'http://127.0.0.1:1/r',
      trigger_id: '1.t',
    },
  },
];

const slackRequest = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.tuple(fc.constantFrom(...slackPayloads), mutations).map(([{ kind, payload }, changes]): Request => {
      const mutated = mutate(payload, changes, SLACK_ROUTING);
      if (kind === 'interaction') return form('slack interaction', { payload: mutated });
      if (kind === 'command') return form('slack command', mutated);
      return json(`slack ${kind}`, '/slack/events', mutated, { slack: true });
    }),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 3 }), fc.constantFrom('null', 'payload=null', 'payload=%7B', '[]', '"x"')), fc.boolean())
      .map(([body, asForm]): Request => ({
        what: 'slack raw',
        method: 'POST',
        path: '/slack/events',
        body,
        contentType: asForm ? 'application/x-www-form-urlencoded' : 'application/json',
        slack: true,
      })),
  },
  { weight: 1, arbitrary: fc.constant(oversized('/slack/events', 1024 * 1024 + 1, true)) },
);

const teamsBase = () => {
  const serviceUrl = s.connector.serviceUrl;
  return [
    messageActivity({ serviceUrl, text: 'Wat helpt bij onduidelijke rollen?' }),
    messageActivity({ serviceUrl, text: 'What helps?', scope: 'channel', mention: true }),
    messageActivity({ serviceUrl, value: { samen: 'goals', version: 0, language: 'nl', alias: 'gezin-F1', goal1_text: 'Naar school' } }),
    messageActivity({ serviceUrl, value: { samen: 'reminder', action: 'done', reminderId: 'r1', occurrence: '2026-01-01' } }),
    { ...messageActivity({ serviceUrl }), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', data: { samen: 'reminder', action: 'skip', reminderId: 'r', occurrence: 'o' } } } },
    feedbackInvoke({ serviceUrl, replyToId: '1', reaction: 'like' }),
    installedActivity(serviceUrl),
  ] as Record<string, unknown>[];
};
// The serviceUrl stays loopback: anything else is refused before the activity is read.
const TEAMS_KEPT = new Set(['serviceUrl']);

const teamsRequest = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.tuple(fc.nat(), mutations).map(([i, changes]): Request => {
      const bases = teamsBase();
      return json('teams activity', '/api/messages', mutate(bases[i % bases.length], changes, TEAMS_KEPT));
    }),
  },
  { weight: 2, arbitrary: fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 3 })).map((body): Request => ({ what: 'teams raw', method: 'POST', path: '/api/messages', body, contentType: 'application/json' })) },
  { weight: 1, arbitrary: fc.constant(oversized('/api/messages', 1024 * 1024 + 1)) },
);

const submitBases: Record<string, unknown>[] = [
  { samen: 'ask', question: 'Wat helpt bij onduidelijke rollen?', all: true },
  { samen: 'feedback', rating: 'helpful', findingIds: ['fmcp-1'] },
  { samen: 'goals', version: 0, language: 'nl', alias: 'gezin-F2', goal1_text: 'Naar school', roles: 'Wijkteam' },
  { samen: 'reminder', action: 'snooze', reminderId: 'preview', occurrence: '2026-01-01' },
];

const webRequest = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom(...submitBases), mutations).map(([data, changes]) => json('web submit', '/api/submit', mutate({ data }, changes))),
  },
  { weight: 2, arbitrary: mutations.map((changes) => json('web ask', '/api/ask', mutate({ question: 'Wat helpt bij onduidelijke rollen?' }, changes))) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('/api/ask', '/api/submit'), fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 3 }), fc.constantFrom('{', 'null', '[]', '{"data":null}')))
      .map(([path, body]): Request => ({ what: 'web raw', method: 'POST', path, body, contentType: 'application/json' })),
  },
  { weight: 1, arbitrary: fc.constantFrom(oversized('/api/ask', 16 * 1024 + 1), oversized('/api/submit', 64 * 1024 + 1)) },
);

const otherRequest = fc
  .tuple(fc.constantFrom('/', '/healthz', '/readyz', '/vendor/', '/assets/', '/nope/', '/slack/events', '/api/messages'), fc.webSegment(), fc.constantFrom<'GET' | 'POST'>('GET', 'POST'), fc.string({ maxLength: 50 }))
  .map(([base, segment, method, body]): Request => ({
    what: 'other route',
    method,
    path: base.endsWith('/') && base !== '/' ? `${base}${segment}` : base,
    ...(method === 'POST' ? { body, contentType: 'text/plain' } : {}),
    // A GET of Slack's endpoint is unsigned, a POST signed.
    slack: base === '/slack/events' && method === 'POST',
  }));

const anyRequest = fc.oneof(
  { weight: 5, arbitrary: slackRequest },
  { weight: 4, arbitrary: teamsRequest },
  { weight: 3, arbitrary: webRequest },
  { weight: 1, arbitrary: otherRequest },
);

// ---- sending and checking ----

/** Stack frames, file paths, express's HTML error page: internals an answer must not show. */
const INTERNALS = [
  /\bat (?:async )?\S*\s*\(?(?:file:\/\/|node:|\/|[A-Z]:\\)\S*:\d+:\d+/,
  /\/node_modules\//,
  /<pre>\w*Error/,
  new RegExp(process.cwd().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
];

async function send(r: Request): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {};
  if (r.contentType) headers['content-type'] = r.contentType;
  if (r.slack) Object.assign(headers, signSlackRequest(SIGNING_SECRET, r.body ?? ''));
  const res = await fetch(`${s.server.url}${r.path}`, { method: r.method, headers, body: r.method === 'POST' ? r.body : undefined });
  return { status: res.status, text: await res.text() };
}

async function healthzMs(): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${s.server.url}/healthz`);
  await res.text();
  expect(res.status).toBe(200);
  return performance.now() - started;
}

describe('malformed and oversized input at every route (fuzz)', () => {
  it(`${BATCHES} batches of ${BATCH_SIZE}: no 5xx, no internals in any answer, /healthz answers meanwhile`, { timeout: 240_000 }, async () => {
    const logged = s.logLines.length;
    let slowestHealthz = 0;
    let sent = 0;
    /** How often each kind of request got each status. */
    const statuses = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(anyRequest, { minLength: BATCH_SIZE, maxLength: BATCH_SIZE }), async (batch) => {
        const [health, ...answers] = await Promise.all([
          // Sent just after the batch, so it queues behind whatever the batch makes the server do.
          new Promise<number>((resolve, reject) => setTimeout(() => healthzMs().then(resolve, reject), 5)),
          ...batch.map(send),
        ]);
        sent += batch.length;
        slowestHealthz = Math.max(slowestHealthz, health);
        answers.forEach((answer, i) => {
          const r = batch[i];
          const key = `${r.what} ${answer.status}`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
          const where = `${r.what}: ${r.method} ${r.path} ${(r.body ?? '').slice(0, 300)} → ${answer.status} ${answer.text.slice(0, 300)}`;
          expect(answer.status, where).toBeLessThan(500);
          for (const pattern of INTERNALS) expect(answer.text, where).not.toMatch(pattern);
        });
        expect(health, 'ms for /healthz beside the batch').toBeLessThan(HEALTHZ_BOUND_MS);
      }),
      // A failing batch is reported as it is: shrinking resends requests and would unbound the run.
      { numRuns: BATCHES, seed: 18, endOnFailure: true },
    );
    expect(sent).toBe(BATCHES * BATCH_SIZE);
    // The run reached past the edges too: some mutated payloads were still well-formed and answered.
    const seen = (what: string, status: number) => (statuses.get(`${what} ${status}`) ?? 0) > 0;
    expect(['slack event', 'teams activity', 'web submit'].filter((what) => seen(what, 200))).toHaveLength(3);
    expect(seen('oversized /api/messages', 413) && seen('oversized /slack/events', 413)).toBe(true);

    // Let the acknowledged work finish, then: no listener or turn failed on what it was given.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const failures = s.logLines
      .slice(logged)
      .map((l) => JSON.parse(l))
      .filter((l) => /unhandled Slack listener error|processing an acknowledged event failed|Teams turn failed|request failed/.test(l.msg));
    expect(failures).toEqual([]);
    expect(slowestHealthz).toBeLessThan(HEALTHZ_BOUND_MS);
  });
});
