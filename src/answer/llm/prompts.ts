/**
 * The prompts live as text files in prompts/ (system.md, answer.md, condense.md), each
 * opening with a version line `<!-- samen-prompt: NAME vN -->`. They are read once and
 * turned into LangChain prompt templates.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChatPromptTemplate, PromptTemplate } from '@langchain/core/prompts';

export const PROMPTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../prompts');

export interface PromptFile {
  name: string;
  version: string;
  text: string;
}

const HEADER = /^<!--\s*samen-prompt:\s*([a-z-]+)\s+(v\d+)\s*-->\s*\n/;

export function readPrompt(name: 'system' | 'answer' | 'condense', dir = PROMPTS_DIR): PromptFile {
  const raw = readFileSync(join(dir, `${name}.md`), 'utf8').replace(/\r\n/g, '\n');
  const m = HEADER.exec(raw);
  if (!m || m[1] !== name) throw new Error(`prompts/${name}.md must start with <!-- samen-prompt: ${name} vN -->`);
  return { name, version: m[2], text: raw.slice(m[0].length).trim() };
}

export interface Prompts {
  answer: ChatPromptTemplate;
  condense: PromptTemplate;
  /** e.g. { system: 'v1', answer: 'v1', condense: 'v1' }, for logs. */
  versions: Record<string, string>;
}

export function loadPrompts(dir = PROMPTS_DIR): Prompts {
  const system = readPrompt('system', dir);
  const answer = readPrompt('answer', dir);
  const condense = readPrompt('condense', dir);
  return {
    answer: ChatPromptTemplate.fromMessages([
      ['system', system.text],
      ['human', answer.text],
    ]),
    condense: PromptTemplate.fromTemplate(condense.text),
    versions: { system: system.version, answer: answer.version, condense: condense.version },
  };
}
