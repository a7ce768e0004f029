// npm run bench: start-up with a built index, answer latency over the question sets, peak memory.
// Floors (issue #17): ready within 1.5 s with a built index; p95 answer latency at most 15 ms, on a quiet machine.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadKnowledge } from '../knowledge/load.js';
import { buildIndex, DEFAULT_INDEX_DIR } from '../retrieval/index.js';
import { createEngine } from '../answer/engine.js';
import { loadConfig } from '../config.js';
import { readQuestions } from '../evaluation/success.js';

const indexDir = loadConfig().SAMEN_INDEX_DIR ?? DEFAULT_INDEX_DIR;
buildIndex(loadKnowledge(), indexDir); // make sure a current index is on disk: we measure loading, not building

const t0 = performance.now();
const engine = createEngine({ indexDir });
const loadMs = performance.now() - t0;

const files = [resolve('../shared/eval/dev.jsonl'), resolve('tests/eval/questions.jsonl')].filter(existsSync);
const questions = files.flatMap(readQuestions).map((q) => q.q);
for (const q of questions.slice(0, 10)) engine.answer(q); // warm-up
const times: number[] = [];
for (let round = 0; round < 5; round += 1) {
  for (const q of questions) {
    const s = performance.now();
    engine.answer(q);
    times.push(performance.now() - s);
  }
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(`index load (knowledge + index + engine): ${loadMs.toFixed(0)} ms`);
console.log(`answers: ${times.length} (${questions.length} questions × 5), p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
console.log(`peak memory (max RSS): ${peakMb.toFixed(0)} MB`);
const ok = loadMs < 1500 && pct(95) <= 15;
console.log(ok ? 'Within the floors (ready < 1500 ms, p95 ≤ 15 ms).' : 'BELOW FLOOR: ready must be < 1500 ms and p95 ≤ 15 ms.');
