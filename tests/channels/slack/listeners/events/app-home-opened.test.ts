import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../../../src/answer/engine.js';
import { MESSAGES } from '../../../../../src/answer/messages.js';
import { startHarness, type Harness } from '../../../../helpers/slack-harness.js';
import { allButtons, blockAction, eventCallback, newTs } from '../../../../helpers/slack-requests.js';

let engine: Engine;
let h: Harness;

beforeAll(async () => {
  engine = createEngine();
  h = await startHarness(engine);
});
afterAll(() => h?.close());

describe('App Home', () => {
  it('publishes what Samen is and is not, example questions as buttons, and the commands', async () => {
    const sent = await h.slack.event(
      eventCallback({ type: 'app_home_opened', user: 'U0HOME', channel: 'D0HOME', tab: 'home', event_ts: newTs() }),
    );
    expect(sent.status).toBe(200);
    const publish = await h.fake.waitForCall('views.publish');
    expect(publish.response.ok).toBe(true);
    expect(publish.args.user_id).toBe('U0HOME');
    const view = publish.args.view;
    expect(view.type).toBe('home');
    const all = JSON.stringify(view.blocks);
    expect(all).toContain('Wat Samen is');
    expect(all).toContain('Wat Samen niet is');
    expect(all).toContain('geen advies over een specifiek gezin');
    expect(all).toContain('/samen');
    const examples = allButtons(view.blocks).filter((b) => b.action_id.startsWith('samen_ask:'));
    expect(examples.map((b) => b.value)).toEqual([...MESSAGES.examples.nl]);
  });

  it('does nothing for the messages tab', async () => {
    const before = h.fake.callsTo('views.publish').length;
    await h.slack.event(eventCallback({ type: 'app_home_opened', user: 'U0HOME', channel: 'D0HOME', tab: 'messages', event_ts: newTs() }));
    await h.fake.settle(300);
    expect(h.fake.callsTo('views.publish')).toHaveLength(before);
  });

  it('answers an example question clicked on the home tab in a direct message', async () => {
    const button = {
      type: 'button',
      action_id: 'samen_ask:1',
      text: { type: 'plain_text', text: MESSAGES.examples.nl[1] },
      value: MESSAGES.examples.nl[1],
    };
    await h.slack.interaction(blockAction(button, { user: 'U0HOMECLICK', view: true }));
    const dm = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'U0HOMECLICK'));
    expect(dm.response.ok).toBe(true);
    expect(dm.args.blocks[0].text.text).toContain(MESSAGES.examples.nl[1]);
    expect(JSON.stringify(dm.args.blocks)).toContain('*Bronnen*');
  });
});
