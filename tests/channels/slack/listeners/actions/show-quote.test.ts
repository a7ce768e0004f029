import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../../../src/answer/engine.js';
import { SHORT_QUOTE } from '../../../../../src/channels/slack/render.js';
import { coreFor } from '../../../../../src/conversation/core.js';
import { startHarness, type Harness } from '../../../../helpers/slack-harness.js';
import { allButtons, blockAction, eventCallback, mentionEvent } from '../../../../helpers/slack-requests.js';

let engine: Engine;
let h: Harness;

beforeAll(async () => {
  engine = createEngine();
  h = await startHarness(engine);
});
afterAll(() => h?.close());

describe('"Show quote" on a source', () => {
  it('shows a shortened quote in the message and opens the full verbatim quote in a modal', async () => {
    const question = 'Wat helpt bij onduidelijke rollen?';
    const ev = mentionEvent(question, { channel: 'C0QUOTE' });
    await h.slack.event(eventCallback(ev));
    const answer = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0QUOTE'));
    const reply = await coreFor(engine, 'nl').answer(question);
    const long = reply.citations.find((c) => c.quote.length > SHORT_QUOTE + 20);
    expect(long, 'the answer cites at least one long passage').toBeDefined();

    const button = allButtons(answer.args.blocks).find((b) => b.action_id === `samen_show_quote:${long!.n}`);
    expect(button).toBeDefined();
    // The source in the message holds only the start of the quote.
    const source = answer.args.blocks.find((b: any) => b.text?.text?.startsWith(`*[${long!.n}]*`));
    expect(source.text.text).toContain(long!.quote.slice(0, 40));
    expect(source.text.text).not.toContain(long!.quote.slice(-40));

    const click = await h.slack.interaction(
      blockAction(button, { responseUrl: h.fake.responseUrl('quote'), channel: 'C0QUOTE', messageTs: String(answer.response.ts) }),
    );
    expect(click.status).toBe(200);
    const open = await h.fake.waitForCall('views.open');
    expect(open.response.ok).toBe(true);
    expect(open.args.trigger_id).toMatch(/trigger/);
    const view = open.args.view;
    expect(view.type).toBe('modal');
    expect(view.title.text).toBe(`Citaat [${long!.n}]`);
    const text = view.blocks.map((b: any) => b.text?.text ?? '').join('\n');
    // The whole passage, verbatim (line by line as a block quote).
    for (const line of long!.quote.split(/\n+/)) expect(text).toContain(line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(text).toContain(long!.location);
  });
});
