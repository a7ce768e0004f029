/**
 * What the Slack channel needs from the rest of Samen, as small interfaces. The server's
 * composition root supplies them; tests may supply the real ones too.
 */
import type { Logger } from 'pino';
import type { Citation, Language } from '../../shared/reply.js';
import type { Core } from '../../conversation/core.js';
import type { ReminderService } from '../../reminders/service.js';
import type { GoalsService } from '../../goals/service.js';
import type { FeedbackStore } from '../../storage/index.js';
import type { ConversationState } from '../../conversation/state.js';

/** A cited finding by id, as the citation the core would give (for "Show quote"). */
export type CitationLookup = (findingId: string, language: Language) => Citation | undefined;

/** The storage layer's feedback table, per platform and tenant (for Slack: its team). */
export type { FeedbackStore };

/** Runs work after the acknowledgement without starving the next acknowledgements. */
export interface Scheduler {
  /** Runs job in its turn; rejects with QueueFullError when too much waits (the conversation layer says Samen is busy). */
  run<T>(job: () => Promise<T> | T): Promise<T>;
  /** Starts fn later, after pending acknowledgements (fire and forget; fn must not throw). */
  defer(fn: () => void): void;
}

export interface SlackCore {
  /** The core: a question in (through its guard), a reply model out; asked through src/conversation/ask.ts. Its mode 'llm' shows progress. */
  core: Pick<Core, 'respond'> & Partial<Pick<Core, 'mode'>>;
  citation: CitationLookup;
  /** Absent: feedback clicks are acknowledged with "could not be saved". */
  feedback?: FeedbackStore;
  /** /goals working agreements per channel; absent: /goals answers "not switched on". */
  goals?: GoalsService;
  /** Weekly reflection reminders (/reflect); absent: /reflect answers "not switched on". */
  reminders?: ReminderService;
  scheduler: Scheduler;
  logger: Logger;
  /** Language of Samen's own texts (home tab, help, assistant greeting). */
  language: Language;
  /** The conversation state (the server's: the shared database); absent: in this process only. */
  state?: ConversationState;
  /** SAMEN_PUBLIC_URL: where Slack fetches the reflection trend's chart; absent: the trend is text only. */
  publicUrl?: string;
}

export interface SlackDeps extends SlackCore {
  /** Handled event and message ids, threads' turns (see memory.ts): shared by every instance on the server. */
  state: ConversationState;
}
