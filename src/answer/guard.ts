/**
 * The question guard in front of the core, so every channel gets it: a maximum question
 * length, per-user and per-channel rate limits (sliding windows), and the personal-data
 * check. A refused question gets a friendly notice in the question's language; a question
 * that looks like it holds a client's personal data is answered as usual with a warning
 * first. The guard never logs or stores the question's text.
 */
import { PERSONAL_DATA_LABELS, findPersonalData, type PersonalDataKind } from '../privacy/personal-data.js';
import type { Language, Reply } from './reply.js';

export interface RateLimit {
  /** Questions allowed per window. */
  limit: number;
  windowMs: number;
}

export interface GuardOptions {
  /** Longest question in characters; default 1000. */
  maxChars?: number;
  /** Default 10 a minute. */
  perUser?: RateLimit;
  /** Default 30 a minute. */
  perChannel?: RateLimit;
  /** The clock, for tests. */
  now?: () => number;
}

export interface AskerIds {
  userId?: string;
  channelId?: string;
}

export type GuardVerdict =
  | { kind: 'refuse'; reply: Reply }
  /** warning: an intro line to put before the answer (personal data in the question). */
  | { kind: 'pass'; warning?: string };

export const MAX_QUESTION_CHARS = 1000;

const TEXTS = {
  tooLongTitle: { nl: 'Vraag te lang', en: 'Question too long' },
  tooLong: {
    nl: (max: number, length: number) =>
      `Je vraag is ${length} tekens lang; een vraag mag hoogstens ${max} tekens zijn. Maak hem korter en probeer het opnieuw.`,
    en: (max: number, length: number) =>
      `Your question is ${length} characters long; a question may be at most ${max} characters. Please shorten it and try again.`,
  },
  busyTitle: { nl: 'Even wachten', en: 'Please wait a moment' },
  userBusy: {
    nl: (s: number) => `Je hebt veel vragen kort na elkaar gesteld. Wacht ongeveer ${s} seconden en stel je vraag dan opnieuw.`,
    en: (s: number) => `You have asked many questions in a short time. Please wait about ${s} seconds and ask again.`,
  },
  channelBusy: {
    nl: (s: number) => `Er zijn hier veel vragen kort na elkaar gesteld. Wacht ongeveer ${s} seconden en stel je vraag dan opnieuw.`,
    en: (s: number) => `Many questions have been asked here in a short time. Please wait about ${s} seconds and ask again.`,
  },
  personalData: {
    nl: (what: string) =>
      `Let op: je vraag lijkt persoonsgegevens van een cliënt te bevatten (${what}). Zet geen cliëntgegevens in je vragen; stel je vraag in algemene termen.`,
    en: (what: string) =>
      `Note: your question seems to contain a client's personal data (${what}). Do not put client data in your questions; ask in general terms.`,
  },
} as const;

/** Timestamps per key in a sliding window. */
class SlidingWindow {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly rate: RateLimit) {}

  /** Milliseconds until the key may ask again; 0 when it may now. */
  waitFor(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.rate.limit) return 0;
    return Math.max(1, (recent[recent.length - this.rate.limit] ?? now) + this.rate.windowMs - now);
  }

  record(key: string, now: number): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.hits.set(key, recent);
    // Keep memory bounded: drop keys with nothing left in their window now and then.
    if (this.hits.size > 10_000) for (const k of [...this.hits.keys()]) if (this.recent(k, now).length === 0) this.hits.delete(k);
  }

  private recent(key: string, now: number): number[] {
    const list = this.hits.get(key) ?? [];
    const fresh = list.filter((t) => now - t < this.rate.windowMs);
    if (fresh.length !== list.length) {
      if (fresh.length) this.hits.set(key, fresh);
      else this.hits.delete(key);
    }
    return fresh;
  }
}

export class QuestionGuard {
  readonly maxChars: number;
  private readonly users: SlidingWindow;
  private readonly channels: SlidingWindow;
  private readonly now: () => number;

  constructor(options: GuardOptions = {}) {
    this.maxChars = options.maxChars ?? MAX_QUESTION_CHARS;
    this.users = new SlidingWindow(options.perUser ?? { limit: 10, windowMs: 60_000 });
    this.channels = new SlidingWindow(options.perChannel ?? { limit: 30, windowMs: 60_000 });
    this.now = options.now ?? Date.now;
  }

  /** Checks a question (already trimmed) before it is answered; counts it when it passes the limits. */
  check(question: string, language: Language, ids: AskerIds = {}): GuardVerdict {
    const length = [...question].length;
    if (length > this.maxChars) {
      return { kind: 'refuse', reply: notice(language, TEXTS.tooLongTitle[language], TEXTS.tooLong[language](this.maxChars, length)) };
    }
    const now = this.now();
    const userKey = ids.userId ? `${ids.channelId ?? ''}\u0000${ids.userId}` : undefined;
    const userWait = userKey ? this.users.waitFor(userKey, now) : 0;
    if (userWait > 0) {
      return { kind: 'refuse', reply: notice(language, TEXTS.busyTitle[language], TEXTS.userBusy[language](Math.ceil(userWait / 1000))) };
    }
    const channelWait = ids.channelId ? this.channels.waitFor(ids.channelId, now) : 0;
    if (channelWait > 0) {
      return {
        kind: 'refuse',
        reply: notice(language, TEXTS.busyTitle[language], TEXTS.channelBusy[language](Math.ceil(channelWait / 1000))),
      };
    }
    if (userKey) this.users.record(userKey, now);
    if (ids.channelId) this.channels.record(ids.channelId, now);
    const kinds = [...new Set(findPersonalData(question).map((m) => m.kind))];
    return kinds.length ? { kind: 'pass', warning: personalDataWarning(kinds, language) } : { kind: 'pass' };
  }
}

export function personalDataWarning(kinds: PersonalDataKind[], language: Language): string {
  return TEXTS.personalData[language](kinds.map((k) => PERSONAL_DATA_LABELS[k][language]).join(', '));
}

/** The reply with the warning as its first intro line. */
export function withWarning(reply: Reply, warning: string | undefined): Reply {
  return warning ? { ...reply, intro: [warning, ...reply.intro] } : reply;
}

/** A notice reply; it does not repeat the question (which may be long or hold personal data). */
function notice(language: Language, title: string, text: string): Reply {
  return {
    kind: 'notice',
    language,
    question: '',
    title,
    intro: [text],
    sections: [],
    citations: [],
    followUps: [],
    mode: 'extractive',
  };
}
