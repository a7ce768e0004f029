import { describe, expect, it } from 'vitest';
import { condenseFollowUp, continuesEarlierQuestion, standaloneQuestion } from '../../src/answer/followup.js';
import { MAX_TURNS, turnFor, withTurn } from '../../src/answer/history.js';
import type { Reply } from '../../src/shared/reply.js';
import { testEngine } from '../helpers/engine.js';

describe('condenseFollowUp', () => {
  it('combines a short follow-up with the earlier question', () => {
    expect(condenseFollowUp('Wat helpt bij onduidelijke rollen?', 'en voor scholen?')).toBe(
      'Wat helpt bij onduidelijke rollen? En voor scholen?',
    );
    expect(condenseFollowUp('What hinders information sharing', 'and in schools?')).toBe(
      'What hinders information sharing? And in schools?',
    );
  });

  it('combines a longer follow-up that opens as a continuation', () => {
    expect(continuesEarlierQuestion('and what about the role of the general practitioner here?')).toBe(true);
    expect(condenseFollowUp('Wat helpt?', 'hoe zit het met de huisarts in zo’n overleg?')).toBe(
      'Wat helpt? Hoe zit het met de huisarts in zo’n overleg?',
    );
  });

  it('leaves a standalone question, a greeting or help alone', () => {
    expect(condenseFollowUp('Wat helpt bij onduidelijke rollen?', 'Hoe bouw je wederzijds vertrouwen op tussen professionals?')).toBe(
      'Hoe bouw je wederzijds vertrouwen op tussen professionals?',
    );
    expect(condenseFollowUp('Wat helpt?', 'bedankt!')).toBe('bedankt!');
    expect(condenseFollowUp('Wat helpt?', 'help')).toBe('help');
    expect(condenseFollowUp(undefined, 'en voor scholen?')).toBe('en voor scholen?');
    expect(condenseFollowUp('', '  en   voor scholen? ')).toBe('en voor scholen?');
  });
});

describe('thread history for follow-ups (src/answer/history.ts)', () => {
  const q = (question: string) => ({ question });

  it('reads a follow-up with the last question that stood on its own, as the channels did with one remembered question', () => {
    const turns = [q('Wat helpt bij onduidelijke rollen?'), q('en voor scholen?')];
    expect(standaloneQuestion(turns)).toBe('Wat helpt bij onduidelijke rollen?');
    expect(condenseFollowUp(standaloneQuestion(turns), 'en voor de GGZ?')).toBe('Wat helpt bij onduidelijke rollen? En voor de GGZ?');
    const moved = [...turns, q('Hoe bouw je wederzijds vertrouwen op tussen professionals?')];
    expect(standaloneQuestion(moved)).toBe('Hoe bouw je wederzijds vertrouwen op tussen professionals?');
    expect(standaloneQuestion([])).toBeUndefined();
  });

  it('keeps a few turns, and always the question the later ones continue', () => {
    let turns = withTurn([], q('Wat helpt bij onduidelijke rollen?'));
    for (const f of ['en voor scholen?', 'en voor de GGZ?', 'en bij huisartsen?', 'en bij de politie?', 'en in het onderwijs?']) turns = withTurn(turns, q(f));
    expect(turns).toHaveLength(MAX_TURNS);
    expect(turns[0].question).toBe('Wat helpt bij onduidelijke rollen?');
    expect(turns.at(-1)!.question).toBe('en in het onderwijs?');
    turns = withTurn(turns, q('Hoe bouw je wederzijds vertrouwen op tussen professionals?'));
    expect(turns).toHaveLength(MAX_TURNS);
    expect(standaloneQuestion(turns)).toBe('Hoe bouw je wederzijds vertrouwen op tussen professionals?');
  });

  it('keeps a turn redacted: personal data in the question or the answer becomes a placeholder', () => {
    const reply = { sections: [{ points: [{ text: 'Bel 06-12345678 voor overleg.' }] }] } as unknown as Reply;
    expect(turnFor('Wat helpt bij Jan de Vries (BSN 123456782)?', reply)).toEqual({
      question: 'Wat helpt bij [name] (BSN [bsn])?',
      answer: 'Bel [phone] voor overleg.',
    });
  });
});

describe('a follow-up is read once per question', () => {
  it('the engine answers the reading the core made (to know its language) instead of condensing the follow-up again', async () => {
    const engine = testEngine();
    const history = [{ question: 'Wat helpt bij onduidelijke rollen?' }];
    const own = await engine.answerAsync('en voor scholen?', { history });
    expect(own.question).toMatch(/rollen/);
    const given = await engine.answerAsync('en voor scholen?', { history, standalone: 'Wat helpt bij gedeelde doelen? En voor scholen?' });
    expect(given.question).toMatch(/gedeelde doelen/);
    expect(given.question).not.toMatch(/rollen/);
  });
});
