import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/engine.js';
import { terms } from '../../src/retrieval/analyze.js';

const engine = testEngine();
const searcher = engine.searcher;

describe('reading a question', () => {
  it('reads a word in the language of the question: English "kinds" is not Dutch "kind" (child)', () => {
    const english = searcher.analyse('What kinds of study designs were used?', 'en');
    expect([...english.weights.keys()]).not.toContain('kinder');
    // The Dutch word still means child in a Dutch question.
    const dutch = searcher.analyse('Wat helpt een kind als de hulpverleners niet samenwerken?', 'nl');
    expect([...dutch.weights.keys()]).toContain('kinder');
  });

  it('still reads Dutch terms in an English question', () => {
    const { weights } = searcher.analyse('What does the review say about the wijkteam?', 'en');
    expect([...weights.keys()].some((t) => t.startsWith('wijkteam'))).toBe(true);
  });

  it('takes the name of a review as the source meant, not as an author or the subject', () => {
    const result = searcher.search('Wat adviseert het JGZ-rapport voor toekomstig onderzoek?', 'nl', 5);
    // Not the one finding that cites "JGZ (2012)" on top, but the review's research recommendations.
    expect(result.hits[0].finding.studies).not.toContain('JGZ (2012)');
    expect(result.hits.some((h) => h.finding.kind === 'recommendation' && h.finding.source === 'jgz')).toBe(true);
    expect(result.hits.slice(0, 3).every((h) => h.finding.source === 'jgz')).toBe(true);
  });

  it('reads "does X lead to fewer Y" as a question about effects', () => {
    const { intents } = searcher.analyse('Does cross-training lead to fewer placement moves?', 'en');
    expect(intents).toContain('effect');
    const hits = searcher.search('Does cross-training lead to fewer placement moves?', 'en', 5).hits;
    expect(hits.some((h) => h.finding.kind === 'effect' && h.finding.studies.some((s) => /Wells|Chuang/.test(s)))).toBe(true);
  });

  it('reads a cue of several words only as a whole: "take the lead" and "wie zorgt" do not ask about effects', () => {
    expect(searcher.analyse('Who should take the lead when five agencies are involved?', 'en').intents).not.toContain('effect');
    expect(searcher.analyse('Wie zorgt voor de coördinatie tussen de organisaties?', 'nl').intents).not.toContain('effect');
    expect(searcher.analyse('Wat zorgt ervoor dat gezinnen minder uitvallen?', 'nl').intents).toContain('effect');
  });

  it('answers "what are the four main themes" with the summary and the theme sections of the results', () => {
    const hits = searcher.search('What are the four main themes of the review?', 'en', 10).hits;
    expect(hits.slice(0, 3).map((h) => h.finding.id)).toContain('fmcp-intro-summary-four-themes');
    // The review's own overview of its themes (summary, results overview, discussion) names all four.
    const themes = ['doelen en visies', 'attitude', 'communicatie', 'organisatorische context'];
    const named = themes.filter((t) => hits.slice(0, 5).some((h) => h.finding.quote.toLowerCase().includes(t)));
    expect(named).toEqual(themes);
  });

  it('declines a question only about who or where, and keeps one that asks about working together', () => {
    expect(searcher.analyse('How many weeks of paid parental leave do employees get in the Netherlands?', 'en').inScope).toBe(false);
    expect(searcher.analyse('Hoeveel verlof krijgen ouders in Nederland?', 'nl').inScope).toBe(false);
    expect(searcher.analyse('What helps parents?', 'en').inScope).toBe(true);
    expect(searcher.analyse('Is it ok to pass information between agencies through the parents?', 'en').inScope).toBe(true);
    expect(searcher.analyse('Wat zegt het JGZ-rapport over scholen?', 'nl').inScope).toBe(true);
  });

  it('reads a phrase whose other words are stop words only as written: "follow-up" is not "following through"', () => {
    const followUp = searcher.analyse('What follow-up research do the authors recommend?', 'en');
    expect([...followUp.weights.keys()]).not.toContain('nakom');
    const through = searcher.analyse('Partners are not following through on what we agreed.', 'en');
    expect([...through.weights.keys()]).toContain('nakom');
  });

  it('reads an unknown Dutch compound by its known last part', () => {
    expect(engine.index.splitter.split('vakidentiteit')).toEqual(['identiteit']);
    const hits = searcher.search('Collega’s zijn bang hun vakidentiteit kwijt te raken door intensief samenwerken.', 'nl', 5).hits;
    expect(hits.map((h) => h.finding.id)).toContain('jgz-factor-barrier-loss-of-identity');
  });

  it('keeps a question about working together told in everyday words, and still declines an everyday "join"', () => {
    const everyday = 'Collega’s zijn bang hun eigen vakidentiteit kwijt te raken door intensief samenwerken. Wat zegt de literatuur daarover?';
    expect(searcher.analyse(everyday, 'nl').inScope).toBe(true);
    expect(searcher.analyse('Why does my SQL join return duplicate rows?', 'en').inScope).toBe(false);
  });

  it('answers a question about how a review was done with its limitations too', () => {
    const hits = searcher.search('Was the study selection checked by a second reviewer?', 'en', 5).hits;
    expect(hits.some((h) => h.finding.kind === 'limitation' && /één beoordelaar|interbeoordelaarsbetrouwbaarheid/.test(h.finding.quote))).toBe(true);
  });

  it('declines what the reviews do not cover (a reporting code, a dose, a law article) unless it is asked about working together', () => {
    expect(searcher.analyse('Wat zijn de stappen van de meldcode voor een jeugdarts?', 'nl').inScope).toBe(false);
    expect(searcher.analyse('What is the maximum dose of methylphenidate for a teenager?', 'en').inScope).toBe(false);
    expect(searcher.analyse('Wat staat er in artikel 7.3.8 van de Jeugdwet?', 'nl').inScope).toBe(false);
    expect(searcher.analyse('What are the DSM-5 criteria for conduct disorder in youth care?', 'en').inScope).toBe(false);
    // The same subjects, asked about working together, are the reviews' own.
    expect(searcher.analyse('Hoe werken school en jeugdzorg samen rond de meldcode?', 'nl').inScope).toBe(true);
    expect(searcher.analyse('How should agencies collaborate when a child has a report form at Veilig Thuis?', 'en').inScope).toBe(true);
    // A word the reviews do use is never "not covered": vaccination uptake is one of their effects.
    expect(searcher.analyse('Does collaboration increase vaccination uptake?', 'en').inScope).toBe(true);
  });

  it('has no "not covered" term that a finding contains', () => {
    const findingTerms = engine.knowledge.findings.map(
      (f) => new Set([...terms(f.quote, 'nl'), ...terms(f.en ?? '', 'en'), ...terms(f.keywords.nl.join(' '), 'nl'), ...terms(f.keywords.en.join(' '), 'en')]),
    );
    const notCovered = engine.knowledge.thesaurus.filter((e) => e.notCovered);
    expect(notCovered.length).toBeGreaterThan(0);
    for (const e of notCovered) {
      for (const [lang, list] of [['nl', e.nl], ['en', e.en]] as const) {
        for (const term of list) {
          const stems = terms(term, lang);
          const found = findingTerms.findIndex((t) => stems.every((st) => t.has(st)));
          expect(found === -1 ? null : `${term} in ${engine.knowledge.findings[found].id}`).toBeNull();
        }
      }
    }
  });
});

describe('the thesaurus schema', () => {
  it('refuses a concept the reviews do not cover without a label for answers', async () => {
    const { ThesaurusEntrySchema } = await import('../../src/knowledge/schema.js');
    expect(ThesaurusEntrySchema.safeParse({ concept: 'x', nl: ['x'], en: ['x'], notCovered: true }).success).toBe(false);
    expect(ThesaurusEntrySchema.safeParse({ concept: 'x', nl: ['x'], en: ['x'], notCovered: true, label: { nl: 'x', en: 'x' } }).success).toBe(true);
  });
});
