// Validates the knowledge base: schema, unique ids, verbatim quotes, studies near their quotes.
import { loadKnowledge, KnowledgeError } from '../knowledge/load.js';
import { groundingProblems } from '../knowledge/verify.js';

try {
  const k = loadKnowledge();
  const problems = groundingProblems(k);
  for (const p of problems) console.log(p);
  const bySource = [...k.sources.keys()].map((s) => `${s}: ${k.findings.filter((f) => f.source === s).length}`);
  console.log(`${k.findings.length} findings (${bySource.join(', ')}), ${k.thesaurus.length} thesaurus entries, ${problems.length} problems`);
  process.exit(problems.length ? 1 : 0);
} catch (e) {
  if (e instanceof KnowledgeError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
