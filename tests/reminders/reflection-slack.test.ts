/**
 * The reflection loop in Slack end to end: the real server and Bolt app, signed slash commands,
 * button clicks and a modal submission, the reminder service on the real job queue and database
 * (embedded, and PostgreSQL when TEST_DATABASE_URL is set), the fake Slack Web API and an injected
 * clock. A team answers the reminder's questions, the count updates, `/reflect trend` shows the
 * averages, two low occurrences of a question make the next reminder carry what the reviews say
 * about it, a note with a BSN is refused and not stored, and the recap comes on the fourth week.
 */
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { isoWeekIndex } from '../../src/reminders/schedule.js';
import { promptsForWeek } from '../../src/reminders/prompts.js';
import { coreFor } from '../../src/conversation/core.js';
import { startServer } from '../../src/server/index.js';
import { FAKE_TEAM, FakeSlack } from '../../src/support/fake-slack.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../helpers/slack-harness.js';
import { blockAction, findButton, SlackSender } from '../helpers/slack-requests.js';
import { testEngine } from '../helpers/engine.js';
import { describeStorage, freshSpace } from '../storage/helpers.js';
import { captureLogger, PROMPTS, startInstance, TestClock } from './helpers.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

const ZONE = 'Europe/Amsterdam';
const CHANNEL = 'C0TEAM';

/** A Tuesday 10:00 UTC in a week whose ISO week index is a multiple of four (a recap week), and weeks after it. */
function recapTuesday(): Date {
  let at = new Date('2025-06-03T10:00:00Z');
  while (isoWeekIndex(at, ZONE) % 4 !== 0) at = new Date(at.getTime() + 7 * 86_400_000);
  return at;
}
const weeksAfter = (at: Date, n: number) => new Date(at.getTime() + n * 7 * 86_400_000);

/** The text of every block of a message, joined: what a person reads. */
function blockText(blocks: any[]): string {
  return blocks
    .flatMap((b) => [b.text?.text, ...(b.elements ?? []).map((e: any) => e.text?.text ?? e.text)])
    .filter((t) => typeof t === 'string')
    .join('\n');
}

