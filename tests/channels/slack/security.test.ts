import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/answer/engine.js';
import { startHarness, type Harness } from '../../helpers/slack-harness.js';
import { blockAction, eventCallback, mentionEvent } from '../../helpers/slack-requests.js';

let engine: Engine;
let h: Harness;

beforeAll(async () => {
  engine = createEngine();
  h = await startHarness(engine);
});
afterAll(() => h?.close());

const postsIn = (channel: string) => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

describe('request signatures', () => {
  it('refuses a wrong signature and a stale timestamp with 401, and runs no handler', async () => {
    const body = eventCallback(mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0SIGNED' }), {
      eventId: 'Ev0SIGNED',
    });
    const wrong = await h.slack.event(body, { secret: 'not-the-signing-secret' });
    expect(wrong.status).toBe(401);
    const stale = await h.slack.event(body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    const unsigned = await fetch(h.slack.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(unsigned.status).toBe(401);
    const tampered = await h.slack.send(JSON.stringify(body), 'application/json', {
      headers: { 'x-slack-signature': `v0=${'0'.repeat(64)}` },
    });
    expect(tampered.status).toBe(401);
    // A command and a click with a bad signature are refused too.
    const command = await h.slack.command('/samen', 'Wat helpt?', { responseUrl: h.fake.responseUrl('bad'), secret: 'wrong' });
    expect(command.status).toBe(401);
    const button = { type: 'button', action_id: 'samen_ask:0', text: { type: 'plain_text', text: 'q' }, value: 'Wat helpt?' };
    const click = await h.slack.interaction(blockAction(button, { responseUrl: h.fake.responseUrl('bad'), channel: 'C0SIGNED', messageTs: '1.1' }), {
      secret: 'wrong',
    });
    expect(click.status).toBe(401);

    await h.fake.settle(300);
    expect(h.fake.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
    expect(h.fake.responses).toHaveLength(0);

    // The same event, correctly signed, is then answered: the refused ones were never handled.
    const good = await h.slack.event(body);
    expect(good.status).toBe(200);
    await h.fake.waitFor(() => postsIn('C0SIGNED')[0]);
  });

  it('answers Slack’s URL verification challenge when it is signed', async () => {
    const challenge = { token: 'x', challenge: 'c-123', type: 'url_verification' };
    const ok = await h.slack.event(challenge);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toEqual({ challenge: 'c-123' });
    expect((await h.slack.event(challenge, { secret: 'wrong' })).status).toBe(401);
  });
});
