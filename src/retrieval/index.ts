/**
 * The search index over the knowledge base: a BM25 index (MiniSearch) on analysed Dutch
 * and English text, and a vector index (hnswlib) on the offline embeddings. Built by
 * `npm run build-index`, saved to disk, and rebuilt at start-up when the knowledge, the indexing code or the
 * embedding model changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import hnswlib from 'hnswlib-node';
import type { Factor, Finding } from '../knowledge/schema.js';
import { KNOWLEDGE_DIR, type Knowledge } from '../knowledge/load.js';
import { CompoundSplitter, isStopWord, terms, words } from './analyze.js';
import { CharNgramEmbeddings, type CharNgramState } from './embeddings.js';
import { LatentSemantics, type LatentState, type TermBag } from './latent.js';
import type { RemoteVectors } from './remote.js';
import { RETRIEVAL } from './tuning.js';

export const DEFAULT_INDEX_DIR = join(KNOWLEDGE_DIR, 'index');
/**
 * A hash of the TypeScript sources of the given files of src/ (paths from src/), so that the same code gives the
 * same version whether it runs through tsx or compiled into dist/ (`npm run ask`): the two share one index. A
 * compiled copy without its sources hashes the files it runs.
 */
export function codeVersion(files: string[]): string {
  const h = createHash('sha256');
  for (const file of files) {
    // From src/retrieval/ and from dist/retrieval/ alike, ../../src/ is the sources' folder.
    const source = fileURLToPath(new URL(`../../src/${file}`, import.meta.url));
    const running = fileURLToPath(new URL(`../${file.replace(/\.ts$/, extname(import.meta.url))}`, import.meta.url));
    const path = existsSync(source) ? source : running;
    if (existsSync(path)) h.update(file).update(readFileSync(path));
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * The index's format: a hash of the code that builds it (this file, the text analysis and the
 * embeddings), so that a change in how findings are analysed or embedded rebuilds the index.
 */
const FORMAT_VERSION = codeVersion(['retrieval/index.ts', 'retrieval/analyze.ts', 'retrieval/embeddings.ts', 'retrieval/latent.ts']);
/** The vector index of the remote (OpenAI) embeddings, next to the offline one, when configured. */
export const REMOTE_VECTORS_FILE = 'remote-vectors.hnsw';

export interface IndexMeta {
  format: string;
  knowledgeHash: string;
  embeddingModel: string;
  embeddings: CharNgramState;
  /** The remote embedding model (OPENAI_EMBEDDINGS) that built remote-vectors.hnsw; absent when none did. */
  remote?: { model: string; dimensions: number };
  ids: string[];
  bm25: unknown;
  /** The expansion asks, one document each (see ExpansionRetriever). */
  asks: unknown;
  /** The factor map's names and asks, one document each (see FactorRetriever). */
  factors: unknown;
  vocabulary: string[];
  /** The findings' and factors' analysed text (stemmed, compounds split), kept so that loading need not analyse it again. */
  docs: IndexedDoc[];
  factorDocs: AskDoc[];
  /** The latent semantic model and the settings it was fitted with (RETRIEVAL.latent). */
  latent: LatentState & { settings: string };
}

/** Hash of every knowledge file, so a changed finding, thesaurus or source rebuilds the index. */
export function knowledgeHash(dir: string = KNOWLEDGE_DIR): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (name === 'index') continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|txt|md)$/.test(name)) h.update(name).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex').slice(0, 16);
}

/** Dutch words of the knowledge base: the compound splitter's dictionary. */
export function dutchVocabulary(k: Knowledge): Set<string> {
  const v = new Set<string>();
  const add = (t: string) => {
    for (const w of words(t)) if (w.length >= 3 && !isStopWord(w)) v.add(w);
  };
  for (const f of k.findings) {
    add(f.quote);
    f.keywords.nl.forEach(add);
  }
  for (const e of k.thesaurus) e.nl.forEach(add);
  return v;
}

interface IndexedDoc {
  id: string;
  nl: string;
  en: string;
  kwnl: string;
  kwen: string;
  studies: string;
  location: string;
  asknl: string;
  asken: string;
}

