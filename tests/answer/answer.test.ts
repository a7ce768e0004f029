import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/engine.js';
import { ReplySchema } from '../../src/shared/reply.js';
import { canonical } from '../../src/knowledge/text.js';

const engine = testEngine();

function sourceContains(sourceId: string, quote: string): boolean {
  const text = engine.knowledge.sources.get(sourceId)!.text;
  return canonical(text).includes(canonical(quote));
}

describe('answering a question', () => {
  it('answers an English question in English with cited points in a well-formed reply', () => {
    const reply = engine.answer('What helps with unclear roles?');
    expect(ReplySchema.parse(reply)).toBeTruthy();
    expect(reply.kind).toBe('answer');
    expect(reply.language).toBe('en');
    expect(reply.sections.map((s) => s.heading)).toContain('What helps');
    const studies = reply.citations.flatMap((c) => c.studies).join(' ');
    expect(studies).toMatch(/Darlington|Lewandowski|Janssens|Nooteboom|Hood|Sloper|Atkinson/);
    // Every point cites, and every citation number exists.
    const numbers = new Set(reply.citations.map((c) => c.n));
    for (const s of reply.sections) for (const p of s.points) for (const n of p.citations) expect(numbers.has(n)).toBe(true);
  });

  it('keeps an answer short: the summary first, at most five points and six citations in reading order, the rest one step away', () => {
    const reply = engine.answer('What gets in the way of sharing information between agencies?');
    const points = reply.sections.flatMap((s) => s.points);
    expect(reply.sections[0].kind).toBe('summary');
    expect(points.length).toBeLessThanOrEqual(5);
    expect(reply.citations.length).toBeLessThanOrEqual(6);
    // Numbered as they are read: the first point cites [1], and each new number follows the last.
    const order = points.flatMap((p) => p.citations);
    expect(order).toEqual(reply.citations.map((c) => c.n));
    // A point reads on its own: no point opens with a bare pronoun.
    for (const p of points) expect(p.text).not.toMatch(/^(They|This|It|Ze|Dit|Deze)\b/);
    const all = engine.answer('What gets in the way of sharing information between agencies?', { all: true });
    expect(reply.more).toBe(all.citations.length - reply.citations.length);
    expect(all.citations.slice(0, 1).map((c) => c.id)).toEqual(reply.citations.slice(0, 1).map((c) => c.id));
  });

  it('says what you can do when asked', () => {
    const reply = engine.answer('We barely trust the other organisation in our partnership. What can we do about it?');
    // The recommendation leads the answer, or has its own "What you can do" section.
    const kinds = reply.citations.map((c) => engine.knowledge.findings.find((f) => f.id === c.id)!.kind);
    expect(kinds).toContain('recommendation');
    const other = engine.answer('Which databases did the youth health care review search?');
    expect(other.sections.map((s) => s.kind)).not.toContain('actions');
  });

  it('puts the section the question asks for right after the short answer', () => {
    for (const [q, kind] of [
      ['Wat helpt bij onduidelijke rollen?', 'helps'],
      ['What hinders collaboration with child protection?', 'hinders'],
    ] as const) {
      const kinds = engine.answer(q).sections.map((s) => s.kind);
      expect(kinds).toContain(kind);
      expect(kinds[1]).toBe(kind);
    }
  });

  it('answers a Dutch question in Dutch, quoting the review itself', () => {
    const reply = engine.answer('Wat belemmert de informatie-uitwisseling tussen hulpverleners?');
    expect(reply.language).toBe('nl');
    expect(reply.sections[0].heading).toBe('Kort antwoord');
    expect(reply.sections.map((s) => s.heading)).toContain('Wat in de weg staat');
    for (const c of reply.citations) expect(c.text).toBe(c.quote);
  });

  it('cites only findings that were retrieved for the question, with verbatim quotes', () => {
    const question = 'How do you build mutual respect between professionals?';
    const retrieved = new Set(engine.searcher.search(question, 'en', 15).hits.map((h) => h.finding.id));
    const reply = engine.answer(question);
    expect(reply.citations.length).toBeGreaterThan(0);
    for (const c of reply.citations) {
      expect(retrieved.has(c.id)).toBe(true);
      expect(sourceContains(c.source, c.quote)).toBe(true);
      expect(engine.knowledge.findings.find((f) => f.id === c.id)?.studies).toEqual(c.studies);
    }
  });

  it('leaves how a review was done out of a practical answer, and gives it to a question about the method', () => {
    const practical = engine.answer('Our school and the youth care team keep missing each other. What can we do?');
    expect(practical.citations.length).toBeGreaterThan(0);
    expect(practical.citations.some((c) => engine.knowledge.findings.find((f) => f.id === c.id)!.theme === 'method')).toBe(false);
    const method = engine.answer('Which search terms and databases did the youth health care review use?');
    expect(method.citations.some((c) => engine.knowledge.findings.find((f) => f.id === c.id)!.theme === 'method')).toBe(true);
  });

  it('shows a table row as a point without its bullet, and keeps the bullet in the verbatim quote', () => {
    const reply = engine.answer('Wat belemmert de informatie-uitwisseling?', { all: true });
    const row = reply.citations.find((c) => c.quote.startsWith('•'));
    expect(row).toBeDefined();
    const point = reply.sections.flatMap((s) => s.points).find((p) => p.citations[0] === row!.n);
    const finding = engine.knowledge.findings.find((f) => f.id === row!.id)!;
    expect(point!.text).toBe(finding.gist!.nl);
    expect(reply.sections.flatMap((s) => s.points).every((p) => !p.text.startsWith('•'))).toBe(true);
  });

  it('crosses languages: English words find Dutch findings and Dutch compounds find them too', () => {
    const en = engine.answer('unclear roles and responsibilities');
    const nl = engine.answer('rolonduidelijkheid');
    const roleIds = (r: typeof en) => r.citations.filter((c) => /rol|verantwoordelijk/i.test(c.quote)).length;
    expect(roleIds(en)).toBeGreaterThan(0);
    expect(roleIds(nl)).toBeGreaterThan(0);
  });

  it('does not repeat a point: findings that say the same are merged under one point', () => {
    const reply = engine.answer('Which facilitating factors are mentioned for shared goals and vision?');
    const texts = reply.sections.flatMap((s) => s.points.map((p) => p.text));
    expect(new Set(texts).size).toBe(texts.length);
    const cited = reply.sections.flatMap((s) => s.points.flatMap((p) => p.citations));
    expect(new Set(cited).size).toBe(cited.length);
  });

  it('finds a named study', () => {
    const reply = engine.answer('What did McLean (2011) find about children with extremely challenging behaviour?');
    expect(reply.citations[0].studies.join(' ')).toContain('McLean');
  });

  it.each([
    'What is the capital of France?',
    'Recipe for pancakes please',
    'what is the weather tomorrow in Utrecht?',
    'Wie wint de Tour de France dit jaar?',
  ])('declines an out-of-scope question and cites nothing: %s', (q) => {
    const reply = engine.answer(q);
    expect(reply.kind).toBe('out-of-scope');
    expect(reply.citations).toEqual([]);
    expect(reply.sections).toEqual([]);
  });

  it('answers greetings and "help" with a short help text and example questions', () => {
    for (const q of ['hello', 'help', 'Hoi!']) {
      const reply = engine.answer(q);
      expect(reply.kind).toBe('help');
      expect(reply.followUps.length).toBeGreaterThan(0);
      expect(reply.citations).toEqual([]);
    }
  });

  it('suggests follow-up questions in the language of the question', () => {
    const reply = engine.answer('Hoe bouw je wederzijds respect op tussen professionals?');
    expect(reply.followUps.length).toBeGreaterThan(0);
    expect(reply.followUps.join(' ')).toMatch(/\b(wat|hoe|welke|waarom|is)\b/i);
  });
});

