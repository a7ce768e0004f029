// npm run fit [-- --hold-out=NAME] [--rounds=N]: fits the tuned constants of retrieval and answering on the judged
// sets by coordinate ascent (src/evaluation/fit.ts) and prints what it would change, with each set's figures before
// and after. It changes no file: copy the values into src/retrieval/tuning.ts and src/answer/tuning.ts, with the
// figures as their reason, and run npm run eval.
//   --hold-out=NAME  leave the judged sets whose file name contains NAME out of the fit and report them: how the
//                    fitted constants do on questions they were not fitted on.
import { basename } from 'node:path';
import { createEngine } from '../answer/engine.js';
import { toAskJson } from '../answer/ask-json.js';
import { ANSWER } from '../answer/tuning.js';
import { coordinateAscent, tunable, type Tunable } from '../evaluation/fit.js';
import { readJudged, scoreJudged, type JudgedFigures, type JudgedQuestion } from '../evaluation/judged.js';
import { FLOOR_SUCCESS_AT_5, JUDGED_FLOORS, JUDGED_SETS, NEAR, SUCCESS_SETS, passageJudge } from '../evaluation/sets.js';
import { evaluate, readQuestions } from '../evaluation/success.js';
import { RETRIEVAL } from '../retrieval/tuning.js';

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const heldOut = option('hold-out');
const rounds = Number(option('rounds') ?? 3);

/** The grid: for each constant, values around its current (fitted) one, wide enough to show where the optimum lies. */
const R = RETRIEVAL as unknown as Record<string, object>;
const TUNABLES: Tunable[] = [
  tunable('RETRIEVAL.rrfK', RETRIEVAL, ['rrfK'], [5, 10, 20, 40, 60]),
  tunable('RETRIEVAL.lexicalWeight', RETRIEVAL, ['lexicalWeight'], [0.6, 0.8, 1, 1.3]),
  tunable('RETRIEVAL.expansionRetrieverWeight', RETRIEVAL, ['expansionRetrieverWeight'], [0.25, 0.5, 0.75, 1]),
  tunable('RETRIEVAL.factorRetrieverWeight', RETRIEVAL, ['factorRetrieverWeight'], [0.5, 0.75, 1, 1.3, 1.6]),
  tunable('RETRIEVAL.factorDepth', RETRIEVAL, ['factorDepth'], [2, 3, 5, 7]),
  tunable('RETRIEVAL.vectorWeight', RETRIEVAL, ['vectorWeight'], [0.5, 0.7, 1, 1.3]),
  tunable('RETRIEVAL.latentWeight', RETRIEVAL, ['latentWeight'], [0.75, 1, 1.3, 1.6, 2]),
  tunable('RETRIEVAL.expansionWeight', RETRIEVAL, ['expansionWeight'], [0.3, 0.5, 0.7]),
  tunable('RETRIEVAL.expansionTotal', RETRIEVAL, ['expansionTotal'], [1, 1.5, 2]),
  tunable('RETRIEVAL.intentBoost', RETRIEVAL, ['intentBoost'], [1, 1.15, 1.3, 1.5, 1.8]),
  tunable('RETRIEVAL.candidates', RETRIEVAL, ['candidates'], [20, 40, 60]),
  tunable('RETRIEVAL.rolePrior.evidence', R.rolePrior, ['evidence'], [0.6, 0.7, 0.8, 0.9, 1]),
  tunable('RETRIEVAL.rolePrior.background', R.rolePrior, ['background'], [0.3, 0.4, 0.5, 0.6, 0.7]),
  tunable("RETRIEVAL.rolePrior['table-row']", R.rolePrior, ['table-row'], [0.3, 0.4, 0.5, 0.6, 0.7]),
  tunable('RETRIEVAL.overviewBoost', RETRIEVAL, ['overviewBoost'], [1, 1.25, 1.5, 2]),
  tunable('RETRIEVAL.countBoost', RETRIEVAL, ['countBoost'], [1.5, 2, 3, 4]),
  tunable('RETRIEVAL.coherenceDepth', RETRIEVAL, ['coherenceDepth'], [5, 10, 15]),
  tunable('RETRIEVAL.coherenceWeight', RETRIEVAL, ['coherenceWeight'], [0.5, 1, 1.5, 2]),
  tunable('RETRIEVAL.offTopicPrior', RETRIEVAL, ['offTopicPrior'], [0.3, 0.5, 0.7, 1]),
  tunable('RETRIEVAL.namedStudyBoost', RETRIEVAL, ['namedStudyBoost'], [2, 3, 4]),
  tunable('RETRIEVAL.namedSourceBoost', RETRIEVAL, ['namedSourceBoost'], [1.3, 2, 3, 4]),
  tunable('RETRIEVAL.fieldBoost keywords', R.fieldBoost, ['kwnl', 'kwen'], [1.5, 2, 3]),
  tunable('RETRIEVAL.fieldBoost asks', R.fieldBoost, ['asknl', 'asken'], [0.5, 1, 1.5, 2]),
  tunable('RETRIEVAL.fieldBoost text', R.fieldBoost, ['nl', 'en'], [0.3, 0.5, 1]),
  tunable('RETRIEVAL.fieldBoost.location', R.fieldBoost, ['location'], [0.1, 0.3, 0.7]),
  tunable('RETRIEVAL.bm25.k', R.bm25, ['k'], [1.2, 2, 2.5, 3, 4]),
  tunable('RETRIEVAL.bm25.b', R.bm25, ['b'], [0.3, 0.5, 0.7, 0.9]),
  tunable('ANSWER.relativeCutoff', ANSWER, ['relativeCutoff'], [0.4, 0.5, 0.6, 0.7]),
  tunable('ANSWER.askedKindCutoff', ANSWER, ['askedKindCutoff'], [0.25, 0.35, 0.5]),
  tunable('ANSWER.partnerShare', ANSWER, ['partnerShare'], [0.8, 0.9, 0.95, 0.98]),
  tunable('ANSWER.sameClaim', ANSWER, ['sameClaim'], [0.4, 0.55, 0.7]),
  tunable('ANSWER.maxCitationsPerPoint', ANSWER, ['maxCitationsPerPoint'], [1, 2]),
];
const initial = new Map(TUNABLES.map((t) => [t.name, t.get()]));