function analysedDoc(f: Finding, splitter: CompoundSplitter): IndexedDoc {
  return {
    id: f.id,
    nl: terms(f.quote, 'nl', splitter).join(' '),
    en: terms(f.en ?? '', 'en').join(' '),
    kwnl: terms(f.keywords.nl.join(' '), 'nl', splitter).join(' '),
    kwen: terms(f.keywords.en.join(' '), 'en').join(' '),
    studies: terms(f.studies.join(' '), 'nl').join(' '),
    location: terms(f.location, 'nl', splitter).join(' '),
    asknl: terms([f.gist?.nl ?? '', ...(f.asks?.nl ?? [])].join(' \n '), 'nl', splitter).join(' '),
    asken: terms([f.gist?.en ?? '', ...(f.asks?.en ?? [])].join(' \n '), 'en').join(' '),
  };
}

/** The text a finding is embedded by: both languages, so either kind of question finds it. */
export function embeddingText(f: Finding): string {
  return [f.en ?? '', f.quote, f.keywords.en.join(', '), f.keywords.nl.join(', '), ...(f.asks?.en ?? []), ...(f.asks?.nl ?? [])].join('\n');
}

const splitOnSpace = (s: string) => s.split(' ').filter(Boolean);

interface AskDoc {
  id: number;
  text: string;
  doc: number;
}

function askOptions() {
  return {
    fields: ['text'],
    storeFields: ['doc'],
    tokenize: splitOnSpace,
    processTerm: (t: string) => t,
    searchOptions: { tokenize: splitOnSpace, processTerm: (t: string) => t },
  };
}

/** Each factor's names and asks, analysed, one document each; `doc` is the factor's position in the map. */
function factorDocs(factors: Factor[], splitter: CompoundSplitter): AskDoc[] {
  const docs: AskDoc[] = [];
  factors.forEach((f, doc) => {
    for (const ask of [f.name.nl, ...f.asks.nl]) docs.push({ id: docs.length, text: terms(ask, 'nl', splitter).join(' '), doc });
    for (const ask of [f.name.en, ...f.asks.en]) docs.push({ id: docs.length, text: terms(ask, 'en').join(' '), doc });
  });
  return docs;
}

/** The asks of each finding, analysed; a passage without expansions (an organisation's own document) takes part with its own text. */
function askDocs(findings: Finding[], splitter: CompoundSplitter): AskDoc[] {
  const docs: AskDoc[] = [];
  findings.forEach((f, doc) => {
    for (const ask of f.asks?.nl ?? [f.quote]) docs.push({ id: docs.length, text: terms(ask, 'nl', splitter).join(' '), doc });
    for (const ask of f.asks?.en ?? (f.en ? [f.en] : [])) docs.push({ id: docs.length, text: terms(ask, 'en').join(' '), doc });
  });
  return docs;
}

export function bm25Options() {
  return {
    fields: Object.keys(RETRIEVAL.fieldBoost),
    idField: 'id',
    tokenize: splitOnSpace,
    processTerm: (t: string) => t,
    searchOptions: { boost: RETRIEVAL.fieldBoost, tokenize: splitOnSpace, processTerm: (t: string) => t },
  };
}

export interface SearchIndex {
  meta: IndexMeta;
  bm25: MiniSearch<IndexedDoc>;
  /** Every expansion ask of every finding as its own short document; `doc` is the finding's position. */
  asks: MiniSearch<AskDoc>;
  /** Every name and ask of every factor as its own short document; `doc` is the factor's position. */
  factors: MiniSearch<AskDoc>;
  vectors: InstanceType<typeof hnswlib.HierarchicalNSW>;
  embeddings: CharNgramEmbeddings;
  latent: LatentSemantics;
  splitter: CompoundSplitter;
  /** Stemmed terms that occur in the knowledge base (expansions included), with their document frequency. */
  documentFrequency: Map<string, number>;
  /**
   * The same for the reviews' own words only (quotes, renderings, keywords, studies, locations): the
   * scope stage judges a question by them, so that practitioners' words in the expansions do not make
   * any question look like the reviews' subject.
   */
  reviewFrequency: Map<string, number>;
  /** The remote embeddings' vector index and query embedder, when configured (see remote.ts). */
  remote?: RemoteVectors;
  /** Stemmed terms per language (Dutch quotes and keywords, English renderings and keywords). */
  languageTerms: Record<'nl' | 'en', Set<string>>;
  findings: Map<string, Finding>;
  /** Per finding id, the analysed terms of all its fields. */
  termsOf: Map<string, Set<string>>;
}

