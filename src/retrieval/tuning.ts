/**
 * Every tuned constant of retrieval in one place, with the reason for its value. Each was chosen by
 * measurement on all question sets (npm run eval), never for one question.
 */
import type { FindingKind } from '../knowledge/schema.js';

export const RETRIEVAL = {
  /** Reciprocal-rank-fusion constant: the usual 60 keeps one list from dominating. */
  rrfK: 60,
  lexicalWeight: 1,
  /**
   * BM25 field weights: curated keywords name what a finding is about, so they weigh more than its text; a study's
   * name is matched when asked; the location ("Tabel 2") a little.
   */
  fieldBoost: { nl: 1, en: 1, kwnl: 1.5, kwen: 1.5, asknl: 1, asken: 1, studies: 2, location: 0.7 } as Record<string, number>,
  /** BM25+ parameters of the lexical retriever: MiniSearch's defaults (term saturation k, length normalisation b, BM25+ floor d). */
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  /** Matching the question with each finding's expansion asks one by one. */
  expansionRetrieverWeight: 1,
  /**
   * The factor map's ranking (the findings of the factors a question is about) counts half as much as
   * a retriever of the findings themselves: it raised precision@5 on both judged sets (0.589 → 0.616
   * public, 0.555 → 0.574 own); at full weight it pushed out the best single finding (essential@1 fell).
   */
  factorRetrieverWeight: 0.5,
  /** How many of the best-matching factors lend their findings to that ranking: a question often touches two or three. */
  factorDepth: 3,
  /** The character n-gram vectors are the weaker signal: they add recall, BM25 leads. */
  vectorWeight: 0.7,
  /** A thesaurus synonym counts for at most half an asked word… */
  expansionWeight: 0.5,
  /** …and one concept adds about as much as one and a half asked words, however many synonyms it has. */
  expansionTotal: 1.5,
  /** Findings of the kind the question asks for (what helps, hinders, effects…) rank higher. */
  intentBoost: 1.3,
  /** A question about how a review was done, or about effects, is also answered by the limits of that method or evidence. */
  answeredAlsoBy: { method: ['limitation'], effect: ['limitation'] } as Partial<Record<FindingKind, FindingKind[]>>,
  /** The weight of a word that names a review rather than the subject. */
  namingWeight: 0.3,
  /** How many candidates each retriever passes to fusion. */
  candidates: 40,
  /**
   * The reviews' structure (src/knowledge/structure.ts): a finding that reports one study or sets the
   * scene answers a question less directly than a synthesis, unless the question names that study or
   * asks for that kind of finding.
   */
  rolePrior: { synthesis: 1, evidence: 0.8, background: 0.7, 'table-row': 0.7 } as Record<'synthesis' | 'evidence' | 'background' | 'table-row', number>,
  /** A question asking for the gist of the reviews (summary, main themes, conclusions) gets their own summing-up first. */
  overviewBoost: 1.5,
  /** A word the knowledge base does not know, of at least this many letters, is read as its nearest known spelling… */
  typoMinLength: 6,
  /** …one edit away, or two from this length on… */
  typoLongWord: 8,
  /** …with less weight than a word spelled as the reviews do, since the guess may be wrong. */
  typoWeight: 0.7,
  /** A question asking how many gets the passages that give the number first. */
  countBoost: 1.5,
  /** Theme coherence: how many of the best candidates say what the question is about… */
  coherenceDepth: 10,
  /** …and how much a candidate of their themes gains (a theme holding all of them: ×2). */
  coherenceWeight: 1,
  /**
   * A finding that shares only the question's setting (who, where: "five organisations around a
   * family") and none of its topic words or concepts answers it less. Halving raised essential@1 on
   * the public judged set (0.750 → 0.773) and success@1 on every held-out set, blind set unchanged;
   * 0.3–0.7 measured the same on the success sets.
   */
  offTopicPrior: 0.5,
  /** A question that names a study is about that study. */
  namedStudyBoost: 3,
  /** A question that names a review wants that review's findings first. */
  namedSourceBoost: 2,
  /** A word that occurs in the reviews but is not their vocabulary counts for this much of a field word. */
  generalWordShare: 0.25,
  /**
   * Below this share of field words a question is outside what the reviews cover. Names the reviews
   * never use decline near-field questions (scope.ts), so a long situational question may be told
   * mostly in everyday words (0.33 declined such questions; 0.2–0.28 measured the same on every set).
   */
  minFieldShare: 0.25,
  /** A capitalised word of at least this many letters that the reviews never use names something they cannot speak about… */
  nameMinLength: 3,
  /**
   * …and an all-capital one needs this many: "BSN", "MDO", "IB" are roles and identifiers, "EMDR" and "ADHD" name what
   * the reviews do not cover. Measured at 3 (December 2026): one more near-field question declined ("MST vs FFT"), but a
   * question that names a BSN beside its subject too, so 4 stays.
   */
  acronymMinLength: 4,
  /** A question that names working together itself may be told in more everyday words. */
  subjectFieldShare: 0.2,
} as const;
