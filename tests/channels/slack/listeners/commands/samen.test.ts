import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../../../src/answer/engine.js';
import { inputFromSlack } from '../../../../../src/channels/slack/text.js';
import { slackMessageProblem } from '../../../../../src/support/fake-slack.js';
import { startHarness, type Harness } from '../../../../helpers/slack-harness.js';
import { blockAction, findButton } from '../../../../helpers/slack-requests.js';

let engine: Engine;
let h: Harness;

beforeAll(async () => {
  engine = createEngine();
  h = await startHarness(engine);
});
afterAll(() => h?.close());

describe('/samen text (the conversation layer reads it: tests/conversation/commands.test.ts)', () => {
  it('reads help in both languages, goals and reflect with their arguments, and everything else as a question', () => {
    expect(inputFromSlack('')).toEqual({ kind: 'help' });
    expect(inputFromSlack('  help ')).toEqual({ kind: 'help' });
    expect(inputFromSlack('HULP')).toEqual({ kind: 'help' });
    expect(inputFromSlack(undefined)).toEqual({ kind: 'help' });
    expect(inputFromSlack('goals list')).toEqual({ kind: 'goals', args: 'list' });
    expect(inputFromSlack('wat helpt &amp; wat niet <@U123>')).toEqual({ kind: 'question', question: 'wat helpt & wat niet' });
  });
});

describe('/samen', () => {
  it('answers a question privately, and "Share in channel" posts the same answer publicly', async () => {
    const responseUrl = h.fake.responseUrl('cmd-share');
    const ack = await h.slack.command('/samen', 'Wat helpt bij onduidelijke rollen?', { responseUrl, channel: 'C0CMD' });
    // The command is acknowledged at once, with nothing visible; the answer follows.
    expect(ack.status).toBe(200);
    expect(ack.text).toBe('');

    const ephemeral = await h.fake.waitForResponse('cmd-share');
    expect(ephemeral.status).toBe(200);
    expect(ephemeral.body.response_type).toBe('ephemeral');
    expect(slackMessageProblem(ephemeral.body)).toBeUndefined();
    const blocks = ephemeral.body.blocks;
    expect(JSON.stringify(blocks)).toContain('*Bronnen*');
    const share = findButton(blocks, 'samen_share');
    expect(share).toBeDefined();
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0CMD')).toHaveLength(0);

    // Click "Share in channel" on the ephemeral message.
    const clickUrl = h.fake.responseUrl('share-click');
    const click = await h.slack.interaction(
      blockAction(share, { responseUrl: clickUrl, channel: 'C0CMD', messageTs: '1700000000.000001', ephemeral: true }),
    );
    expect(click.status).toBe(200);
    const shared = await h.fake.waitForResponse('share-click', 1);
    expect(shared.body.response_type).toBe('in_channel');
    expect(shared.status).toBe(200);
    // The same answer: the same points and sources, without the share button, with who shared it.
    const withoutShare = (b: any[]) =>
      JSON.stringify(b.filter((x: any) => x.type !== 'actions' && x.type !== 'context'));
    expect(withoutShare(shared.body.blocks)).toBe(withoutShare(blocks));
    expect(findButton(shared.body.blocks, 'samen_share')).toBeUndefined();
    expect(JSON.stringify(shared.body.blocks)).toContain('Gedeeld door <@U0ASKER>');
    // And the private copy is removed.
    const removed = await h.fake.waitForResponse('share-click', 2);
    expect(removed.body).toEqual({ delete_original: true });
  });

  it('explains itself with /samen help, in the acknowledgement', async () => {
    const ack = await h.slack.command('/samen', 'help', { responseUrl: h.fake.responseUrl('cmd-help') });
    expect(ack.status).toBe(200);
    const body = JSON.parse(ack.text);
    expect(body.response_type).toBe('ephemeral');
    expect(slackMessageProblem(body)).toBeUndefined();
    const all = JSON.stringify(body.blocks);
    expect(all).toContain('/samen');
    expect(all).toContain('@Samen');
    expect(all).toContain('/reflect');
  });

  it('answers an out-of-scope question privately without citations or share of sources', async () => {
    await h.slack.command('/samen', 'What is the best recipe for pancakes?', { responseUrl: h.fake.responseUrl('cmd-oos') });
    const r = await h.fake.waitForResponse('cmd-oos');
    const all = JSON.stringify(r.body.blocks);
    expect(all).toContain('The reviews do not cover this');
    expect(all).not.toMatch(/\[\d+\]/);
  });
});

describe('/goals and /reflect', () => {
  it.each(['/goals', '/reflect'])('%s replies that it is coming', async (command) => {
    const ack = await h.slack.command(command, '', { responseUrl: h.fake.responseUrl('reserved') });
    expect(ack.status).toBe(200);
    const body = JSON.parse(ack.text);
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain(command);
    expect(body.text).toMatch(/niet aan|not switched on/);
  });
});