function documentFrequencies(docs: IndexedDoc[], withExpansions = true): Map<string, number> {
  const df = new Map<string, number>();
  for (const d of docs) {
    const fields = [d.nl, d.en, d.kwnl, d.kwen, d.studies, d.location, ...(withExpansions ? [d.asknl, d.asken] : [])];
    const seen = new Set(fields.join(' ').split(' ').filter(Boolean));
    for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
  }
  return df;
}

/** Practitioners' words in the factor map are search terms too (a term only they use counts once). */
function withFactorTerms(df: Map<string, number>, docs: AskDoc[]): Map<string, number> {
  for (const t of new Set(docs.flatMap((d) => d.text.split(' ')).filter(Boolean))) if (!df.has(t)) df.set(t, 1);
  return df;
}

/**
 * Each finding as the latent model sees it: its analysed fields, weighted (RETRIEVAL.latent.fields); for a finding that
 * states a factor, also how practitioners raise that factor (the factor's name and asks); and for every finding of a
 * factor a term naming the factor, so that the findings of one factor share a dimension.
 */
function latentBags(docs: IndexedDoc[], factorDocs: AskDoc[], factors: Factor[]): TermBag[] {
  const position = new Map(docs.map((d, i) => [d.id, i]));
  const bags: TermBag[] = docs.map(() => new Map());
  const add = (bag: TermBag, text: string, weight: number) => {
    for (const t of text.split(' ')) if (t) bag.set(t, (bag.get(t) ?? 0) + weight);
  };
  const fields = Object.entries(RETRIEVAL.latent.fields) as [keyof IndexedDoc, number][];
  docs.forEach((d, i) => {
    for (const [field, weight] of fields) add(bags[i], d[field], weight);
  });
  factors.forEach((factor, f) => {
    const raised = factorDocs.filter((d) => d.doc === f).map((d) => d.text).join(' ');
    for (const id of factor.synthesis) {
      const i = position.get(id);
      if (i !== undefined) add(bags[i], raised, RETRIEVAL.latent.factorAsks);
    }
    for (const id of [...factor.synthesis, ...factor.supporting]) {
      const i = position.get(id);
      if (i !== undefined) add(bags[i], `factor:${factor.id}`, 1);
    }
  });
  return bags;
}

/** The latent model's settings as stored with the index: other settings refit it. */
const latentSettings = () => JSON.stringify(RETRIEVAL.latent);

