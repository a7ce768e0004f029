/**
 * What a user typed, read once for every channel: help, goals or reflect (with their
 * arguments), or a question. One set of command words per language; a leading slash is
 * allowed (Slack's /samen text and mentions, Teams, the web chat all come here). Help is the
 * conversation layer's own: the core's help text and the commands, in the catalog's words.
 */
import { helpReply } from '../answer/compose.js';
import type { Language, Reply } from '../shared/reply.js';
import type { CommandWord, Inline } from './markup.js';
import { texts } from './texts/index.js';

/** The words each command is typed with, per language (matched case-insensitively). */
export const COMMAND_WORDS: Record<Language, Record<CommandWord, readonly string[]>> = {
  nl: { help: ['hulp', 'uitleg', '?'], goals: ['doelen', 'werkafspraken'], reflect: ['reflectie', 'reflecteer'] },
  en: { help: ['help', '?'], goals: ['goals'], reflect: ['reflect', 'reflection'] },
};

const WORD = new Map<string, CommandWord>(
  Object.values(COMMAND_WORDS).flatMap((words) => Object.entries(words).flatMap(([command, ws]) => ws.map((w) => [w, command as CommandWord] as const))),
);

export type Input =
  | { kind: 'help' }
  | { kind: 'goals' | 'reflect'; args: string }
  | { kind: 'question'; question: string };

/**
 * Reads a line: nothing or a help word alone is help; `help goals` is the goals help; a
 * goals or reflect word first is that command with the rest as its arguments; anything else
 * is a question. A line of several words that ends in a question mark is always a question
 * ("Reflectie in casusoverleg: wat helpt?").
 */
export function parseInput(text: string): Input {
  const line = text.trim().replace(/\s+/g, ' ');
  if (line === '') return { kind: 'help' };
  const [first, ...rest] = line.split(' ');
  const word = WORD.get(first.toLowerCase().replace(/^\//, ''));
  if (!word || (rest.length > 0 && line.endsWith('?'))) return { kind: 'question', question: line };
  const args = rest.join(' ');
  if (word !== 'help') return { kind: word, args };
  if (args === '') return { kind: 'help' };
  // help goals / help reflect: that command's own help.
  const topic = rest.length === 1 ? WORD.get(args.toLowerCase().replace(/^\//, '')) : undefined;
  return topic && topic !== 'help' ? { kind: topic, args: 'help' } : { kind: 'question', question: line };
}

/** The help: the core's help text (what Samen is, example questions) and the commands. */
export interface HelpView {
  reply: Reply;
  /** The commands, one list item each, in the neutral markup (each channel writes its own command words). */
  commands: { heading: string; items: Inline[][] };
}

export function help(language: Language): HelpView {
  const t = texts(language).help;
  return { reply: helpReply('', language), commands: { heading: t.commandsHeading, items: t.commands } };
}
