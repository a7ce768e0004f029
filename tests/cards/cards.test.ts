/** The shared Adaptive Cards: valid 1.5 cards with no channel's extensions, used by Teams and the web chat alike. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerCard, cardStyle, replyCard, reminderCard } from '../../src/cards/index.js';
import { forTeams } from '../../src/channels/teams/render.js';
import type { ReminderMessage } from '../../src/reminders/delivery.js';
import { testEngine } from '../helpers/engine.js';
import { adaptiveCardProblems } from '../../src/support/teams-activities.js';

const engine = testEngine();
const questions = readFileSync(new URL('../eval/questions.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { q: string }).q);

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('shared Adaptive Cards', () => {
  it('renders every evaluation question as one valid card with its [n] markers and full quotes, without Teams extensions', async () => {
    for (const q of questions) {
      const reply = await engine.answer(q);
      const card = replyCard(reply, { feedback: { helpful: 'yes', notHelpful: 'no' } });
      expect(adaptiveCardProblems(card), q).toEqual([]);
      const json = JSON.stringify(card);
      expect(json).not.toContain('msteams');
      for (const c of reply.citations) {
        expect(json, q).toContain(`[${c.n}]`);
        expect(json, q).toContain(JSON.stringify(`“${c.quote}”`).slice(1, -1));
      }
    }
  });

  it('Teams adds its extensions to a copy: full width and follow-ups as messageBack', async () => {
    const reply = await engine.answer('Wat helpt bij onduidelijke rollen?');
    const card = answerCard(reply);
    const teams = forTeams(card);
    expect(card.msteams).toBeUndefined();
    expect(teams.msteams).toEqual({ width: 'Full' });
    const action = teams.actions![0] as unknown as { data: { question: string; msteams: { type: string; text: string } } };
    expect(action.data.msteams).toMatchObject({ type: 'messageBack', text: action.data.question });
    expect(JSON.stringify(card.actions)).not.toContain('msteams');
  });

  it('the reminder card is valid and carries the reminder id on its buttons', () => {
    const message: ReminderMessage = {
      reminderId: 'r1',
      occurrence: '2026-11-26T13:00:00.000Z',
      language: 'en',
      questions: [{ id: 'q', text: 'Who coordinates?', citation: { findingId: 'f', sourceTitle: 'S', location: 'L', studies: [] }, citationText: 'Source: S, L' }],
      goals: { cases: [{ alias: 'family-A7', version: 0 }] },
    };
    const card = reminderCard(message, cardStyle((word, args) => (args ? `${word} ${args}` : word)));
    // The catalog's words, with the host's command words (Teams: no slash).
    expect(JSON.stringify(card)).toContain('**family-A7** (not filled in yet). Open with **goals show ALIAS**');
    expect(adaptiveCardProblems(card)).toEqual([]);
    // "Send answers" and the three command buttons, each carrying the reminder's id.
    expect(card.actions!.map((a) => (a.data as { reminderId: string }).reminderId)).toEqual(['r1', 'r1', 'r1', 'r1']);
  });

  it('a channel folder imports no other channel; src/cards imports none', () => {
    const root = new URL('../../src/', import.meta.url).pathname;
    // The channel folders (src/channels also holds what they share, such as http-errors.ts).
    const channels = readdirSync(join(root, 'channels'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(channels).toEqual(expect.arrayContaining(['slack', 'teams', 'web']));
    for (const channel of channels) {
      const others = channels.filter((c) => c !== channel);
      for (const file of sources(join(root, 'channels', channel))) {
        const text = readFileSync(file, 'utf8');
        for (const other of others) expect(text, file).not.toMatch(new RegExp(`from '(?:\\.\\./)+${other}/`));
      }
    }
    for (const file of sources(join(root, 'cards'))) expect(readFileSync(file, 'utf8'), file).not.toMatch(/from '\.\.\/channels\//);
  });
});
