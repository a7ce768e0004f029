// An interactive chat with Samen in the terminal: no network, no account needed.
import { createInterface } from 'node:readline/promises';
import { createEngine } from '../answer/engine.js';
import { renderText } from '../channels/terminal/render.js';

const engine = createEngine({ log: (m) => console.log(m) });
console.log(renderText(engine.answer('help')));
console.log('\n(Type a question in Dutch or English; an empty line or Ctrl-D ends the chat.)');
const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
rl.setPrompt('\nSamen> ');
rl.prompt();
for await (const line of rl) {
  if (!line.trim()) break;
  console.log(`\n${renderText(engine.answer(line))}`);
  rl.prompt();
}
rl.close();
