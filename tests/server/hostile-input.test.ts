/**
 * Issue 18, defects 2, 3 and 8, on the real server with every channel on: malformed input
 * gets a clear 4xx (or the platform's acknowledgement) and loses nothing; an error's answer
 * is a JSON {error} without a stack; a Slack timestamp from the future is refused; Slack's
 * channel and ts go into the logs only when they have Slack's shape.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEveryChannel, type EveryChannel } from '../helpers/every-channel.js';
import { blockAction, eventCallback, mentionEvent, messageEvent } from '../helpers/slack-requests.js';
import { feedbackInvoke, messageActivity, post } from '../../src/support/teams-activities.js';

let s: EveryChannel;

beforeAll(async () => {
  s = await startEveryChannel();
});
afterAll(() => s?.close());
afterEach(() => {
  vi.restoreAllMocks();
});

/** What the server logged at error level or above since `from`. */
const errorsLogged = (from: number) =>
  s.logLines
    .slice(from)
    .map((l) => JSON.parse(l))
    .filter((l) => l.level >= 50);

/** Polls until found() gives something (log lines arrive after the traffic that caused them). */
async function until<T>(found: () => T | undefined, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = found();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** No stack frame, no file path, no HTML: an error answer says what, not where. */
function expectNoInternals(text: string) {
  expect(text).not.toMatch(/\bat \S+ \(|\bat (file|node):|<pre>|<html|\/node_modules\/|\/work\/|\/home\/|[A-Z]:\\/);
}

describe('bad input gets a clear 4xx and loses nothing (defect 2)', () => {
  it('web chat: a card submit with an object for its version is a 400; the chat answers on', async () => {
    const res = await post(`${s.server.url}/api/submit`, { data: { samen: 'goals', version: { toString: 'x' } } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: expect.any(String) });
    for (const data of [{ samen: 'feedback', rating: 'helpful', findingIds: 'x' }, { samen: 'ask', question: 5 }, { samen: 'reminder' }]) {
      expect((await post(`${s.server.url}/api/submit`, { data })).status).toBe(400);
    }
    expect((await post(`${s.server.url}/api/ask`, { question: { toString: 'x' } })).status).toBe(400);
    const asked = await post(`${s.server.url}/api/ask`, { question: 'Wat helpt bij onduidelijke rollen?' });
    expect(asked.status).toBe(200);
  });

  it('Slack: signed bodies that are not Slack’s are refused with 400 at once; nothing reaches a listener', async () => {
    const logged = s.logLines.length;
    const calls = s.fake.calls.length;
    const button = { action_id: 'samen_ask:0', text: { type: 'plain_text', text: 'q' }, value: 'Wat helpt?', type: 'button' };
    const click = blockAction(button, { responseUrl: s.fake.responseUrl('hostile'), channel: 'C0HOSTILE', messageTs: '1.1' });
    const sent = [
      await s.slack.send('null', 'application/json'),
      await s.slack.send('[]', 'application/json'),
      await s.slack.send('{"type":"event_callback"}', 'application/json'),
      await s.slack.send('payload=null', 'application/x-www-form-urlencoded'),
      await s.slack.send('payload=%7B', 'application/x-www-form-urlencoded'),
      await s.slack.send('command=%2Fsamen', 'application/x-www-form-urlencoded'),
      await s.slack.interaction({ type: 'block_actions' }),
      await s.slack.interaction({ ...click, actions: null }),
      await s.slack.interaction({ ...click, actions: [{}] }),
      await s.slack.interaction({ ...click, user: undefined }),
      await s.slack.interaction({ type: 'view_submission', user: { id: 'U0ASKER' } }),
      await s.slack.event(eventCallback({ ...messageEvent('x', { channelType: 'im', channel: 'D0HOSTILE' }), text: 5 })),
      await s.slack.event(eventCallback({ ...mentionEvent('Wat helpt?', { channel: 'C0HOSTILE' }), channel: ['C0HOSTILE'] })),
      await s.slack.event(eventCallback({ type: 'assistant_thread_started', assistant_thread: null })),
    ];
    for (const r of sent) {
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text)).toEqual({ error: 'bad_request' });
      // Not Bolt's 3-second wait for an acknowledgement that never comes.
      expect(r.ms).toBeLessThan(2_000);
    }
    await s.fake.settle(300);
    expect(s.fake.calls.slice(calls)).toEqual([]);
    expect(errorsLogged(logged)).toEqual([]);

    // A well-formed question is answered as before.
    await s.slack.event(eventCallback(messageEvent('Wat helpt bij onduidelijke rollen?', { channelType: 'im', channel: 'D0HOSTILE' })));
    await s.fake.waitFor(() => s.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'D0HOSTILE'));
  });

  it('Teams: malformed activities are a 400, an invoke Samen does not handle a 400, never a 5xx', async () => {
    const url = `${s.server.url}/api/messages`;
    const logged = s.logLines.length;
    const message = (o: Record<string, unknown> = {}) => ({ ...messageActivity({ serviceUrl: s.connector.serviceUrl, text: 'Wat helpt?' }), ...o });
    const refused = [
      message({ type: 123 }),
      message({ text: 5 }),
      message({ conversation: { id: 5 } }),
      message({ entities: 'x' }),
      message({ from: null }),
      message({ value: { samen: 'goals', version: { toString: 'x' } } }),
      message({ type: 'invoke', name: 'adaptiveCard/action', value: null }),
      message({ type: 'invoke', name: 'adaptiveCard/action', value: {} }),
      { ...feedbackInvoke({ serviceUrl: s.connector.serviceUrl, replyToId: '1', reaction: 'like' }), value: null },
    ];
    for (const activity of refused) {
      const res = await post(url, activity);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: 'bad_request' });
    }
    // Well-formed, but nothing Samen does: the invoke error Teams shows, not botbuilder's 501.
    for (const activity of [
      message({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'x', data: null } } }),
      message({ type: 'invoke', name: 'composeExtension/query', value: {} }),
    ]) {
      const res = await post(url, activity);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    }
    expect(errorsLogged(logged)).toEqual([]);

    const ok = message({ text: 'Wat helpt bij onduidelijke rollen?' });
    expect((await post(url, ok)).status).toBe(200);
    await s.connector.waitFor((r) => r.activityId === ok.id);
  });
});

