/**
 * The conversation layer's goals and reflect flows answer with view models in the catalog's
 * words, the same for every channel; and the catalog's neutral markup comes out in each
 * platform's own words (Teams names its commands as typed to the bot, never /goals).
 */
import { describe, expect, it } from 'vitest';
import { cardStyle } from '../../src/cards/card.js';
import { SLACK_STYLE } from '../../src/channels/slack/render.js';
import { TEAMS_CARD_STYLE, TEAMS_STYLE } from '../../src/channels/teams/render.js';
import { formValues, goalsCommand, goalsSubmit, toldOf } from '../../src/conversation/goals.js';
import { PLAIN, plainText, renderMarkup, slashCommand, type Markup } from '../../src/conversation/markup.js';
import { buttonWords, reflectCommand, reflectWords, type Reminders } from '../../src/conversation/reflect.js';
import { CATALOGS, texts } from '../../src/conversation/texts/index.js';
import type { GoalsService, SubmitOutcome } from '../../src/goals/service.js';
import type { StoredCase } from '../../src/goals/store.js';
import { validForm } from '../goals/fixtures.js';

const where = { platform: 'teams' as const, tenantId: 'T', channelId: 'C', language: 'en' as const };
const stored = (version: number): StoredCase => ({ alias: 'family-A7', version, content: null, createdAt: new Date(0), updatedAt: new Date(0) });

/** A goals service whose channel answers every submit with the given outcome (or throws it). */
function goalsAnswering(outcome: SubmitOutcome | Error): GoalsService {
  return {
    template: [],
    defaultLanguage: 'en',
    channel: () =>
      ({
        submit: async () => {
          if (outcome instanceof Error) throw outcome;
          return outcome;
        },
      }) as unknown as ReturnType<GoalsService['channel']>,
  };
}

const input = { values: formValues({ ...validForm('family-A7'), samen: 'goals', extra: 5 }), version: 1, language: 'en' as const };

describe('goalsSubmit: one switch over the outcomes of a submitted form', () => {
  it('reads only the form fields of a card submit', () => {
    expect(Object.keys(input.values)).not.toContain('samen');
    expect(Object.keys(input.values)).not.toContain('extra');
    expect(input.values.goal1_text).toBe(validForm().goal1_text);
  });

  it('saved: the case, with the saved note, in place of the form', async () => {
    const view = await goalsSubmit(goalsAnswering({ kind: 'saved', case: stored(2) }), where, input);
    expect(view).toMatchObject({ kind: 'case', note: 'Saved as version 2.', replace: true, doc: { alias: 'family-A7', version: 2 } });
  });

  it('invalid: the form again with its errors, in place of the submitted one', async () => {
    const view = await goalsSubmit(goalsAnswering({ kind: 'invalid', errors: { coordinator: 'Please fill this in.' } }), where, input);
    expect(view).toMatchObject({ kind: 'refused', reason: 'invalid', errors: { coordinator: 'Please fill this in.' }, replace: true });
    expect(toldOf(view)).toBeUndefined();
  });

  it('personal data: told, with its heading, never shown in a form again', async () => {
    const view = await goalsSubmit(goalsAnswering({ kind: 'personal-data', errors: { contact: 'x' }, message: 'Not saved. A phone number.' }), where, input);
    expect(view).toMatchObject({ kind: 'refused', reason: 'personal-data', heading: texts('en').goals.privacyTitle });
    expect(view).not.toHaveProperty('replace');
    expect(plainText(toldOf(view)!.body)).toBe('Not saved. A phone number.');
  });

  it('conflict: the current version, with why nothing was saved', async () => {
    const view = await goalsSubmit(goalsAnswering({ kind: 'conflict', current: stored(3) }), where, input);
    expect(view).toMatchObject({ kind: 'conflict', title: 'Case changed', doc: { version: 3 } });
    expect(view.kind === 'conflict' && view.message).toMatch(/now at version 3/);
  });

  it('a failure: a notice carrying the error, for the channel to log', async () => {
    const boom = new Error('boom');
    const view = await goalsSubmit(goalsAnswering(boom), where, input);
    expect(view).toMatchObject({ kind: 'notice', failed: boom, body: texts('en').goals.failed });
  });

  it('without the goals service: not switched on, for the command and the submit', async () => {
    expect(await goalsCommand(undefined, where, 'list')).toEqual({ kind: 'notice', language: 'en', body: texts('en').unavailable('goals') });
    expect(await goalsSubmit(undefined, where, input)).toMatchObject({ kind: 'notice', body: texts('en').unavailable('goals') });
  });
});

