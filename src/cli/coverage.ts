// Lists the sentences of the sources' body text that no finding quotes yet.
// Usage: npm run coverage:knowledge [-- SOURCE [FROM_LINE [TO_LINE]]]
import { loadKnowledge } from '../knowledge/load.js';
import { uncoveredPassages } from '../knowledge/coverage.js';

const [sourceArg, from, to] = process.argv.slice(2);
const k = loadKnowledge();
let total = 0;
for (const id of sourceArg ? [sourceArg] : [...k.sources.keys()]) {
  const passages = uncoveredPassages(k, id, from ? Number(from) : 1, to ? Number(to) : undefined);
  total += passages.length;
  for (const p of passages) console.log(`${p.source}:${p.line}  ${p.text.slice(0, 160)}`);
}
console.log(`${total} uncovered sentences`);