describe('errors do not leak internals (defect 3)', () => {
  it('a body that is not JSON, or too large, gets a JSON {error} on every route, with nothing printed', async () => {
    const printed = vi.spyOn(console, 'error');
    const warned = vi.spyOn(console, 'warn');
    const logged = s.logLines.length;
    const json = { 'content-type': 'application/json' };
    const send = (path: string, body: string) => fetch(`${s.server.url}${path}`, { method: 'POST', headers: json, body });
    const big = JSON.stringify({ question: 'x'.repeat(2 * 1024 * 1024) });
    const cases: Array<[string, string, number]> = [
      ['/api/ask', '{', 400],
      ['/api/submit', '{', 400],
      ['/api/messages', '{', 400],
      ['/api/ask', big, 413],
      ['/api/submit', big, 413],
      ['/api/messages', big, 413],
      ['/slack/events', big, 413],
    ];
    for (const [path, body, status] of cases) {
      const res = await send(path, body);
      const text = await res.text();
      expect([path, res.status]).toEqual([path, status]);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(Object.keys(JSON.parse(text))).toEqual(['error']);
      expectNoInternals(text);
    }
    expect(printed).not.toHaveBeenCalled();
    expect(warned).not.toHaveBeenCalled();
    // The log is JSON lines only.
    for (const line of s.logLines.slice(logged)) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('Slack: a request signed with a timestamp six minutes in the future is refused like a stale one', async () => {
    const future = Math.floor(Date.now() / 1000) + 6 * 60;
    const event = eventCallback(mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0FUTURE' }));
    expect((await s.slack.event(event, { timestamp: future })).status).toBe(401);
    expect((await s.slack.event({ type: 'url_verification', challenge: 'c' }, { timestamp: future })).status).toBe(401);
    const command = await s.slack.command('/samen', 'Wat helpt?', { responseUrl: s.fake.responseUrl('future'), timestamp: future });
    expect(command.status).toBe(401);
    await s.fake.settle(300);
    expect(s.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0FUTURE')).toEqual([]);
    expect(s.fake.responsesTo('future')).toEqual([]);
  });
});

describe('Slack ids in the logs (defect 8)', () => {
  it('logs a channel or ts without Slack’s shape as "invalid", never its text', async () => {
    const logged = s.logLines.length;
    const channel = 'C0 Jan Jansen jan@example.nl';
    const ts = '1700000000.000100 BSN 123456782';
    await s.slack.event(eventCallback(mentionEvent('Wat helpt bij onduidelijke rollen?', { channel, ts })));
    const lines = () => s.logLines.slice(logged).map((l) => JSON.parse(l));
    const line = await until(() => lines().find((l) => l.listener === 'app_mention'), 'the listener’s log line');
    expect(line).toMatchObject({ channel: 'invalid', ts: 'invalid' });
    const text = s.logLines.slice(logged).join('\n');
    expect(text).not.toContain('Jansen');
    expect(text).not.toContain('123456782');

    // Ids of Slack's shape are logged as they are.
    const good = mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0LOGGED' });
    await s.slack.event(eventCallback(good));
    const goodLine = await until(() => lines().find((l) => l.listener === 'app_mention' && l.channel === 'C0LOGGED'), 'a log line');
    expect(goodLine.ts).toBe(good.ts);
  });
});