describe('the reflect flow', () => {
  const reminders = (outcome: Awaited<ReturnType<Reminders['command']>>['outcome']): Reminders => ({
    command: async () => ({ language: 'nl', outcome }),
    set: async () => ({ language: 'nl', outcome }),
    keep: async () => ({ language: 'nl', outcome: { kind: 'kept' } }),
    button: async () => ({ language: 'nl', outcome: { kind: 'gone' } }),
    answer: async () => ({ language: 'nl', outcome: { kind: 'gone' } }),
  });
  const rule = { weekday: 4, hour: 14, minute: 0, zone: 'Europe/Amsterdam' };

  it('words the service’s outcomes in the channel’s language, and offers to replace a second reminder', async () => {
    const offer = await reflectCommand(reminders({ kind: 'offer-replace', current: rule, proposed: { ...rule, weekday: 5 } }), where, 'weekly vrijdag 14:00', 'en');
    expect(offer).toMatchObject({ kind: 'offer-replace', language: 'nl', replace: 'Vervangen', keep: 'Behouden', proposed: { weekday: 5 } });
    expect(plainText(offer.body)).toMatch(/elke donderdag om 14:00.*elke vrijdag om 14:00/);
    const set = reflectWords('nl', { kind: 'set', rule, next: new Date('2025-07-10T12:00:00Z'), replaced: false });
    expect(plainText(set)).toMatch(/^Reflectieherinnering ingesteld: elke donderdag om 14:00 Europe\/Amsterdam\. De eerste komt donderdag 10 juli 2025 14:00 \(.+\)\.$/);
    expect(plainText(buttonWords('en', { kind: 'done', by: 'Jan' }))).toBe('✅ Reflection moment held (marked by Jan).');
  });

  it('tells a failure, and says not switched on without the reminders', async () => {
    const failing: Reminders = { ...reminders({ kind: 'help' }), command: () => Promise.reject(new Error('db down')) };
    expect(await reflectCommand(failing, where, 'list', 'en')).toMatchObject({ kind: 'notice', body: texts('en').failed, failed: expect.any(Error) });
    expect(await reflectCommand(undefined, where, 'list', 'nl')).toEqual({ kind: 'notice', language: 'nl', body: texts('nl').unavailable('reflect') });
  });
});

describe('the catalog in each platform’s words', () => {
  const samples = (language: 'nl' | 'en'): Markup[] => {
    const t = CATALOGS[language];
    return [t.unavailable('goals'), t.unavailable('reflect'), t.goals.help, t.goals.listEmpty, t.goals.notFound('x'), t.reflect.help, t.reflect.none, t.reflect.paused, t.reflect.goals([])];
  };

  it('names the commands as Slack has them (/goals, /samen help)', () => {
    const slack = samples('en').map((m) => renderMarkup(m, SLACK_STYLE)).join('\n');
    expect(slack).toContain('`/goals ALIAS`');
    expect(slack).toContain('`/reflect weekly thursday 14:00`');
    expect(renderMarkup([{ p: [{ command: 'help' }] }], SLACK_STYLE)).toBe('`/samen help`');
  });

  it('names the commands in Teams as they are typed to the bot: no slash commands', () => {
    for (const language of ['nl', 'en'] as const) {
      for (const style of [TEAMS_STYLE, TEAMS_CARD_STYLE]) {
        const teams = samples(language).map((m) => renderMarkup(m, style)).join('\n');
        expect(teams).not.toMatch(/\/(goals|reflect|samen)/);
        expect(teams).toContain('**goals ALIAS**');
      }
    }
    expect(renderMarkup(texts('en').unavailable('goals'), TEAMS_STYLE)).toMatch(/^\*\*goals\*\* is not switched on/);
  });

  it('names them in the web chat as typed in its box, and plainly in the terminal', () => {
    const web = cardStyle((word, args) => slashCommand(word, args, 'help'));
    expect(renderMarkup(texts('nl').goals.listEmpty, web)).toBe('Dit kanaal heeft nog geen casussen. Begin er een met **/goals ALIAS**.');
    expect(renderMarkup(texts('en').reflect.goals([]), PLAIN)).toBe('No working agreements in this channel yet: record them with /goals.');
  });

  it('holds no platform markup of its own: emphasis and code are markup, not asterisks or backticks', () => {
    for (const language of ['nl', 'en'] as const) {
      for (const m of samples(language)) expect(plainText(m)).not.toMatch(/[*`]/);
    }
  });
});
