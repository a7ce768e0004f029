/**
 * Latent semantic indexing (Deerwester et al., 1990) over the findings: the findings × terms matrix of their
 * analysed text, keywords and expansions, reduced to its strongest dimensions. Terms that describe the same
 * findings (a Dutch word and its English rendering, a practitioner's phrasing in one finding's asks and the
 * reviews' term in another's) land close together, so a question meets findings that share its meaning without
 * sharing its words. The offline model has no other semantics: no registry package ships a multilingual sentence
 * model, and nothing may be downloaded at run time.
 *
 * Fitted at index time by an eigendecomposition of the findings' Gram matrix (ml-matrix); a question is folded in
 * through the terms it shares with the findings.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** A finding as bag of weighted terms. */
export type TermBag = Map<string, number>;

export interface LatentState {
  /** Inverse document frequency of each term. */
  idf: Record<string, number>;
  /** The strongest dimensions: per dimension, one value per finding (the eigenvectors of the Gram matrix). */
  basis: number[][];
  /** Per dimension its singular value. */
  sigma: number[];
}

/** Stored to five significant digits: the index file stays small and the ranking does not change. */
const round = (x: number) => Number(x.toPrecision(5));

export class LatentSemantics {
  /** term → [finding position, weight] */
  private readonly postings: Map<string, [number, number][]>;
  /** Per finding, its unit vector in the latent space. */
  private readonly positions: Float64Array[];
  /** Per term, its direction in the latent space (computed when first asked, then kept: questions reuse words). */
  private readonly termVectors = new Map<string, Float64Array>();

  constructor(
    readonly state: LatentState,
    bags: TermBag[],
  ) {
    this.postings = postingsOf(weightedRows(bags, state.idf));
    this.positions = bags.map((_, doc) => unit(Float64Array.from(state.basis, (u, j) => u[doc] * state.sigma[j])));
  }

  /** Fits the model: the `dimensions` strongest dimensions of the findings' weighted term matrix. */
  static fit(bags: TermBag[], dimensions: number): LatentSemantics {
    const df = new Map<string, number>();
    for (const bag of bags) for (const term of bag.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    const idf = Object.fromEntries([...df].map(([t, d]) => [t, round(Math.log(bags.length / d))]));
    const n = bags.length;
    const gram = Matrix.zeros(n, n);
    for (const list of postingsOf(weightedRows(bags, idf)).values()) for (const [a, wa] of list) for (const [b, wb] of list) gram.set(a, b, gram.get(a, b) + wa * wb);
    const evd = new EigenvalueDecomposition(gram, { assumeSymmetric: true });
    // Eigenvalues come in ascending order: the strongest dimensions are the last.
    const values = evd.realEigenvalues;
    const vectors = evd.eigenvectorMatrix;
    const k = Math.min(dimensions, n);
    const basis: number[][] = [];
    const sigma: number[] = [];
    for (let j = n - 1; j >= n - k; j -= 1) {
      if (values[j] <= 1e-9) break;
      basis.push(vectors.getColumn(j).map(round));
      sigma.push(round(Math.sqrt(values[j])));
    }
    return new LatentSemantics({ idf, basis, sigma }, bags);
  }

  /** A term's direction in the latent space: the findings it occurs in, by its weight there, over the singular values. */
  termVector(term: string): Float64Array | undefined {
    const cached = this.termVectors.get(term);
    if (cached) return cached;
    const postings = this.postings.get(term);
    if (!postings) return undefined;
    const v = Float64Array.from(this.state.basis, (u, j) => {
      let s = 0;
      for (const [doc, weight] of postings) s += u[doc] * weight;
      return s / this.state.sigma[j];
    });
    this.termVectors.set(term, v);
    return v;
  }

  /** The findings nearest to a question's weighted terms, best first (positions in the index). */
  rank(weights: Map<string, number>, limit: number): number[] {
    // Folding in: the question's terms, each weighted as a finding's would be, projected on the basis.
    const folded = new Float64Array(this.state.sigma.length);
    let known = false;
    for (const [term, w] of weights) {
      const v = this.termVector(term);
      if (!v) continue;
      known = true;
      const x = w * this.state.idf[term];
      for (let j = 0; j < folded.length; j += 1) folded[j] += x * v[j];
    }
    if (!known) return [];
    const query = unit(folded);
    return this.positions
      .map((p, doc) => [doc, dot(p, query)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([doc]) => doc);
  }
}

/** Log term frequency times inverse document frequency, each finding's row of unit length. */
function weightedRows(bags: TermBag[], idf: Record<string, number>): Map<string, number>[] {
  return bags.map((bag) => {
    const row = new Map<string, number>();
    let norm = 0;
    for (const [t, c] of bag) {
      const w = Math.log(1 + c) * (idf[t] ?? 0);
      if (w === 0) continue;
      row.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of row) row.set(t, w / norm);
    return row;
  });
}

/** Per term, the findings it occurs in with its weight there. */
function postingsOf(rows: Map<string, number>[]): Map<string, [number, number][]> {
  const postings = new Map<string, [number, number][]>();
  rows.forEach((row, doc) => {
    for (const [term, w] of row) {
      const list = postings.get(term) ?? [];
      list.push([doc, w]);
      postings.set(term, list);
    }
  });
  return postings;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i += 1) s += a[i] * b[i];
  return s;
}

function unit(v: Float64Array): Float64Array {
  const n = Math.sqrt(dot(v, v)) || 1;
  return v.map((x) => x / n);
}
