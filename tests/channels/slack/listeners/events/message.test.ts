import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../../../src/answer/engine.js';
import { startHarness, type Harness } from '../../../../helpers/slack-harness.js';
import { eventCallback, mentionEvent, messageEvent } from '../../../../helpers/slack-requests.js';

let engine: Engine;
let h: Harness;

beforeAll(async () => {
  engine = createEngine();
  h = await startHarness(engine);
});
afterAll(() => h?.close());

const postsIn = (channel: string) => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
const header = (call: { args: Record<string, any> }) => call.args.blocks[0].text.text as string;

describe('messages in a thread where Samen answered', () => {
  it('answers a follow-up without a mention, read together with the earlier question', async () => {
    const first = mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0FOLLOW' });
    await h.slack.event(eventCallback(first));
    await h.fake.waitFor(() => postsIn('C0FOLLOW')[0]);

    const followUp = messageEvent('en voor scholen?', { channel: 'C0FOLLOW', threadTs: first.ts });
    expect((await h.slack.event(eventCallback(followUp))).status).toBe(200);
    const answer = await h.fake.waitFor(() => postsIn('C0FOLLOW')[1]);
    expect(answer.args.thread_ts).toBe(first.ts);
    // The short follow-up was understood with the thread's question.
    expect(header(answer)).toContain('Wat helpt bij onduidelijke rollen? En voor scholen?');
    expect(JSON.stringify(answer.args.blocks)).toMatch(/\[1\]/);

    // A follow-up that stands on its own is answered as it is.
    const own = messageEvent('Hoe bouw je wederzijds vertrouwen op tussen professionals?', {
      channel: 'C0FOLLOW',
      threadTs: first.ts,
    });
    await h.slack.event(eventCallback(own));
    const third = await h.fake.waitFor(() => postsIn('C0FOLLOW')[2]);
    expect(header(third)).toContain('Hoe bouw je wederzijds vertrouwen op tussen professionals?');
    expect(header(third)).not.toContain('rollen');
  });

  it('ignores channel messages that are not in a thread Samen answered in', async () => {
    const topLevel = messageEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0QUIET' });
    const otherThread = messageEvent('en voor scholen?', { channel: 'C0QUIET', threadTs: '1700000000.000100' });
    await h.slack.event(eventCallback(topLevel));
    await h.slack.event(eventCallback(otherThread));
    await h.fake.settle(400);
    expect(postsIn('C0QUIET')).toHaveLength(0);
  });

  it('ignores bot messages and edits', async () => {
    const first = mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0BOTS' });
    await h.slack.event(eventCallback(first));
    await h.fake.waitFor(() => postsIn('C0BOTS')[0]);
    const bot = { ...messageEvent('en voor scholen?', { channel: 'C0BOTS', threadTs: first.ts }), bot_id: 'B0OTHER' };
    const edit = {
      ...messageEvent('en voor scholen?', { channel: 'C0BOTS', threadTs: first.ts }),
      subtype: 'message_changed',
    };
    await h.slack.event(eventCallback(bot));
    await h.slack.event(eventCallback(edit));
    await h.fake.settle(400);
    expect(postsIn('C0BOTS')).toHaveLength(1);
  });
});

describe('direct messages', () => {
  it('answers every direct message, in the conversation', async () => {
    const dm = messageEvent('What hinders information sharing between agencies?', { channel: 'D0DM', channelType: 'im' });
    expect((await h.slack.event(eventCallback(dm))).status).toBe(200);
    const answer = await h.fake.waitFor(() => postsIn('D0DM')[0]);
    expect(answer.args.thread_ts).toBeUndefined();
    expect(header(answer)).toContain('What the reviews say about: What hinders information sharing between agencies?');
    expect(JSON.stringify(answer.args.blocks)).toContain('*Sources*');

    // A short follow-up in the same conversation continues the question.
    await h.slack.event(eventCallback(messageEvent('and in schools?', { channel: 'D0DM', channelType: 'im' })));
    const second = await h.fake.waitFor(() => postsIn('D0DM')[1]);
    expect(header(second)).toContain('between agencies? And in schools?');
  });
});
