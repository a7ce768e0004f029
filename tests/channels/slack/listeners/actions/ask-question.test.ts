import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../../../src/answer/engine.js';
import { startHarness, type Harness } from '../../../../helpers/slack-harness.js';
import { allButtons, blockAction, eventCallback, mentionEvent, messageEvent } from '../../../../helpers/slack-requests.js';

let engine: Engine;
let h: Harness;

beforeAll(async () => {
  engine = createEngine();
  h = await startHarness(engine);
});
afterAll(() => h?.close());

const postsIn = (channel: string) => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

describe('follow-up buttons', () => {
  it('ask their question in the same thread, which then takes follow-ups about it', async () => {
    const ev = mentionEvent('Wat helpt bij onduidelijke rollen?', { channel: 'C0ASK' });
    await h.slack.event(eventCallback(ev));
    const answer = await h.fake.waitFor(() => postsIn('C0ASK')[0]);
    const followUp = allButtons(answer.args.blocks).find((b) => b.action_id.startsWith('samen_ask:'));
    expect(followUp).toBeDefined();
    expect(followUp.text.text.length).toBeLessThanOrEqual(75);

    await h.slack.interaction(
      blockAction(followUp, {
        responseUrl: h.fake.responseUrl('ask'),
        channel: 'C0ASK',
        messageTs: String(answer.response.ts),
        threadTs: ev.ts,
      }),
    );
    const second = await h.fake.waitFor(() => postsIn('C0ASK')[1]);
    expect(second.args.thread_ts).toBe(ev.ts);
    expect(second.args.blocks[0].text.text).toContain(followUp.value);

    // The thread's question is now the follow-up's.
    await h.slack.event(eventCallback(messageEvent('en in het onderwijs?', { channel: 'C0ASK', threadTs: ev.ts })));
    const third = await h.fake.waitFor(() => postsIn('C0ASK')[2]);
    expect(third.args.blocks[0].text.text).toContain(`${followUp.value} En in het onderwijs?`);
  });

  it('keep an answer short and give every relevant finding one click away ("More findings")', async () => {
    const ev = mentionEvent('What gets in the way of sharing information between agencies?', { channel: 'C0MORE' });
    await h.slack.event(eventCallback(ev));
    const answer = await h.fake.waitFor(() => postsIn('C0MORE')[0]);
    const sources = (blocks: { type: string; text?: { text?: string } }[]) => blocks.filter((b) => b.type === 'section' && /^\*?\[\d+\]/.test(b.text?.text ?? '')).length;
    expect(sources(answer.args.blocks)).toBeGreaterThan(0);
    expect(sources(answer.args.blocks)).toBeLessThanOrEqual(6);
    const more = allButtons(answer.args.blocks).find((b) => b.action_id === 'samen_more');
    expect(more).toBeDefined();
    expect(more.text.text).toMatch(/more finding/);
    await h.slack.interaction(
      blockAction(more, { responseUrl: h.fake.responseUrl('more'), channel: 'C0MORE', messageTs: String(answer.response.ts), threadTs: ev.ts }),
    );
    const all = await h.fake.waitFor(() => postsIn('C0MORE')[1]);
    expect(all.args.thread_ts).toBe(ev.ts);
    expect(sources(all.args.blocks)).toBeGreaterThan(sources(answer.args.blocks));
  });

  it('answers privately when Samen is not a member of the channel the answer was shared in', async () => {
    h.fake.script('chat.postMessage', { error: 'not_in_channel' });
    const button = { type: 'button', action_id: 'samen_ask:0', text: { type: 'plain_text', text: 'q' }, value: 'Wat helpt bij onduidelijke rollen?' };
    await h.slack.interaction(
      blockAction(button, { responseUrl: h.fake.responseUrl('ask-outside'), channel: 'C0OUTSIDE', messageTs: '1700000000.000200' }),
    );
    const told = await h.fake.waitForResponse('ask-outside');
    expect(told.body.response_type).toBe('ephemeral');
    expect(told.body.text).toContain('<#C0OUTSIDE>');
    expect(told.body.text).toContain('/invite @Samen');
  });
});
