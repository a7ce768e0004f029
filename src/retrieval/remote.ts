/**
 * Remote embeddings for the vector half of the search (OPENAI_EMBEDDINGS=true): OpenAI's
 * (or an OpenAI-compatible server's) embeddings through LangChain's OpenAIEmbeddings. The
 * findings are embedded when the index is built, into remote-vectors.hnsw next to the
 * offline index, and the metadata records the model, so a changed model rebuilds the index
 * at start-up. The offline index stays complete and is what every synchronous search uses;
 * only answerAsync embeds the question remotely (the redacted question: personal data never
 * reaches the embeddings endpoint) and searches these vectors instead.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { OpenAIEmbeddings } from '@langchain/openai';
import type { Knowledge } from '../knowledge/load.js';
import { REMOTE_VECTORS_FILE, buildIndex, embeddingText, knowledgeHash, loadIndex, staleReason, type IndexMeta, type SearchIndex } from './index.js';

export interface RemoteVectors {
  /** The embedding model, as recorded in the index metadata. */
  model: string;
  vectors: InstanceType<typeof hnswlib.HierarchicalNSW>;
  /** The question's vector; the text must already be redacted. */
  embedQuery(text: string): Promise<number[]>;
}

export interface RemoteEmbeddings {
  model: string;
  embeddings: EmbeddingsInterface;
}

export interface OpenAIEmbeddingSettings {
  apiKey: string;
  model: string;
  baseUrl?: string;
  timeoutMs?: number;
  maxRetries?: number;
}

/** OpenAI embeddings (or an OpenAI-compatible server's), as floats (local servers rarely speak base64). */
export function openAIEmbeddings(settings: OpenAIEmbeddingSettings): RemoteEmbeddings {
  return {
    model: settings.model,
    embeddings: new OpenAIEmbeddings({
      apiKey: settings.apiKey,
      model: settings.model,
      encodingFormat: 'float',
      timeout: settings.timeoutMs,
      maxRetries: settings.maxRetries ?? 2,
      ...(settings.baseUrl ? { configuration: { baseURL: settings.baseUrl } } : {}),
    }),
  };
}

function remoteVectors(remote: RemoteEmbeddings, vectors: RemoteVectors['vectors']): RemoteVectors {
  return { model: remote.model, vectors, embedQuery: (text) => remote.embeddings.embedQuery(text) };
}

/** Embeds every finding remotely, writes remote-vectors.hnsw and records the model in meta.json. */
export async function buildRemoteVectors(k: Knowledge, index: SearchIndex, dir: string, remote: RemoteEmbeddings): Promise<RemoteVectors> {
  const byId = new Map(k.findings.map((f) => [f.id, f]));
  const texts = index.meta.ids.map((id) => embeddingText(byId.get(id)!));
  const embedded = await remote.embeddings.embedDocuments(texts);
  const dimensions = embedded[0]?.length ?? 0;
  if (embedded.length !== texts.length || dimensions === 0 || embedded.some((v) => v.length !== dimensions)) {
    throw new Error('the embeddings endpoint did not return one vector of one size per finding');
  }
  const vectors = new hnswlib.HierarchicalNSW('cosine', dimensions);
  vectors.initIndex(Math.max(1, texts.length), 16, 200, 100);
  for (const [i, v] of embedded.entries()) vectors.addPoint(v, i);
  vectors.setEf(Math.max(50, Math.min(200, texts.length)));
  vectors.writeIndexSync(join(dir, REMOTE_VECTORS_FILE));
  const meta: IndexMeta = { ...index.meta, remote: { model: remote.model, dimensions } };
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
  index.meta.remote = meta.remote;
  return remoteVectors(remote, vectors);
}

/**
 * Loads the index (see loadIndex) and, with remote embeddings, its remote vectors. Rebuilds
 * when the knowledge, the format or the embedding model changed (also from remote to none
 * and back). When the remote embeddings cannot be had, the offline index is used (logged)
 * and the next start tries again.
 */
export async function loadIndexAsync(
  k: Knowledge,
  dir: string,
  log: (msg: string) => void = () => {},
  remote?: RemoteEmbeddings,
): Promise<SearchIndex> {
  const hash = knowledgeHash(k.dir);
  const reason = staleReason(dir, hash, undefined, remote?.model ?? null);
  if (reason) {
    log(`Building the search index (${reason})…`);
    const index = buildIndex(k, dir, hash, log);
    if (!remote) return index;
    try {
      index.remote = await buildRemoteVectors(k, index, dir, remote);
    } catch (err) {
      log(`Remote embeddings (${remote.model}) unavailable: ${err instanceof Error ? err.message : String(err)}; using the offline embeddings`);
    }
    return index;
  }
  const index = loadIndex(k, dir, log);
  if (remote) {
    const vectors = new hnswlib.HierarchicalNSW('cosine', index.meta.remote!.dimensions);
    vectors.readIndexSync(join(dir, REMOTE_VECTORS_FILE));
    vectors.setEf(Math.max(50, Math.min(200, index.meta.ids.length)));
    index.remote = remoteVectors(remote, vectors);
  }
  return index;
}
