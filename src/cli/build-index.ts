// Builds the search index from the knowledge base and saves it: in the folder given, else
// SAMEN_INDEX_DIR, else knowledge/index/ (where the server and the commands load it from).
import { loadConfig } from '../config.js';
import { loadKnowledge } from '../knowledge/load.js';
import { buildIndex, DEFAULT_INDEX_DIR } from '../retrieval/index.js';

const started = performance.now();
const k = loadKnowledge();
const dir = process.argv[2] ?? loadConfig().SAMEN_INDEX_DIR ?? DEFAULT_INDEX_DIR;
const index = buildIndex(k, dir);
console.log(
  `Indexed ${index.meta.ids.length} findings with ${index.meta.embeddingModel} in ${Math.round(performance.now() - started)} ms → ${dir}`,
);
