/**
 * The question guard in front of the core, so every channel gets it: a maximum question
 * length, per-user and per-channel rate limits (sliding windows), and the personal-data
 * check. A refused question gets a friendly notice in the question's language; a question
 * that looks like it holds a client's personal data is answered as usual with a warning
 * first. The guard never logs or stores the question's text. The rate limits are counted in
 * the conversation state: the server's is in the shared database, so a limit holds across
 * all its instances; by default they are counted in this process.
 */
import { PERSONAL_DATA_LABELS, findPersonalData, type PersonalDataKind } from '../privacy/personal-data.js';
import { MemoryState } from '../conversation/memory-state.js';
import type { ConversationState } from '../conversation/state.js';
import type { Tenant } from '../storage/tenant.js';
import type { Language, Reply } from '../shared/reply.js';

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
  /** Where the hits are counted (the server: the shared database); default: in this process. */
  state?: ConversationState;
  /** The clock of the default in-memory state, for tests. */
  now?: () => number;
}

export interface AskerIds {
  userId?: string;
  channelId?: string;
  /** The asker's platform and tenant: hits are counted per tenant. Absent (the CLI, tests): one local scope. */
  tenant?: Tenant;
}

/** The scope of the hits of askers without a tenant. */
const LOCAL: Tenant = { platform: 'web', tenantId: 'local' };

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

export class QuestionGuard {
  readonly maxChars: number;
  private readonly perUser: RateLimit;
  private readonly perChannel: RateLimit;
  private readonly state: ConversationState;

  constructor(options: GuardOptions = {}) {
    this.maxChars = options.maxChars ?? MAX_QUESTION_CHARS;
    this.perUser = options.perUser ?? { limit: 10, windowMs: 60_000 };
    this.perChannel = options.perChannel ?? { limit: 30, windowMs: 60_000 };
    this.state = options.state ?? new MemoryState({ now: options.now });
  }

  /**
   * Checks a question (already trimmed) before it is answered and counts it: against the user's
   * limit, then, if that allows it, the channel's (sliding windows). A question a limit refuses is
   * not counted against that limit; one the channel's limit refuses has counted for its user.
   */
  async check(question: string, language: Language, ids: AskerIds = {}): Promise<GuardVerdict> {
    const length = [...question].length;
    if (length > this.maxChars) {
      return { kind: 'refuse', reply: notice(language, TEXTS.tooLongTitle[language], TEXTS.tooLong[language](this.maxChars, length)) };
    }
    const scope = ids.tenant ?? LOCAL;
    if (ids.userId) {
      const { limit, windowMs } = this.perUser;
      const user = await this.state.hit(scope, `user:${ids.channelId ?? ''}|${ids.userId}`, limit, windowMs);
      if (!user.allowed) {
        return { kind: 'refuse', reply: notice(language, TEXTS.busyTitle[language], TEXTS.userBusy[language](Math.ceil(user.retryAfterMs / 1000))) };
      }
    }
    if (ids.channelId) {
      const { limit, windowMs } = this.perChannel;
      const channel = await this.state.hit(scope, `channel:${ids.channelId}`, limit, windowMs);
      if (!channel.allowed) {
        return {
          kind: 'refuse',
          reply: notice(language, TEXTS.busyTitle[language], TEXTS.channelBusy[language](Math.ceil(channel.retryAfterMs / 1000))),
        };
      }
    }
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