describeStorage('The reflection loop in Slack', (kind) => {
  // Many requests in a row on the embedded database: a generous limit for a slow, busy machine.
  it('answers a reminder, counts each person once, refuses a note with a BSN, shows the trend, brings evidence for a weak spot and a recap', { timeout: 240_000 }, async () => {
    const fake = await FakeSlack.start();
    cleanup.push(() => fake.close());
    const space = await freshSpace(kind);
    const clock = new TestClock();
    const { logger } = captureLogger();
    const instance = await startInstance(space, fake, clock, logger);
    cleanup.push(() => instance.stop());
    const config = parseConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
    });
    const server = await startServer(config, { core: coreFor(testEngine(), config.SAMEN_LANGUAGE), logger: pino({ level: 'silent' }), reminders: instance.service });
    cleanup.push(() => server.close());
    const slack = new SlackSender(`${server.url}/slack/events`, SIGNING_SECRET);
    let commands = 0;
    const command = async (text: string) => {
      commands += 1;
      const id = `cmd-${commands}`;
      expect((await slack.command('/reflect', text, { responseUrl: fake.responseUrl(id), channel: CHANNEL })).status).toBe(200);
      return (await fake.waitForResponse(id, 1, 15_000)).body;
    };
    const reminders = () => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL && !c.args.thread_ts);
    /** `/reflect now` at `at`: the reminder as posted. */
    const postAt = async (at: Date) => {
      clock.set(at);
      const before = reminders().length;
      expect((await command('now')).text).toMatch(/nu geplaatst/);
      return fake.waitFor(() => reminders()[before], 15_000, 'the reminder');
    };
    const updates = () => fake.callsTo('chat.update');
    /** A rating click by `user` on the reminder `posted`; resolves with the reminder as updated. */
    const rate = async (posted: { args: any; response: any }, promptId: string, score: number, user: string) => {
      const before = updates().length;
      const button = findButton(posted.args.blocks, `samen_reflection_rate:${promptId}:${score}`);
      expect(button, `rating ${score} of ${promptId}`).toBeTruthy();
      expect((await slack.interaction(blockAction(button, { channel: CHANNEL, messageTs: String(posted.response.ts), user }))).status).toBe(200);
      return fake.waitFor(() => updates()[before], 15_000, 'the updated reminder');
    };

    // A reminder for the channel, on a day the test's clock never reaches (no scheduled post interferes).
    const weekA = recapTuesday();
    clock.set(weekA);
    expect((await command('weekly zondag 03:00')).text).toMatch(/ingesteld/);

    // Week A: the reminder carries a 1–5 control and a note button per question.
    const first = await postAt(weekA);
    const asked = promptsForWeek(PROMPTS, isoWeekIndex(weekA, ZONE)).map((p) => p.id);
    // A question asked again three weeks later (weeks three apart share two of their three questions).
    const weak = asked.find((id) => promptsForWeek(PROMPTS, isoWeekIndex(weeksAfter(weekA, 3), ZONE)).some((p) => p.id === id))!;
    expect(weak).toBeTruthy();
    for (const id of asked) {
      for (let n = 1; n <= 5; n += 1) expect(findButton(first.args.blocks, `samen_reflection_rate:${id}:${n}`)).toBeTruthy();
      expect(findButton(first.args.blocks, `samen_reflection_note:${id}`)).toBeTruthy();
    }
    expect(blockText(first.args.blocks)).toMatch(/1 = aandacht nodig … 5 = gaat goed/);

    // Two people answer; the count updates; a changed answer counts its person once.
    let updated = await rate(first, weak, 3, 'U0ANNA');
    expect(updated.args.ts).toBe(first.response.ts);
    expect(blockText(updated.args.blocks)).toContain('1 persoon heeft geantwoord.');
    const thanks = await fake.waitFor(() => fake.callsTo('chat.postEphemeral').find((c) => c.args.user === 'U0ANNA'), 15_000, 'the thanks');
    expect(thanks.args.text).toMatch(/opgeslagen/);
    updated = await rate(first, weak, 1, 'U0BART');
    expect(blockText(updated.args.blocks)).toContain('2 mensen hebben geantwoord.');
    updated = await rate(first, weak, 2, 'U0ANNA');
    expect(blockText(updated.args.blocks)).toContain('2 mensen hebben geantwoord.');
    // Never who answered what: no user id on the reminder.
    expect(JSON.stringify(updated.args.blocks)).not.toMatch(/U0ANNA|U0BART/);

    // A note: its button opens a modal; a note with a BSN is refused in the modal and not stored.
    const noteButton = findButton(first.args.blocks, `samen_reflection_note:${weak}`);
    await slack.interaction(blockAction(noteButton, { channel: CHANNEL, messageTs: String(first.response.ts), user: 'U0ANNA' }));
    const opened = await fake.waitForCall('views.open', 1, 15_000);
    const modal = opened.args.view;
    const submitNote = (note: string) =>
      slack.interaction({
        type: 'view_submission',
        team: { id: FAKE_TEAM.team_id, domain: 'fake' },
        user: { id: 'U0ANNA', team_id: FAKE_TEAM.team_id },
        api_app_id: FAKE_TEAM.app_id,
        trigger_id: '1.trigger',
        view: {
          id: 'V0NOTE',
          type: 'modal',
          callback_id: modal.callback_id,
          private_metadata: modal.private_metadata,
          blocks: modal.blocks,
          state: { values: { note: { note_input: { type: 'plain_text_input', value: note } } } },
        },
      });
    const refused = await submitNote('Vader belde, BSN 111222333, over de afspraken');
    expect(refused.status).toBe(200);
    const errors = JSON.parse(refused.text);
    expect(errors.response_action).toBe('errors');
    expect(errors.errors.note).toMatch(/Niet opgeslagen.*BSN/);
    expect(errors.errors.note).not.toContain('111222333');
    const notes = async () => (await instance.db.query<{ n: number }>('SELECT count(note)::int AS n FROM reflection_answers'))[0].n;
    expect(await notes()).toBe(0);
    const beforeNote = updates().length;
    const saved = await submitNote('We spraken af wie de school belt.');
    expect(saved.text === '' || !JSON.parse(saved.text).response_action).toBe(true);
    await fake.waitFor(() => updates()[beforeNote], 15_000, 'the reminder updated after the note');
    expect(await notes()).toBe(1);
    // The user id is stored only as a salted hash.
    const hashes = await instance.db.query<{ user_hash: string }>('SELECT DISTINCT user_hash FROM reflection_answers');
    expect(hashes).toHaveLength(2);
    for (const { user_hash } of hashes) expect(user_hash).toMatch(/^[0-9a-f]{64}$/);

    // The trend shows the average (2 and 1: 1.5).
    const trend = await command('trend');
    expect(trend.text).toContain(PROMPTS.find((p) => p.id === weak)!.question.nl);
    expect(trend.text).toContain('1.5');

    // Week A+3: the same question, low again. That reminder has no recap yet.
    const second = await postAt(weeksAfter(weekA, 3));
    expect(blockText(second.args.blocks)).not.toContain('Terugblik');
    expect(blockText(second.args.blocks)).not.toContain('Wat de reviews hierover zeggen');
    await rate(second, weak, 2, 'U0ANNA');
    await rate(second, weak, 2, 'U0BART');

    // Week A+4: a point of attention with cited findings that address it, and the recap (the fourth week).
    const third = await postAt(weeksAfter(weekA, 4));
    const text = blockText(third.args.blocks);
    const prompt = PROMPTS.find((p) => p.id === weak)!;
    expect(text).toContain('Wat de reviews hierover zeggen');
    expect(text).toContain(`Aandachtspunt: *${prompt.question.nl}*`);
    expect(prompt.evidence.nl.length).toBeGreaterThanOrEqual(2);
    // As Slack's mrkdwn writes them (& escaped).
    const mrkdwn = (t: string) => t.replace(/&/g, '&amp;');
    for (const e of prompt.evidence.nl) expect(text).toContain(mrkdwn(e.citationText));
    expect(text.indexOf('Wat de reviews hierover zeggen')).toBeLessThan(text.indexOf('Drie vragen voor deze week'));
    expect(text).toContain('Terugblik op de afgelopen vier weken');
    expect(findButton(third.args.blocks, 'samen_ask')?.value).toBe(prompt.askMore.nl);
    // And `/reflect trend` names it too, with the findings.
    const trendAgain = await command('trend');
    expect(trendAgain.text).toContain('aandachtspunt');
    expect(trendAgain.text).toContain(mrkdwn(prompt.evidence.nl[0].citationText));

    // The export: per date and question the average and counts, no user hashes.
    const exported = await command('export');
    expect(exported.blocks.map((b: any) => b.text?.text).join('\n')).toMatch(/date,prompt,question,average,ratings,notes/);
    const csv = JSON.stringify(exported);
    expect(csv).toContain(`${weekA.toISOString().slice(0, 10)},${weak},`);
    expect(csv).toContain('1.50,2,1');
    for (const { user_hash } of hashes) expect(csv).not.toContain(user_hash);
  });
});
