// npm run ask -- "question"          prints the answer for a person
// npm run ask -- --json "question"   prints one JSON object
// npm run ask -- --json < file       one question per line in, one JSON object per line out
// npm run ask -- --all "question"    every relevant finding instead of the short answer
// With OPENAI_API_KEY set (see prompts/README.md) answers are written by the model, verified.
import { createInterface } from 'node:readline';
import { createEngine, createEngineAsync } from '../answer/engine.js';
import { llmSettings } from '../answer/llm/settings.js';
import { loadConfig } from '../config.js';
import { toAskJson } from '../answer/ask-json.js';
import { renderText } from '../answer/plain-text.js';
import { coreFor } from '../conversation/core.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const all = args.includes('--all');
const question = args.filter((a) => a !== '--json' && a !== '--all').join(' ').trim();
const config = loadConfig();
const llm = llmSettings(config);
const log = (m: string) => process.stderr.write(`${m}\n`);
// Without a model, no LangChain to load: createEngine is the quick way.
const engine = llm ? await createEngineAsync({ indexDir: config.SAMEN_INDEX_DIR, log, llm }) : createEngine({ indexDir: config.SAMEN_INDEX_DIR, log });
// Through the core, as every channel: the question's length limit and the personal-data warning.
const core = coreFor(engine, config.SAMEN_LANGUAGE);

if (question) {
  const reply = await core.answer(question, { all });
  console.log(json ? JSON.stringify(toAskJson(question, reply)) : renderText(reply));
} else if (json) {
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    console.log(JSON.stringify(toAskJson(line.trim(), await core.answer(line, { all }))));
  }
} else {
  console.error('Usage: npm run ask -- [--json] "your question"');
  process.exit(2);
}
