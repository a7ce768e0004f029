import { describe, expect, it } from 'vitest';
import { condenseFollowUp, continuesEarlierQuestion } from '../../src/answer/followup.js';

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
