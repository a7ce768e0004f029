/**
 * Follow-up questions in a conversation. A short or elliptical follow-up ("and for
 * schools?", "en bij de GGZ?") only makes sense together with the question before it, so
 * it is combined with that question before it is answered. A follow-up that stands on its
 * own is answered as it is. Platform-neutral: every channel that keeps a thread or a
 * conversation uses this.
 */

/** Follow-ups of at most this many words are read as continuing the earlier question. */
const SHORT_FOLLOW_UP_WORDS = 4;
/** Longer follow-ups still continue the earlier question when they open with one of these. */
const CONTINUATION =
  /^(and|but|also|or|what about|how about|and what about|same for|en|maar|ook|of|en wat|wat als|hoe zit het met|en hoe zit het met|geldt dat ook|en geldt dat ook|idem)\b/i;
/** Greetings, thanks and requests for help are never combined: they get their own reply. */
const STANDALONE =
  /^(hi|hey|hello|hallo|hoi|help|hulp|thanks|thank you|bedankt|dank je|dankjewel|top|ok|oké|okay)\b[\s!.?]*$/i;

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** True when the follow-up needs the earlier question to be understood. */
export function continuesEarlierQuestion(followUp: string): boolean {
  const f = normalise(followUp);
  if (f === '' || STANDALONE.test(f)) return false;
  return wordCount(f) <= SHORT_FOLLOW_UP_WORDS || CONTINUATION.test(f);
}

/**
 * The question to answer for a follow-up: the earlier question and the follow-up together
 * when the follow-up continues it, otherwise the follow-up alone.
 *
 * condenseFollowUp('Wat helpt bij onduidelijke rollen?', 'en voor scholen?')
 *   → 'Wat helpt bij onduidelijke rollen? En voor scholen?'
 */
export function condenseFollowUp(previousQuestion: string | undefined, followUp: string): string {
  const f = normalise(followUp);
  const prev = normalise(previousQuestion ?? '');
  if (prev === '' || !continuesEarlierQuestion(f)) return f;
  const joined = /[?.!]$/.test(prev) ? prev : `${prev}?`;
  return `${joined} ${f.charAt(0).toLocaleUpperCase()}${f.slice(1)}`;
}

/**
 * Index of the question a follow-up would be read with: the last earlier question that
 * stood on its own (the turns after it all continued it); -1 for no turns.
 */
export function standaloneIndex(turns: readonly { question: string }[]): number {
  let anchor = -1;
  turns.forEach((t, i) => {
    if (anchor < 0 || normalise(turns[anchor].question) === '' || !continuesEarlierQuestion(t.question)) anchor = i;
  });
  return anchor;
}

/** The question of standaloneIndex: what condenseFollowUp combines a follow-up with. */
export function standaloneQuestion(turns: readonly { question: string }[]): string | undefined {
  const i = standaloneIndex(turns);
  return i < 0 ? undefined : turns[i].question;
}
