import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/shared/language.js';

describe('question language', () => {
  it('reads Dutch and English questions, also short ones full of loan words', () => {
    expect(detectLanguage('Wat helpt bij onduidelijke rollen?')).toBe('nl');
    expect(detectLanguage('What helps with unclear roles?')).toBe('en');
    // One function word decides a short question: franc's trigrams read these as Dutch.
    expect(detectLanguage('leadership - what works?')).toBe('en');
    expect(detectLanguage('casemanagement: wat werkt?')).toBe('nl');
    expect(detectLanguage('rolverwarring?', 'nl')).toBe('nl');
  });

  it('ignores study references, which are in neither language', () => {
    expect(detectLanguage('Wat vonden Kothari et al. (2022)?')).toBe('nl');
    expect(detectLanguage('What did Darlington et al. (2004) find?')).toBe('en');
  });
});
