import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { buildIndex, knowledgeHash, loadIndex, staleReason } from '../../src/retrieval/index.js';
import { LatentSemantics, type TermBag } from '../../src/retrieval/latent.js';
import { QueryAnalyzer } from '../../src/retrieval/query.js';
import { RETRIEVAL } from '../../src/retrieval/tuning.js';

const bag = (...terms: string[]): TermBag => new Map(terms.map((t) => [t, 1]));
const weights = (...terms: string[]) => new Map(terms.map((t) => [t, 1]));

describe('the latent semantic model', () => {
  // Two topics; "boodschapper" and "doorgeven" never occur together, but both occur with "ouder" and "informatie".
  const bags = [
    bag('ouder', 'informatie', 'boodschapper'),
    bag('ouder', 'informatie', 'doorgeven', 'verloren'),
    bag('informatie', 'doorgeven', 'verloren', 'cliënt'),
    bag('budget', 'financiering', 'gemeente'),
    bag('budget', 'structureel', 'financiering'),
    bag('gemeente', 'beleid', 'financiering'),
  ];
  const model = LatentSemantics.fit(bags, 2);

  it('finds findings that share a question’s meaning without sharing its words', () => {
    const ranking = model.rank(weights('boodschapper'), 6);
    // The finding about information passed on via clients shares no word with the question, but its topic.
    expect(ranking.slice(0, 3).sort()).toEqual([0, 1, 2]);
    expect(ranking.indexOf(2)).toBeLessThan(ranking.indexOf(3));
  });

  it('ranks nothing for words it has never seen', () => {
    expect(model.rank(weights('emdr'), 6)).toEqual([]);
  });
});

describe('the latent model of the knowledge base', () => {
  const k = loadKnowledge();
  const dir = mkdtempSync(join(tmpdir(), 'samen-latent-'));
  const index = buildIndex(k, dir);
  const analyzer = new QueryAnalyzer(index, k);

  it('brings the findings that state a factor to a question in the words practitioners use for that factor', () => {
    // Each factor's name, as a question: at least one of the passages that state it among the latent model's first five.
    const found = k.factors.filter((factor) => {
      const ranking = index.latent.rank(analyzer.analyse(factor.name.en, 'en').weights, 5).map((doc) => index.meta.ids[doc]);
      return factor.synthesis.some((id) => ranking.includes(id));
    });
    expect(found.length / k.factors.length).toBeGreaterThanOrEqual(0.8);
  });

  it('is saved with the index, loads back with the same ranking, and is refitted when its settings change', () => {
    const loaded = loadIndex(k, dir);
    const q = analyzer.analyse('ouders moeten steeds alles doorgeven tussen school en jeugdhulp', 'nl').weights;
    expect(loaded.latent.rank(q, 10)).toEqual(index.latent.rank(q, 10));
    expect(staleReason(dir, knowledgeHash(k.dir))).toBeNull();
    const settings = RETRIEVAL.latent as { dimensions: number };
    const dimensions = settings.dimensions;
    try {
      settings.dimensions = dimensions + 1;
      expect(staleReason(dir, knowledgeHash(k.dir))).toBe('latent model settings changed');
    } finally {
      settings.dimensions = dimensions;
    }
  });
});
