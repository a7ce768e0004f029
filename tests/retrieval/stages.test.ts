import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/engine.js';
import { editDistance } from '../../src/retrieval/query.js';
import { reciprocalRankFusion } from '../../src/retrieval/fuse.js';
import { givesCount, isOverview, roleOf } from '../../src/knowledge/structure.js';
import { RETRIEVAL } from '../../src/retrieval/tuning.js';
import { FactorRetriever, byConcepts } from '../../src/retrieval/retrievers.js';
import { Reranker } from '../../src/retrieval/rerank.js';

const engine = testEngine();
const searcher = engine.searcher;
const finding = (id: string) => engine.knowledge.findings.find((f) => f.id === id)!;
const kindOf = (id: string) => engine.knowledge.sources.get(finding(id).source)!.kind;

describe('query analysis', () => {
  it('reads a negated "works" as asking what gets in the way', () => {
    expect(searcher.analyse('wat werkt niet?', 'nl').intents).toContain('barrier');
    expect(searcher.analyse('wat werkt niet?', 'nl').intents).not.toContain('facilitator');
    expect(searcher.analyse('wat werkt?', 'nl').intents).toContain('facilitator');
  });

  it('searches a negated "works" by the words of what gets in the way, not by "works"', () => {
    const negated = searcher.analyse('wat werkt niet?', 'nl').weights;
    expect(negated.has('werkt')).toBe(false);
    expect(negated.has('belemmert')).toBe(true);
    expect(searcher.analyse('wat werkt?', 'nl').weights.has('werkt')).toBe(true);
    // So the answer leads with what gets in the way.
    const hits = searcher.search('wat werkt niet?', 'nl', 5).hits;
    expect(hits.filter((h) => h.finding.kind === 'barrier').length).toBeGreaterThanOrEqual(3);
    // What an English contraction leaves ("doesn") is no unknown word that takes the question out of scope.
    const english = searcher.search("what doesn't work?", 'en', 5);
    expect(english.inScope).toBe(true);
    expect(english.intents).toEqual(['barrier']);
  });

  it('reads "what can we do" as asking for recommendations, and "how many" as asking for a count', () => {
    expect(searcher.analyse('The school keeps sending the family back. What can we do?', 'en').intents).toContain('recommendation');
    expect(searcher.analyse('Hoeveel studies zitten in de review?', 'nl').intents).toContain('count');
  });

  it('keeps a chat-style "tl;dr" question about what helps and hinders, and reads it as asking for the overview', () => {
    const a = searcher.analyse('tl;dr: what are the main things that help and hinder?', 'en');
    expect(a.inScope).toBe(true);
    expect(a.intents).toContain('overview');
  });

  it('searches a misspelt word by its nearest known spelling, with less weight', () => {
    const { weights } = searcher.analyse('mom keeps being the messanger between school and youth care', 'en');
    expect(weights.get('messeng')).toBe(RETRIEVAL.typoWeight);
    expect(editDistance('messang', 'messeng', 1)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});

describe('scope', () => {
  it('declines a question about something the reviews never name, unless it asks about working together itself', () => {
    expect(searcher.analyse('Hoeveel budget heeft de gemeente Utrecht in 2024 voor jeugdhulp en wijkteams begroot?', 'nl').inScope).toBe(false);
    expect(searcher.analyse('Can we share the family plan with the school through Microsoft Teams?', 'en').inScope).toBe(false);
    expect(searcher.analyse('How do school and youth care work together well around the Verwijsindex?', 'en').inScope).toBe(true);
    // Abbreviations, shouting and compounds of known words are not unknown names.
    expect(searcher.analyse("Als IB'er snap ik het jargon van jeugdzorg en ggz niet. Wat helpt?", 'nl').inScope).toBe(true);
    expect(engine.searcher.analyse('What needs to be in place BEFORE we start working together?', 'en').inScope).toBe(true);
  });

  it('reads an abbreviation of four capitals the reviews never use as a method they do not cover, not the field\'s own ones', () => {
    expect(searcher.analyse('Werkt EMDR bij jongeren na een uithuisplaatsing?', 'nl').inScope).toBe(false);
    expect(searcher.analyse('Wat zeggen de reviews over het MDO?', 'nl').inScope).toBe(true);
    expect(searcher.analyse('Hoe werken we beter samen met het CJG en de GGZ?', 'nl').inScope).toBe(true);
  });

  it('keeps a question that asks only how many or for the gist when it names what the reviews count or sum up', () => {
    expect(searcher.analyse('How many studies support each theme?', 'en').inScope).toBe(true);
    expect(searcher.analyse('Hoeveel artikelen zaten er in de review?', 'nl').inScope).toBe(true);
    // A count of something else is not theirs.
    expect(searcher.analyse('How many weeks of paid leave do employees get?', 'en').inScope).toBe(false);
    expect(searcher.analyse('Hoeveel mg paracetamol mag een kind per dag?', 'nl').inScope).toBe(false);
  });

  it('keeps a long situational question told mostly in everyday words', () => {
    const q = 'Moeder heeft een psychiatrische stoornis en haar GGZ-behandelaar kijkt heel anders naar de casus dan wij vanuit de jeugdbescherming. Is dat erg?';
    expect(searcher.analyse(q, 'nl').inScope).toBe(true);
  });
});

describe('fusion and reranking', () => {
  it('fuses rankings by reciprocal rank, weighted', () => {
    const fused = reciprocalRankFusion([
      { ranking: [1, 2], weight: 1 },
      { ranking: [2, 3], weight: 0.5 },
    ]);
    expect(fused.get(2)! > fused.get(1)!).toBe(true);
    expect(fused.get(3)).toBeCloseTo(0.5 / (RETRIEVAL.rrfK + 2));
  });

  it('knows the part a finding plays in its review', () => {
    expect(roleOf(finding('fmcp-t1-kothari-2022-helps'), kindOf('fmcp-t1-kothari-2022-helps'))).toBe('evidence');
    expect(roleOf(finding('fmcp-t2-goals-shared-client-goals'), kindOf('fmcp-t2-goals-shared-client-goals'))).toBe('table-row');
    expect(roleOf(finding('fmcp-goals-shared-goals-vision-n14'), kindOf('fmcp-goals-shared-goals-vision-n14'))).toBe('synthesis');
    expect(roleOf(finding('fmcp-intro-joosse-risks'), kindOf('fmcp-intro-joosse-risks'))).toBe('background');
    // An organisation's own document is what it agreed: never demoted.
    expect(roleOf(finding('fmcp-intro-joosse-risks'), 'organisation-document')).toBe('synthesis');
    expect(givesCount(finding('fmcp-goals-shared-goals-vision-n14'))).toBe(true);
    expect(engine.knowledge.findings.some(isOverview)).toBe(true);
  });

  it('leads a factor question with the text that states the factor, not one study or a table row', () => {
    const hits = searcher.search('What helps when roles are not clear between agencies?', 'en', 5).hits;
    expect(roleOf(hits[0].finding, kindOf(hits[0].finding.id))).toBe('synthesis');
  });

  it('keeps the best candidate first and gathers the rest around its theme', () => {
    const hits = searcher.search('How do you build trust with a partner organisation?', 'en', 6).hits;
    const themes = hits.map((h) => h.finding.theme);
    expect(themes.filter((t) => t === themes[0]).length).toBeGreaterThanOrEqual(3);
  });
});

describe('the factor map as a retriever', () => {
  const factors = engine.knowledge.factors;
  // The searcher's index is private: bracket access reaches it in a test, dot access would not compile.
  // biome-ignore lint/complexity/useLiteralKeys: private member, see above
  const retriever = new FactorRetriever(searcher['index'], factors);
  // biome-ignore lint/complexity/useLiteralKeys: private member, see above
  const ids = (ranking: number[]) => ranking.map((doc) => searcher['index'].meta.ids[doc]);

  it('finds the factor a question names and ranks its findings as the map orders them: the synthesis first, then the support', () => {
    let named = 0;
    for (const factor of factors) {
      const query = searcher.analyse(factor.name.en, 'en');
      const best = retriever.factorsFor(query);
      if (factors[best[0]]?.id !== factor.id) continue;
      named += 1;
      const ranking = ids(retriever.rank(query));
      expect(ranking.slice(0, factor.synthesis.length)).toEqual(factor.synthesis);
      expect(ranking.slice(factor.synthesis.length)).toEqual(expect.arrayContaining(factor.supporting.filter((id) => !factor.synthesis.includes(id)).slice(0, 1)));
    }
    // Names share words ("roles", "information"), so not every name picks its own factor first; most do.
    expect(named).toBeGreaterThan(factors.length * 0.7);
  });

  it('is used for questions about what helps or hinders, not for a named study, counts, method or the gist', () => {
    expect(searcher.isFactorQuestion(searcher.analyse('What helps when roles between agencies are unclear?', 'en'))).toBe(true);
    expect(searcher.isFactorQuestion(searcher.analyse('What did Darlington and Feeney find?', 'en'))).toBe(false);
    expect(searcher.isFactorQuestion(searcher.analyse('Hoeveel studies zitten in de review?', 'nl'))).toBe(false);
    expect(searcher.isFactorQuestion(searcher.analyse('tl;dr: what are the main things that help and hinder?', 'en'))).toBe(false);
  });
});

describe('coordination by what the question asks', () => {
  it('counts a thesaurus concept once, however many of its synonyms a text matches', () => {
    const query = { groups: new Map([['gezin', 'gezin'], ['famili', 'concept 1'], ['clientsystem', 'concept 1'], ['gezinsled', 'concept 1'], ['regie', 'regie']]) } as never;
    // MiniSearch's score already multiplies the BM25 sum by the matched terms: 3 terms → ×3, 2 terms → ×2.
    const synonyms = { id: 'synonyms', score: 3 * 3, queryTerms: ['famili', 'clientsystem', 'gezinsled'] };
    const asked = { id: 'asked', score: 2 * 4, queryTerms: ['gezin', 'regie'] };
    expect(byConcepts([synonyms, asked], query).map((r) => r.id)).toEqual(['asked', 'synonyms']);
  });
});

describe('reranking: the setting is not the subject', () => {
  const question = 'Wie moet de regie voeren als er vijf organisaties bij een gezin betrokken zijn?';
  const query = searcher.analyse(question, 'nl');

  it('tells the topic words of a question (regie) from its setting words (organisaties, gezin)', () => {
    expect(query.topicGroups.has('regie')).toBe(true);
    expect(query.topicGroups.has('gezin')).toBe(false);
    expect(query.topicGroups.has('organisaties')).toBe(false);
  });

  it('lowers a finding that shares only the setting, not the topic', () => {
    // The same finding at the same fused score, once matching only "gezin", once also "regie".
    const id = 'fmcp-intro-multiple-agencies';
    const scoreWith = (terms: string[]) =>
      new Reranker(engine.knowledge, new Set(), new Map([[id, new Set(terms)]])).rerank(query, [{ finding: finding(id), score: 1 }])[0].score;
    expect(scoreWith(['gezin', 'organisaties'])).toBeCloseTo(scoreWith(['regie', 'gezin']) * RETRIEVAL.offTopicPrior);
    expect(scoreWith(['gezin', 'organisaties'])).toBeLessThan(scoreWith(['regie', 'gezin']));
  });
});
