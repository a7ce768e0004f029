import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../../../src/answer/engine.js';
import { startHarness, type Harness } from '../../../../helpers/slack-harness.js';
import { eventCallback, messageEvent, newTs } from '../../../../helpers/slack-requests.js';

let engine: Engine;
let h: Harness;

beforeAll(async () => {
  engine = createEngine();
  h = await startHarness(engine);
});
afterAll(() => h?.close());

describe('the assistant panel', () => {
  it('greets and suggests prompts when a thread starts', async () => {
    const threadTs = newTs();
    await h.slack.event(
      eventCallback({
        type: 'assistant_thread_started',
        assistant_thread: { user_id: 'U0ASSIST', context: { channel_id: 'C0CONTEXT', team_id: 'T0FAKE' }, channel_id: 'D0ASSIST', thread_ts: threadTs },
        event_ts: newTs(),
      }),
    );
    const prompts = await h.fake.waitForCall('assistant.threads.setSuggestedPrompts');
    expect(prompts.args.channel_id).toBe('D0ASSIST');
    expect(prompts.args.thread_ts).toBe(threadTs);
    expect(prompts.args.prompts.length).toBeGreaterThan(0);
    expect(prompts.args.prompts[0]).toHaveProperty('message');
    const greeting = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'D0ASSIST');
    expect(greeting?.args.thread_ts).toBe(threadTs);
    // No history reads: the thread context is kept in memory.
    expect(h.fake.callsTo('conversations.replies')).toHaveLength(0);
  });

  it('shows a thinking status, then answers in the assistant thread, and reads follow-ups with the earlier question', async () => {
    const threadTs = newTs();
    const question = messageEvent('Wat helpt bij onduidelijke rollen?', { channel: 'D0PANEL', channelType: 'im', threadTs, user: 'U0ASSIST' });
    await h.slack.event(eventCallback(question));
    const status = await h.fake.waitForCall('assistant.threads.setStatus');
    expect(status.args).toMatchObject({ channel_id: 'D0PANEL', thread_ts: threadTs });
    expect(status.args.status).toMatch(/denkt na/);
    const answer = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'D0PANEL'));
    expect(answer.args.thread_ts).toBe(threadTs);
    expect(answer.at).toBeGreaterThanOrEqual(status.at);
    expect(JSON.stringify(answer.args.blocks)).toContain('*Bronnen*');

    await h.slack.event(eventCallback(messageEvent('en voor scholen?', { channel: 'D0PANEL', channelType: 'im', threadTs, user: 'U0ASSIST' })));
    const second = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D0PANEL')[1]);
    expect(second.args.blocks[0].text.text).toContain('Wat helpt bij onduidelijke rollen? En voor scholen?');
    await h.fake.settle(300);
    // Answered by the assistant only, not a second time as a direct message.
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D0PANEL')).toHaveLength(2);
  });

  it('shows the status in the question’s language and titles the thread after its first question, without personal data', async () => {
    const threadTs = newTs();
    const first = 'BSN 111222333: what helps when the school and youth care keep passing the family on to each other?';
    await h.slack.event(eventCallback(messageEvent(first, { channel: 'D0TITLE', channelType: 'im', threadTs, user: 'U0ASSIST' })));
    const status = await h.fake.waitFor(() => h.fake.callsTo('assistant.threads.setStatus').find((c) => c.args.channel_id === 'D0TITLE'));
    expect(status.args.status).toBe('is thinking…');
    const title = await h.fake.waitFor(() => h.fake.callsTo('assistant.threads.setTitle').find((c) => c.args.channel_id === 'D0TITLE'));
    expect(title.args.thread_ts).toBe(threadTs);
    expect(title.args.title).toMatch(/^BSN \S+: what helps when the school and youth care/);
    expect(title.args.title).not.toContain('111222333');
    expect(title.args.title.length).toBeLessThanOrEqual(80);
    await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'D0TITLE'));

    await h.slack.event(eventCallback(messageEvent('and in the GGZ?', { channel: 'D0TITLE', channelType: 'im', threadTs, user: 'U0ASSIST' })));
    await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D0TITLE')[1]);
    // The title stays the first question's.
    expect(h.fake.callsTo('assistant.threads.setTitle').filter((c) => c.args.channel_id === 'D0TITLE')).toHaveLength(1);
  });
});
