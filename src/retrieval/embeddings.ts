/**
 * The offline embedding model: TF-IDF weighted character n-grams hashed into a fixed
 * number of dimensions. Character n-grams are language independent: they match Dutch
 * compounds and inflections ("rolonduidelijkheid", "rollen") and the many words Dutch and
 * English share in this field ("professionals", "communicatie"/"communication").
 * It implements LangChain's Embeddings interface, so OpenAIEmbeddings can take its place.
 */
import { Embeddings } from '@langchain/core/embeddings';
import { fold } from './analyze.js';

export interface CharNgramState {
  dimensions: number;
  /** Inverse document frequency per hashed dimension, fitted on the knowledge base. */
  idf: number[];
}

const MIN_N = 3;
const MAX_N = 5;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function ngramBuckets(text: string, dimensions: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const word of fold(text).match(/[\p{L}\p{N}]+/gu) ?? []) {
    const padded = ` ${word} `;
    for (let n = MIN_N; n <= MAX_N; n += 1) {
      for (let i = 0; i + n <= padded.length; i += 1) {
        const b = fnv1a(padded.slice(i, i + n)) % dimensions;
        counts.set(b, (counts.get(b) ?? 0) + 1);
      }
    }
  }
  return counts;
}

export class CharNgramEmbeddings extends Embeddings {
  /** Identifies the model in index metadata: a change of model or its settings rebuilds the index. */
  readonly modelId: string;
  private readonly idf: Float32Array;

  constructor(readonly state: CharNgramState) {
    super({});
    this.idf = Float32Array.from(state.idf);
    this.modelId = `char-ngram-${MIN_N}-${MAX_N}-d${state.dimensions}`;
  }

  /** Fits inverse document frequencies on a corpus. */
  static fit(texts: string[], dimensions = 2048): CharNgramEmbeddings {
    const df = new Float64Array(dimensions);
    for (const t of texts) for (const b of ngramBuckets(t, dimensions).keys()) df[b] += 1;
    const idf = Array.from(df, (d) => Math.log((1 + texts.length) / (1 + d)) + 1);
    return new CharNgramEmbeddings({ dimensions, idf });
  }

  embed(text: string): number[] {
    const v = new Array<number>(this.state.dimensions).fill(0);
    for (const [b, c] of ngramBuckets(text, this.state.dimensions)) v[b] = (1 + Math.log(c)) * this.idf[b];
    let sum = 0;
    for (const x of v) sum += x * x;
    const norm = Math.sqrt(sum) || 1;
    return v.map((x) => x / norm);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embed(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }
}
