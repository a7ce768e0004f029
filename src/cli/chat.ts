// An interactive chat with Samen in the terminal: no account needed. Without OPENAI_API_KEY
// no network either; with it, answers are written by the configured model, verified.
import { createInterface } from 'node:readline/promises';
import { createEngine } from '../answer/engine.js';
import { llmSettings } from '../answer/llm/settings.js';
import type { Turn } from '../answer/llm/composer.js';
import { loadConfig } from '../config.js';
import { renderText } from '../channels/terminal/render.js';
import { coreFor } from '../server/core.js';

const config = loadConfig();
const engine = createEngine({ log: (m) => console.log(m), llm: llmSettings(config) });
// Through the core, as every channel: the question's length limit and the personal-data warning.
const core = coreFor(engine, config.SAMEN_LANGUAGE);
console.log(renderText(engine.answer('help')));
console.log('\n(Type a question in Dutch or English; an empty line or Ctrl-D ends the chat.)');
const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
const history: Turn[] = [];
rl.setPrompt('\nSamen> ');
rl.prompt();
for await (const line of rl) {
  if (!line.trim()) break;
  const reply = await core.answer(line, { history });
  console.log(`\n${renderText(reply)}`);
  if (reply.kind === 'answer') history.push({ question: reply.question, answer: reply.sections.flatMap((s) => s.points.map((p) => p.text)).join(' ') });
  rl.prompt();
}
rl.close();