/** Builds the index in memory and writes it to `dir`; log hears of each step (seconds each on a first start). */
export function buildIndex(k: Knowledge, dir: string = DEFAULT_INDEX_DIR, hash = knowledgeHash(k.dir), log: (msg: string) => void = () => {}): SearchIndex {
  const started = Date.now();
  log(`  analysing ${k.findings.length} findings, their expansions and ${k.factors.length} factors…`);
  const splitter = new CompoundSplitter(dutchVocabulary(k));
  const docs = k.findings.map((f) => analysedDoc(f, splitter));
  const bm25 = new MiniSearch<IndexedDoc>(bm25Options());
  bm25.addAll(docs);
  const asks = new MiniSearch<AskDoc>(askOptions());
  asks.addAll(askDocs(k.findings, splitter));
  const factors = new MiniSearch<AskDoc>(askOptions());
  const analysedFactors = factorDocs(k.factors, splitter);
  factors.addAll(analysedFactors);
  log('  embedding them for the vector search…');
  const embeddings = CharNgramEmbeddings.fit(k.findings.map(embeddingText));
  const vectors = new hnswlib.HierarchicalNSW('cosine', embeddings.state.dimensions);
  vectors.initIndex(Math.max(1, k.findings.length), 16, 200, 100);
  for (const [i, f] of k.findings.entries()) vectors.addPoint(embeddings.embed(embeddingText(f)), i);
  log('  fitting the latent semantic model…');
  const latent = LatentSemantics.fit(latentBags(docs, analysedFactors, k.factors), RETRIEVAL.latent.dimensions);
  const meta: IndexMeta = {
    format: FORMAT_VERSION,
    knowledgeHash: hash,
    embeddingModel: embeddings.modelId,
    embeddings: embeddings.state,
    ids: k.findings.map((f) => f.id),
    bm25: bm25.toJSON(),
    asks: asks.toJSON(),
    factors: factors.toJSON(),
    vocabulary: [...dutchVocabulary(k)],
    docs,
    factorDocs: analysedFactors,
    latent: { ...latent.state, settings: latentSettings() },
  };
  mkdirSync(dir, { recursive: true });
  vectors.writeIndexSync(join(dir, 'vectors.hnsw'));
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
  log(`  search index saved in ${dir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return assemble(meta, bm25, asks, factors, vectors, embeddings, latent, k);
}

function assemble(
  meta: IndexMeta,
  bm25: MiniSearch<IndexedDoc>,
  asks: MiniSearch<AskDoc>,
  factors: MiniSearch<AskDoc>,
  vectors: InstanceType<typeof hnswlib.HierarchicalNSW>,
  embeddings: CharNgramEmbeddings,
  latent: LatentSemantics,
  k: Knowledge,
): SearchIndex {
  const splitter = new CompoundSplitter(new Set(meta.vocabulary));
  const analysed = meta.docs;
  vectors.setEf(Math.max(50, Math.min(200, meta.ids.length)));
  return {
    meta,
    bm25,
    asks,
    factors,
    vectors,
    embeddings,
    latent,
    splitter,
    documentFrequency: withFactorTerms(documentFrequencies(analysed), meta.factorDocs),
    reviewFrequency: documentFrequencies(analysed, false),
    languageTerms: {
      nl: new Set(analysed.flatMap((d) => `${d.nl} ${d.kwnl} ${d.asknl}`.split(' ')).filter(Boolean)),
      en: new Set(analysed.flatMap((d) => `${d.en} ${d.kwen} ${d.asken}`.split(' ')).filter(Boolean)),
    },
    findings: new Map(k.findings.map((f) => [f.id, f])),
    termsOf: new Map(analysed.map((d) => [d.id, new Set([d.nl, d.en, d.kwnl, d.kwen, d.asknl, d.asken].join(' ').split(' ').filter(Boolean))])),
  };
}

/**
 * Why a saved index cannot be used, or null when it is current. remoteModel: the remote
 * embedding model wanted (null: none); undefined does not check it.
 */
export function staleReason(dir: string, hash: string, embeddingModel?: string, remoteModel?: string | null): string | null {
  return savedIndex(dir, hash, embeddingModel, remoteModel).reason;
}

/** The saved index's metadata when it is current (read once: it is the larger part of loading), else why not. */
function savedIndex(dir: string, hash: string, embeddingModel?: string, remoteModel?: string | null): { reason: string | null; meta?: IndexMeta } {
  const metaPath = join(dir, 'meta.json');
  if (!existsSync(metaPath) || !existsSync(join(dir, 'vectors.hnsw'))) return { reason: 'no index on disk' };
  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as IndexMeta;
  if (meta.format !== FORMAT_VERSION) return { reason: 'index format changed' };
  if (meta.knowledgeHash !== hash) return { reason: 'knowledge changed' };
  if (meta.latent?.settings !== latentSettings()) return { reason: 'latent model settings changed' };
  if (embeddingModel && meta.embeddingModel !== embeddingModel) return { reason: 'embedding model changed' };
  if (remoteModel !== undefined && (meta.remote?.model ?? null) !== remoteModel) return { reason: 'embedding model changed' };
  if (remoteModel && !existsSync(join(dir, REMOTE_VECTORS_FILE))) return { reason: 'no remote vectors on disk' };
  return { reason: null, meta };
}

/** Loads the saved index, rebuilding it first when it is missing or stale. */
export function loadIndex(
  k: Knowledge,
  dir: string = DEFAULT_INDEX_DIR,
  log: (msg: string) => void = () => {},
): SearchIndex {
  const hash = knowledgeHash(k.dir);
  const { reason, meta } = savedIndex(dir, hash);
  if (reason || !meta) {
    log(`Building the search index (${reason})…`);
    return buildIndex(k, dir, hash, log);
  }
  const bm25 = MiniSearch.loadJS<IndexedDoc>(meta.bm25 as never, bm25Options());
  const asks = MiniSearch.loadJS<AskDoc>(meta.asks as never, askOptions());
  const factors = MiniSearch.loadJS<AskDoc>(meta.factors as never, askOptions());
  const embeddings = new CharNgramEmbeddings(meta.embeddings);
  const vectors = new hnswlib.HierarchicalNSW('cosine', meta.embeddings.dimensions);
  vectors.readIndexSync(join(dir, 'vectors.hnsw'));
  const latent = new LatentSemantics(meta.latent, latentBags(meta.docs, meta.factorDocs, k.factors));
  return assemble(meta, bm25, asks, factors, vectors, embeddings, latent, k);
}

