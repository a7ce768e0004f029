// An interactive chat with Samen in the terminal: no account needed. Without OPENAI_API_KEY
// no network either; with it, answers are written by the configured model, verified.
import { createInterface } from 'node:readline/promises';
import { createEngine, createEngineAsync } from '../answer/engine.js';
import { llmSettings } from '../answer/llm/settings.js';
import { renderText } from '../answer/plain-text.js';
import { ask, noticeOf, replyOf } from '../conversation/ask.js';
import { help } from '../conversation/commands.js';
import { plainText } from '../conversation/markup.js';
import { MemoryState } from '../conversation/memory-state.js';
import { loadConfig } from '../config.js';
import { coreFor } from '../conversation/core.js';

const config = loadConfig();
const llm = llmSettings(config);
const log = (m: string) => console.log(m);
// Without a model, no LangChain to load: createEngine is the quick way.
const engine = llm ? await createEngineAsync({ indexDir: config.SAMEN_INDEX_DIR, log, llm }) : createEngine({ indexDir: config.SAMEN_INDEX_DIR, log });
// Through the conversation layer, as every channel: the core's guard, follow-ups read with the
// earlier turns (kept in memory, redacted, the last few).
const deps = { core: coreFor(engine, config.SAMEN_LANGUAGE), state: new MemoryState(), language: config.SAMEN_LANGUAGE };
const scope = { platform: 'web' as const, tenantId: 'terminal' };
console.log(renderText(help(config.SAMEN_LANGUAGE).reply));
console.log('\n(Type a question in Dutch or English; an empty line or Ctrl-D ends the chat.)');
const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
rl.setPrompt('\nSamen> ');
rl.prompt();
for await (const line of rl) {
  if (!line.trim()) break;
  const outcome = await ask(deps, { question: line, scope, conversation: 'chat' });
  const reply = replyOf(outcome);
  console.log(`\n${reply ? renderText(reply) : plainText(noticeOf(outcome))}`);
  rl.prompt();
}
rl.close();
