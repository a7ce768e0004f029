/**
 * Every tuned constant of the answer, with the reason for its value. Retrieval's constants are in
 * src/retrieval/tuning.ts.
 */
export const ANSWER = {
  /** Findings scoring below this share of the best one do not answer the question well enough to cite. */
  relativeCutoff: 0.5,
  /**
   * A question asking what helps, what hinders or what to do gets a finding of that kind scoring at least this share of
   * the best finding (first for recommendations only; for all three since the latent model, which can fill an answer
   * to "what hinders…?" with what helps).
   */
  askedKindCutoff: 0.35,
  /** A chat answer has at most about five points (the brief): the summary and four more. */
  maxPoints: 5,
  /** …and at most six citations; the rest is one action away ("More findings"). */
  maxCitations: 6,
  /**
   * A point cites the finding it states. Fitted (npm run fit, see src/retrieval/tuning.ts): 1 (was 2, a second finding
   * saying the same): the citation budget then goes to the next point, and precision@5 rose on every judged set.
   */
  maxCitationsPerPoint: 1,
  /** A finding that says the same as a point joins it (shown under "More findings") only when nearly as relevant (within 2 %; fitted, was 10 %). */
  partnerShare: 0.98,
  /** Cosine similarity of the offline vectors above which two findings are one point. Fitted: 0.7 (was 0.55). */
  sameClaim: 0.7,
} as const;
