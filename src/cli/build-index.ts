// Builds the search index from the knowledge base and saves it (knowledge/index/).
import { loadKnowledge } from '../knowledge/load.js';
import { buildIndex, DEFAULT_INDEX_DIR } from '../retrieval/index.js';

const started = performance.now();
const k = loadKnowledge();
const index = buildIndex(k, process.argv[2] ?? DEFAULT_INDEX_DIR);
console.log(
  `Indexed ${index.meta.ids.length} findings with ${index.meta.embeddingModel} in ${Math.round(performance.now() - started)} ms → ${process.argv[2] ?? DEFAULT_INDEX_DIR}`,
);
