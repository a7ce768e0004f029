import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/answer/engine.js';
import { slackMessageProblem } from '../../../src/support/fake-slack.js';
import { startHarness, type Harness } from '../../helpers/slack-harness.js';
import { eventCallback, mentionEvent, messageEvent } from '../../helpers/slack-requests.js';

let engine: Engine;
let h: Harness;

beforeAll(async () => {
  engine = createEngine();
  h = await startHarness(engine);
});
afterAll(() => h?.close());

const postsIn = (channel: string) => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

describe('Slack Web API errors', () => {
  it('retries a rate-limited post after Retry-After, and the answer arrives', async () => {
    h.fake.script('chat.postMessage', { rateLimit: 1 });
    const ev = mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0RATE' });
    const sent = await h.slack.event(eventCallback(ev));
    expect(sent.status).toBe(200);
    const second = await h.fake.waitFor(() => postsIn('C0RATE')[1], 10_000);
    const [first] = postsIn('C0RATE');
    expect(first.status).toBe(429);
    expect(second.status).toBe(200);
    expect(second.response.ok).toBe(true);
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
    expect(second.args.thread_ts).toBe(ev.ts);
    expect(second.raw.blocks).toBe(first.raw.blocks);
  }, 15_000);

  it('tells the user privately when Samen cannot post in the channel', async () => {
    h.fake.script('chat.postMessage', { error: 'not_in_channel' });
    const ev = mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0NOTIN', user: 'U0WHO' });
    await h.slack.event(eventCallback(ev));
    const told = await h.fake.waitForCall('chat.postEphemeral');
    expect(told.args).toMatchObject({ channel: 'C0NOTIN', user: 'U0WHO', thread_ts: ev.ts });
    expect(told.args.text).toContain('/invite @Samen');
  });

  it('falls back to a direct message when even an ephemeral message cannot be posted', async () => {
    h.fake.script('chat.postMessage', { error: 'channel_not_found' });
    h.fake.script('chat.postEphemeral', { error: 'channel_not_found' });
    const ev = mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0GONE', user: 'U0GONE' });
    await h.slack.event(eventCallback(ev));
    const dm = await h.fake.waitFor(() => postsIn('U0GONE')[0]);
    expect(dm.args.text).toContain('<#C0GONE>');
  });

  it('posts the compact form when Slack says the message is too long', async () => {
    h.fake.script('chat.postMessage', { error: 'msg_too_long' });
    const ev = mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0LONG' });
    await h.slack.event(eventCallback(ev));
    const compact = await h.fake.waitFor(() => postsIn('C0LONG')[1]);
    expect(postsIn('C0LONG')[0].response.error).toBe('msg_too_long');
    expect(compact.response.ok).toBe(true);
    expect(slackMessageProblem(compact.args)).toBeUndefined();
    expect(compact.raw.blocks.length).toBeLessThan(postsIn('C0LONG')[0].raw.blocks.length);
    expect(JSON.stringify(compact.args.blocks)).toContain('Kort antwoord');
  });

  it('logs an unexpected error, tells the user, and keeps serving', async () => {
    h.fake.script('chat.postMessage', { error: 'internal_error' });
    const ev = mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0BROKEN', user: 'U0BROKEN' });
    await h.slack.event(eventCallback(ev));
    const told = await h.fake.waitFor(() => h.fake.callsTo('chat.postEphemeral').find((c) => c.args.channel === 'C0BROKEN'));
    expect(told.args.text).toMatch(/ging iets mis/);
    // The server still answers.
    await h.slack.event(eventCallback(messageEvent('Hoe bouw je vertrouwen op?', { channel: 'D0AFTER', channelType: 'im' })));
    const after = await h.fake.waitFor(() => postsIn('D0AFTER')[0]);
    expect(after.response.ok).toBe(true);
    expect((await fetch(`${h.server.url}/healthz`)).status).toBe(200);
  });
});
