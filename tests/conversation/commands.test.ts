/** The one parser of what users type (src/conversation/commands.ts), for every channel. */
import { describe, expect, it } from 'vitest';
import { COMMAND_WORDS, help, parseInput } from '../../src/conversation/commands.js';
import { plainText, list } from '../../src/conversation/markup.js';
import { MESSAGES } from '../../src/answer/messages.js';

describe('parseInput', () => {
  it('knows every command word of both languages, with or without a slash, in any case', () => {
    const all = Object.entries(COMMAND_WORDS).flatMap(([, words]) => Object.entries(words).flatMap(([command, ws]) => ws.map((w) => [command, w])));
    expect(all.map(([, w]) => w).sort()).toEqual(['?', '?', 'doelen', 'goals', 'help', 'hulp', 'reflect', 'reflecteer', 'reflectie', 'reflection', 'uitleg', 'werkafspraken']);
    for (const [command, word] of all) {
      for (const typed of [word, `/${word}`, word.toUpperCase(), `  ${word}  `]) {
        expect(parseInput(typed), typed).toEqual(command === 'help' ? { kind: 'help' } : { kind: command, args: '' });
      }
    }
  });

  it('gives goals and reflect the rest of the line as their arguments', () => {
    expect(parseInput('goals gezin-A7')).toEqual({ kind: 'goals', args: 'gezin-A7' });
    expect(parseInput('/doelen   show  gezin-A7')).toEqual({ kind: 'goals', args: 'show gezin-A7' });
    expect(parseInput('Werkafspraken list')).toEqual({ kind: 'goals', args: 'list' });
    expect(parseInput('reflect weekly thursday 14:00 Europe/London')).toEqual({ kind: 'reflect', args: 'weekly thursday 14:00 Europe/London' });
    expect(parseInput('reflecteer pauze')).toEqual({ kind: 'reflect', args: 'pauze' });
    expect(parseInput('/reflectie now')).toEqual({ kind: 'reflect', args: 'now' });
    expect(parseInput('reflection list')).toEqual({ kind: 'reflect', args: 'list' });
  });

  it('reads nothing as help, and `help goals` as the goals help', () => {
    expect(parseInput('')).toEqual({ kind: 'help' });
    expect(parseInput('   ')).toEqual({ kind: 'help' });
    expect(parseInput('help goals')).toEqual({ kind: 'goals', args: 'help' });
    expect(parseInput('hulp /reflectie')).toEqual({ kind: 'reflect', args: 'help' });
    expect(parseInput('uitleg help')).toEqual({ kind: 'question', question: 'uitleg help' });
  });

  it('reads everything else as a question, also a question that starts with a command word', () => {
    expect(parseInput('Wat helpt bij onduidelijke rollen?')).toEqual({ kind: 'question', question: 'Wat helpt bij onduidelijke rollen?' });
    expect(parseInput('Reflectie in casusoverleg: wat helpt?')).toEqual({ kind: 'question', question: 'Reflectie in casusoverleg: wat helpt?' });
    expect(parseInput('help with unclear roles')).toEqual({ kind: 'question', question: 'help with unclear roles' });
    expect(parseInput('goalsetting')).toEqual({ kind: 'question', question: 'goalsetting' });
    expect(parseInput('  two\n lines ')).toEqual({ kind: 'question', question: 'two lines' });
  });
});

describe('help', () => {
  it('is the core help text with the commands, in each language, without asking the core', () => {
    for (const language of ['nl', 'en'] as const) {
      const view = help(language);
      expect(view.reply).toMatchObject({ kind: 'help', language, title: MESSAGES.helpTitle[language], followUps: MESSAGES.examples[language] });
      const commands = plainText([list(...view.commands.items)]);
      expect(commands).toMatch(/^- help: /m);
      expect(commands).toMatch(/^- \/goals: /m);
      expect(commands).toMatch(/^- \/reflect: /m);
    }
  });
});
