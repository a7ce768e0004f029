import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/answer/engine.js';
import { APP_TOKEN, BOT_TOKEN, startHarness, type Harness } from '../../helpers/slack-harness.js';
import { eventCallback, mentionEvent, messageEvent } from '../../helpers/slack-requests.js';
import { pino } from 'pino';
import { patient } from '../../helpers/time.js';

let engine: Engine;
let h: Harness;
const logLines: string[] = [];

beforeAll(async () => {
  engine = createEngine();
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  h = await startHarness(engine, { socketMode: true, logger });
});
afterAll(() => h?.close());

describe('Socket Mode', () => {
  it('connects with the app token through apps.connections.open', async () => {
    const open = h.fake.callsTo('apps.connections.open');
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open[0].token).toBe(APP_TOKEN);
    expect(h.fake.socketCount).toBe(1);
    expect(h.server.channels.map((c) => c.description).join()).toContain('Socket Mode');
    // No HTTP endpoint for Slack in Socket Mode.
    expect((await fetch(`${h.server.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('acknowledges and drops a payload that is not one Samen takes, before any listener reads it', async () => {
    const logged = logLines.length;
    const envelopes = [
      { type: 'events_api', payload: eventCallback({ ...messageEvent('x', { channel: 'D0SOCKBAD', channelType: 'im' }), text: 5 }) },
      { type: 'interactive', payload: { type: 'block_actions', user: { id: 'U0ASKER' }, actions: null } },
    ];
    for (const [i, e] of envelopes.entries()) {
      const ack = await h.fake.sendEnvelope({ envelope_id: `env-bad-${i}`, accepts_response_payload: false, ...e });
      expect(ack.envelope_id).toBe(`env-bad-${i}`);
    }
    await h.fake.settle(300);
    const lines = logLines.slice(logged).map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(lines.filter((l) => l.msg === 'a request that is not one Samen takes was dropped')).toHaveLength(2);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D0SOCKBAD')).toEqual([]);
  });

  it('acknowledges an envelope, answers in the thread, and drops a retried envelope', async () => {
    const ev = mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0SOCKET' });
    const body = eventCallback(ev, { eventId: 'Ev0SOCKET' });
    const sentAt = Date.now();
    const ack = await h.fake.sendEnvelope({
      envelope_id: 'env-1',
      type: 'events_api',
      payload: body,
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
    });
    expect(ack.envelope_id).toBe('env-1');
    // Slack wants the acknowledgement within 3 s; 1 s on a quiet machine, stretched on a busy one.
    expect(ack.at - sentAt).toBeLessThan(patient(1000));

    const answer = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0SOCKET'));
    expect(answer.token).toBe(BOT_TOKEN);
    expect(answer.args.thread_ts).toBe(ev.ts);
    expect(JSON.stringify(answer.args.blocks)).toContain('*Bronnen*');
    expect(answer.at).toBeGreaterThanOrEqual(ack.at);

    // Slack delivers it again (retry_attempt 1): acknowledged, not answered again.
    const again = await h.fake.sendEnvelope({
      envelope_id: 'env-2',
      type: 'events_api',
      payload: body,
      accepts_response_payload: false,
      retry_attempt: 1,
      retry_reason: 'timeout',
    });
    expect(again.envelope_id).toBe('env-2');
    await h.fake.settle(400);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0SOCKET')).toHaveLength(1);
  });

  it('answers a slash command over the socket, acknowledging it first', async () => {
    const ack = await h.fake.sendEnvelope({
      envelope_id: 'env-cmd',
      type: 'slash_commands',
      payload: {
        token: 'x',
        team_id: 'T0FAKE',
        team_domain: 'fake',
        channel_id: 'C0SOCKCMD',
        channel_name: 'general',
        user_id: 'U0ASKER',
        user_name: 'asker',
        command: '/samen',
        text: 'Hoe bouw je wederzijds vertrouwen op?',
        api_app_id: 'A0SAMEN',
        response_url: h.fake.responseUrl('socket-cmd'),
        trigger_id: '1.trigger',
      },
      accepts_response_payload: true,
    });
    expect(ack.envelope_id).toBe('env-cmd');
    const reply = await h.fake.waitForResponse('socket-cmd');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.body.blocks)).toContain('*Bronnen*');
  });
});