const engine = createEngine({ log: (m) => console.error(m) });
const judge = passageJudge(NEAR);
const sets = JUDGED_SETS.map((file) => ({ name: basename(file, '.jsonl'), questions: readJudged(file) }));
const flooredSuccessSets = SUCCESS_SETS.filter((s) => s.floor).map((s) => readQuestions(s.file));
const isHeldOut = (name: string) => heldOut !== undefined && name.includes(heldOut);
const training = sets.filter((s) => !isHeldOut(s.name));
if (training.length === 0) throw new Error(`--hold-out=${heldOut} leaves no set to fit on`);

function figures(questions: JudgedQuestion[]): JudgedFigures {
  return scoreJudged(
    questions,
    questions.map((q) => toAskJson(q.q, engine.answer(q.q.replace(/\n/g, ' ')))),
    judge,
  );
}

/** Whether a set's figures keep the floors CI enforces on it (the ratchet of src/evaluation/sets.ts). */
function keepsFloors(name: string, f: JudgedFigures): boolean {
  const floor = Object.entries(JUDGED_FLOORS).find(([file]) => file === `${name}.jsonl`)?.[1];
  if (!floor) return true;
  const at = (x: number) => Number(x.toFixed(3));
  return (['essentialAt5', 'essentialAt1', 'precisionAt5'] as const).every((k) => floor[k] === undefined || at(f[k]) >= floor[k]);
}

/**
 * What a user sees, as the judged figures measure it: the essential passages among the first five citations, the
 * first five on point, and (half as much) the first one essential. An in-scope question declined, or more than six
 * citations per answer on average, costs a whole point. Constants that would take a set below the floors CI keeps
 * are not a candidate, nor those that take a floored success@k set below its floor: the ratchet only goes up.
 */
function objective(): number {
  let sum = 0;
  for (const s of sets) {
    if (isHeldOut(s.name)) continue;
    const f = figures(s.questions);
    if (!keepsFloors(s.name, f)) return -Infinity;
    sum += f.essentialAt5 + f.precisionAt5 + 0.5 * f.essentialAt1 - f.noCitations - Math.max(0, f.citationsPerAnswer - 6);
  }
  // The older sets' floors hold too (success@5, every out-of-scope question declined): CI checks them.
  for (const qs of flooredSuccessSets) {
    const r = evaluate(engine, qs);
    if (r.successAt[5] < FLOOR_SUCCESS_AT_5 || r.abstainCorrect < r.abstainTotal) return -Infinity;
  }
  return sum / training.length;
}

function report(title: string): void {
  console.log(`\n${title}`);
  for (const s of sets) {
    const f = figures(s.questions);
    console.log(
      `  ${s.name}${isHeldOut(s.name) ? ' (held out)' : ''}: essential@5 ${f.essentialAt5.toFixed(3)}  essential@1 ${f.essentialAt1.toFixed(3)}  precision@5 ${f.precisionAt5.toFixed(3)}  citations ${f.citationsPerAnswer.toFixed(2)}  in-scope declined ${f.noCitations}`,
    );
  }
  for (const { file } of SUCCESS_SETS) {
    const r = evaluate(engine, readQuestions(file));
    console.log(`  ${basename(file, '.jsonl')}: success@1 ${r.successAt[1].toFixed(3)}  success@5 ${r.successAt[5].toFixed(3)}`);
  }
}

console.log(`Fitting ${TUNABLES.length} constants on ${training.map((s) => s.name).join(', ')}${heldOut ? `; held out: ${heldOut}` : ''}`);
report('Before');
const result = coordinateAscent(TUNABLES, objective, {
  rounds,
  onStep: (s) => console.log(`  ${s.name}: ${s.from} → ${s.to} (objective ${s.objective.toFixed(4)})`),
  onRound: (round, best) => console.log(`round ${round}: objective ${best.toFixed(4)}`),
});
report('After');
console.log(`\nObjective ${result.start.toFixed(4)} → ${result.best.toFixed(4)} in ${result.rounds} round(s). Changed:`);
for (const t of TUNABLES) if (t.get() !== initial.get(t.name)) console.log(`  ${t.name}: ${initial.get(t.name)} → ${t.get()}`);
