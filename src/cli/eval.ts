// npm run eval [-- FILE ...]: retrieval quality on question files (default: the public dev set
// and the project's own sets). Exits 1 when a figure is below the floors of the retrieval issue.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEngine } from '../answer/engine.js';
import { evaluate, readQuestions } from '../answer/evaluate.js';

const FLOOR_SUCCESS_AT_5 = 0.95;
const defaults = [
  resolve('../shared/eval/dev.jsonl'),
  resolve('tests/eval/questions.jsonl'),
  // Written from the two reviews by someone who saw neither the code nor the other sets: the check on over-fitting.
  resolve('tests/eval/heldout.jsonl'),
].filter(existsSync);
const files = process.argv.slice(2).length ? process.argv.slice(2) : defaults;
const engine = createEngine({ log: (m) => console.error(m) });
let ok = true;
for (const file of files) {
  const r = evaluate(engine, readQuestions(file));
  console.log(`\n${file} (${r.questions} questions)`);
  for (const m of r.misses) console.log(`  miss ${m.id}: ${m.q} — ${m.why}`);
  const f = (x: number) => x.toFixed(3);
  console.log(
    `  success@1 ${f(r.successAt[1])}  success@3 ${f(r.successAt[3])}  success@5 ${f(r.successAt[5])}  MRR ${f(r.mrr)}  declined ${r.abstainCorrect}/${r.abstainTotal}  language ${r.languageCorrect}/${r.questions}`,
  );
  if (r.successAt[5] < FLOOR_SUCCESS_AT_5 || r.abstainCorrect < r.abstainTotal) ok = false;
}
console.log(ok ? '\nAll figures meet the floors.' : `\nBELOW FLOOR: success@5 must be ≥ ${FLOOR_SUCCESS_AT_5} and every out-of-scope question declined.`);
process.exit(ok ? 0 : 1);