describe('a question that is only partly covered', () => {
  it('says which part the reviews do not cover, in the question’s language, before what they do say', () => {
    const nl = engine.answer('Moeten we bij de meldcode samenwerken met het wijkteam, en hoe verdelen we de rollen?');
    expect(nl.kind).toBe('answer');
    expect(nl.intro[0]).toMatch(/^Over de meldcode .* zeggen de reviews niets/);
    expect(nl.citations.length).toBeGreaterThan(0);
    const en = engine.answer('How should the school and youth care work together when we use the reporting code?');
    expect(en.intro[0]).toMatch(/^The reviews say nothing about the reporting code/);
    expect(en.citations.length).toBeGreaterThan(0);
  });

  it('adds no such sentence when the reviews cover the whole question', () => {
    expect(engine.answer('Wat helpt bij onduidelijke rollen?').intro).toEqual([]);
  });

  it('still declines a question only about what the reviews do not cover', () => {
    expect(engine.answer('Hoe werkt de meldcode precies, welke stappen?').kind).toBe('out-of-scope');
  });
});

describe('naming the reviews', () => {
  it('spells out a review’s abbreviation at its first citation in an answer, and uses the short title after', () => {
    for (const [question, lang] of [['What helps with unclear roles?', 'en'], ['Wat helpt bij onduidelijke rollen?', 'nl']] as const) {
      const reply = engine.answer(question);
      for (const source of new Set(reply.citations.map((c) => c.source))) {
        const titles = reply.citations.filter((c) => c.source === source).map((c) => c.sourceTitle);
        const info = engine.knowledge.sources.get(source)!;
        expect(titles[0]).toBe(info.firstMention![lang]);
        for (const later of titles.slice(1)) expect(later).toBe(info.shortTitle[lang]);
      }
      expect(reply.citations.some((c) => c.sourceTitle.includes('meervoudige') || c.sourceTitle.includes('multiple'))).toBe(true);
    }
  });
});
