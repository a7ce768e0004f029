/**
 * OpenAI embeddings (OPENAI_EMBEDDINGS) through @langchain/openai against a fake
 * OpenAI-compatible server: the index records the model that built it, a changed model
 * rebuilds it, and the question is embedded only after its personal data was redacted.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, createEngineAsync } from '../../src/answer/engine.js';
import { createLlmComposer, llmSettings } from '../../src/answer/llm/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { REMOTE_VECTORS_FILE } from '../../src/retrieval/index.js';
import { loadIndexAsync, openAIEmbeddings } from '../../src/retrieval/remote.js';
import { parseConfig } from '../../src/config.js';
import { startFakeOpenAI, toolCall, type FakeOpenAI, type RecordedRequest } from '../helpers/fake-openai.js';
import { patient } from '../helpers/time.js';

let fake: FakeOpenAI;
const k = loadKnowledge();
const embeddingRequests = (reqs: RecordedRequest[]) => reqs.filter((r) => r.path.endsWith('/embeddings'));
const meta = (dir: string) => JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
// Retries as in production: a kept-alive connection the fake server closed meanwhile is retried.
const remote = (model: string) => openAIEmbeddings({ apiKey: 'sk-test', model, baseUrl: fake.baseUrl, maxRetries: 2 });

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake?.close();
});

// Builds the index three times: seconds each on a quiet machine, many more on a busy one.
describe('OpenAI embeddings for the vector index', { timeout: patient(60_000) }, () => {
  it('records the model in the index metadata and rebuilds when the model changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samen-remote-index-'));
    const log: string[] = [];
    const built = await loadIndexAsync(k, dir, (m) => log.push(m), remote('fake-embed-1'));
    expect(log.join('\n')).toContain('Building the search index (no index on disk)');
    expect(meta(dir).remote).toEqual({ model: 'fake-embed-1', dimensions: 8 });
    expect(existsSync(join(dir, REMOTE_VECTORS_FILE))).toBe(true);
    expect(built.remote?.model).toBe('fake-embed-1');
    const requests = embeddingRequests(fake.requests);
    for (const r of requests) {
      expect(r.body.model).toBe('fake-embed-1');
      expect(r.body.encoding_format).toBe('float');
    }
    // Every finding embedded once (in batches).
    expect(requests.reduce((n, r) => n + r.body.input.length, 0)).toBe(k.findings.length);

    // The same model: loaded as it is, nothing embedded again.
    fake.requests.length = 0;
    log.length = 0;
    const again = await loadIndexAsync(k, dir, (m) => log.push(m), remote('fake-embed-1'));
    expect(log).toEqual([]);
    expect(embeddingRequests(fake.requests)).toHaveLength(0);
    expect(again.remote?.vectors.getCurrentCount()).toBe(k.findings.length);

    // Another model: rebuilt and recorded.
    const changed = await loadIndexAsync(k, dir, (m) => log.push(m), remote('fake-embed-2'));
    expect(log.join('\n')).toContain('Building the search index (embedding model changed)');
    expect(log.join('\n')).not.toContain('unavailable');
    expect(meta(dir).remote.model).toBe('fake-embed-2');
    expect(changed.remote?.model).toBe('fake-embed-2');
    expect(embeddingRequests(fake.requests).at(-1)!.body.model).toBe('fake-embed-2');

    // Back to the offline embeddings only: rebuilt without remote vectors.
    log.length = 0;
    const offline = await loadIndexAsync(k, dir, (m) => log.push(m));
    expect(log.join('\n')).toContain('embedding model changed');
    expect(meta(dir).remote).toBeUndefined();
    expect(offline.remote).toBeUndefined();
  });

  it('uses the offline embeddings when the embeddings endpoint cannot be reached, and tries again next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samen-remote-down-'));
    const log: string[] = [];
    const down = openAIEmbeddings({ apiKey: 'sk-test', model: 'fake-embed-1', baseUrl: 'http://127.0.0.1:9/v1', maxRetries: 0 });
    const index = await loadIndexAsync(k, dir, (m) => log.push(m), down);
    expect(index.remote).toBeUndefined();
    expect(index.findings.size).toBe(k.findings.length);
    expect(log.join('\n')).toMatch(/Remote embeddings \(fake-embed-1\) unavailable/);
    expect(meta(dir).remote).toBeUndefined();
    log.length = 0;
    await loadIndexAsync(k, dir, (m) => log.push(m), remote('fake-embed-1'));
    expect(log.join('\n')).toContain('embedding model changed');
    expect(log.join('\n')).not.toContain('unavailable');
    expect(meta(dir).remote.model).toBe('fake-embed-1');
  });

  it('embeds the redacted question: a BSN never reaches the embeddings endpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samen-remote-query-'));
    const index = await loadIndexAsync(k, dir, () => {}, remote('fake-embed-1'));
    const llm = createLlmComposer({ apiKey: 'sk-test', model: 'fake-model', baseUrl: fake.baseUrl, timeoutMs: 10_000, maxRetries: 0 });
    const engine = new Engine(k, index, llm);
    fake.requests.length = 0;
    fake.setDefault(() => toolCall({ points: [{ text: 'Het helpt als alle partijen weten wat er van hen wordt verwacht.', citations: [1], section: 'helps' }] }));
    const reply = await engine.answerAsync('Wat helpt bij onduidelijke rollen rond het gezin met BSN 123456782?');
    expect(reply.kind).toBe('answer');
    expect(reply.mode).toBe('llm');
    const queries = embeddingRequests(fake.requests);
    expect(queries).toHaveLength(1);
    expect(JSON.stringify(queries[0].body.input)).toContain('onduidelijke rollen');
    for (const r of fake.requests) expect(r.raw).not.toContain('123456782');
  });

  it('createEngineAsync turns the remote embeddings on from the settings (OPENAI_EMBEDDINGS, OPENAI_EMBEDDINGS_MODEL)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samen-remote-engine-'));
    const settings = llmSettings(
      parseConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseUrl, OPENAI_EMBEDDINGS: 'true', OPENAI_EMBEDDINGS_MODEL: 'fake-embed-3' }),
    );
    expect(settings).toMatchObject({ embeddings: true, embeddingsModel: 'fake-embed-3' });
    const engine = await createEngineAsync({ indexDir: dir, llm: settings });
    expect(engine.index.remote?.model).toBe('fake-embed-3');
    expect(meta(dir).remote.model).toBe('fake-embed-3');
    expect(llmSettings(parseConfig({ OPENAI_API_KEY: 'sk-test' }))).toMatchObject({ embeddings: false });
  });
});
