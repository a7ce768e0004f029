import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../../../src/answer/engine.js';
import { FAKE_TEAM } from '../../../../../src/support/fake-slack.js';
import { startHarness, type Harness } from '../../../../helpers/slack-harness.js';
import { blockAction } from '../../../../helpers/slack-requests.js';

let engine: Engine;
let h: Harness;

beforeAll(async () => {
  engine = createEngine();
  h = await startHarness(engine);
});
afterAll(() => h?.close());

function submission(question: string, user = 'U0MODAL') {
  return {
    type: 'view_submission',
    team: { id: FAKE_TEAM.team_id, domain: 'fake' },
    user: { id: user, username: 'asker', name: 'asker', team_id: FAKE_TEAM.team_id },
    api_app_id: FAKE_TEAM.app_id,
    token: 'legacy-verification-token',
    trigger_id: '1.trigger',
    view: {
      id: 'V0MODAL',
      type: 'modal',
      callback_id: 'samen_ask_modal',
      team_id: FAKE_TEAM.team_id,
      app_id: FAKE_TEAM.app_id,
      bot_id: FAKE_TEAM.bot_id,
      title: { type: 'plain_text', text: 'Vraag Samen' },
      blocks: [],
      private_metadata: '',
      state: { values: { question: { question_input: { type: 'plain_text_input', value: question } } } },
      hash: 'h',
    },
    response_urls: [],
    is_enterprise_install: false,
  };
}

describe('the "Ask a question" modal', () => {
  it('opens from the home tab and answers the submitted question in a direct message', async () => {
    const open = { type: 'button', action_id: 'samen_open_ask', text: { type: 'plain_text', text: 'Stel een vraag' }, value: 'ask' };
    await h.slack.interaction(blockAction(open, { user: 'U0MODAL', view: true }));
    const opened = await h.fake.waitForCall('views.open');
    expect(opened.response.ok).toBe(true);
    expect(opened.args.view.callback_id).toBe('samen_ask_modal');
    expect(opened.args.view.blocks[0].type).toBe('input');

    const ack = await h.slack.interaction(submission('Hoe bouw je wederzijds vertrouwen op?'));
    expect(ack.status).toBe(200);
    expect(ack.text).toBe(''); // the modal closes
    const dm = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'U0MODAL'));
    expect(dm.args.blocks[0].text.text).toContain('Hoe bouw je wederzijds vertrouwen op?');
  });

  it('keeps the modal open with an error when the question is empty', async () => {
    const ack = await h.slack.interaction(submission('   '));
    expect(ack.status).toBe(200);
    expect(JSON.parse(ack.text)).toMatchObject({ response_action: 'errors' });
  });
});
