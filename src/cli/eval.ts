// npm run eval [-- FILE ...]: retrieval quality on question files. By default the public dev set and
// the project's own set, which carry the retrieval issue's floors (exit 1 below them), and the
// held-out sets, which are reported without a floor: they are the check on over-fitting.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEngine } from '../answer/engine.js';
import { evaluate, readQuestions } from '../answer/evaluate.js';

const FLOOR_SUCCESS_AT_5 = 0.95;
const defaults = [
  { file: resolve('../shared/eval/dev.jsonl'), floor: true },
  { file: resolve('tests/eval/questions.jsonl'), floor: true },
  // Written from the two reviews by someone who saw neither the code nor the other sets.
  { file: resolve('tests/eval/heldout.jsonl'), floor: false },
  { file: resolve('tests/eval/heldout-2.jsonl'), floor: false },
  { file: resolve('tests/eval/heldout-3.jsonl'), floor: false },
].filter((s) => existsSync(s.file));
const named = process.argv.slice(2).map((file) => ({ file, floor: true }));
const sets = named.length ? named : defaults;
const engine = createEngine({ log: (m) => console.error(m) });
let ok = true;
for (const { file, floor } of sets) {
  const r = evaluate(engine, readQuestions(file));
  console.log(`\n${file} (${r.questions} questions${floor ? '' : ', held out: reported, no floor'})`);
  for (const m of r.misses) console.log(`  miss ${m.id}: ${m.q} — ${m.why}`);
  const f = (x: number) => x.toFixed(3);
  console.log(
    `  success@1 ${f(r.successAt[1])}  success@3 ${f(r.successAt[3])}  success@5 ${f(r.successAt[5])}  MRR ${f(r.mrr)}  declined ${r.abstainCorrect}/${r.abstainTotal}  language ${r.languageCorrect}/${r.questions}`,
  );
  if (floor && (r.successAt[5] < FLOOR_SUCCESS_AT_5 || r.abstainCorrect < r.abstainTotal)) ok = false;
}
console.log(
  ok
    ? '\nThe dev and own sets meet the floors.'
    : `\nBELOW FLOOR: success@5 must be ≥ ${FLOOR_SUCCESS_AT_5} and every out-of-scope question declined on the dev and own sets.`,
);
process.exit(ok ? 0 : 1);
