/**
 * How well client personal data is found, measured on tests/privacy/sentences.jsonl: 60
 * sentences, 34 with client data (names of several origins, dates of birth, ages, BSNs,
 * addresses, phone numbers, e-mail) and 26 professional ones without (authors and titles of
 * studies, organisations, places, numbers that fail the eleven-test). The floors are the figures
 * reached (README, "Operations and limits"); a change that lowers them fails here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { findPersonalData, type PersonalDataKind } from '../../src/privacy/personal-data.js';

interface Sentence {
  id: string;
  text: string;
  /** The kinds of client data in the sentence; empty for a sentence without any. */
  expect: PersonalDataKind[];
}

/** 39 of the 41 expected items; the misses are a name in lower case and a lone name opening a sentence. */
const RECALL_FLOOR = 0.95;
/** None of the 26 professional sentences is flagged. */
const FALSE_POSITIVE_CEILING = 0;

const sentences: Sentence[] = readFileSync(join(__dirname, 'sentences.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

describe('personal-data detection on the sentence set', () => {
  it('has 60 sentences, with and without client data', () => {
    expect(sentences).toHaveLength(60);
    expect(sentences.filter((s) => s.expect.length > 0).length).toBeGreaterThanOrEqual(30);
    expect(sentences.filter((s) => s.expect.length === 0).length).toBeGreaterThanOrEqual(20);
  });

  it(`finds at least ${RECALL_FLOOR} of the client data, and flags at most ${FALSE_POSITIVE_CEILING} of the professional sentences`, () => {
    let expected = 0;
    let found = 0;
    let clean = 0;
    let flagged = 0;
    const misses: string[] = [];
    for (const s of sentences) {
      const kinds = new Set(findPersonalData(s.text).map((m) => m.kind));
      for (const kind of s.expect) {
        expected += 1;
        if (kinds.has(kind)) found += 1;
        else misses.push(`${s.id} ${kind}`);
      }
      if (s.expect.length === 0) {
        clean += 1;
        if (kinds.size > 0) flagged += 1;
      }
    }
    expect(found / expected, `missed: ${misses.join(', ')}`).toBeGreaterThanOrEqual(RECALL_FLOOR);
    expect(flagged / clean).toBeLessThanOrEqual(FALSE_POSITIVE_CEILING);
  });

  it('flags no name in the reviews\' passages, their renderings and studies, or the evaluation questions', () => {
    const knowledge = loadKnowledge();
    const texts = knowledge.findings.flatMap((f) => [f.quote, f.en ?? '', f.gist?.nl ?? '', f.gist?.en ?? '', ...f.studies]);
    const evalDir = join(__dirname, '../eval');
    for (const file of readdirSync(evalDir).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of readFileSync(join(evalDir, file), 'utf8').split('\n')) if (line.trim()) texts.push(JSON.parse(line).q ?? '');
    }
    const names = texts.flatMap((t) => findPersonalData(t).filter((m) => m.kind === 'name').map((m) => m.match));
    expect(texts.length).toBeGreaterThan(3000);
    expect(names).toEqual([]);
  });
});
