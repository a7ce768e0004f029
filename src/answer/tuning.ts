/**
 * Every tuned constant of the answer, with the reason for its value. Retrieval's constants are in
 * src/retrieval/tuning.ts.
 */
export const ANSWER = {
  /** Findings scoring below this share of the best one do not answer the question well enough to cite. */
  relativeCutoff: 0.5,
  /** A question asking what to do gets a recommendation scoring at least this share of the best finding. */
  actionCutoff: 0.35,
  /** A chat answer has at most about five points (the brief): the summary and four more. */
  maxPoints: 5,
  /** …and at most six citations; the rest is one action away ("More findings"). */
  maxCitations: 6,
  /** A point cites the finding it states and at most one other that says the same. */
  maxCitationsPerPoint: 2,
  /** A finding joins a point as its second citation only when it is nearly as relevant as the point's own (within 10 %). */
  partnerShare: 0.9,
  /** Cosine similarity of the offline vectors above which two findings are one point. */
  sameClaim: 0.55,
} as const;
