// npm run ingest -- FILE [--id ID] [--title "Title"]
// Adds a plain-text or Markdown document to the knowledge base; the index rebuilds at next start.
import { parseArgs } from 'node:util';
import { KNOWLEDGE_DIR, loadKnowledge } from '../knowledge/load.js';
import { ingestFile } from '../knowledge/ingest.js';
import { groundingProblems } from '../knowledge/verify.js';

const { values, positionals } = parseArgs({ options: { id: { type: 'string' }, title: { type: 'string' } }, allowPositionals: true });
if (positionals.length !== 1) {
  console.error('Usage: npm run ingest -- FILE [--id ID] [--title "Title"]');
  process.exit(2);
}
try {
  const { source, findings } = ingestFile(positionals[0], { knowledgeDir: KNOWLEDGE_DIR, id: values.id, title: values.title });
  const problems = groundingProblems(loadKnowledge()).filter((p) => p.includes(`${source.id}-p`));
  console.log(`Ingested "${source.title.en}" as source "${source.id}": ${findings.length} passages, ${new Set(findings.flatMap((f) => f.studies)).size} cited studies.`);
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
