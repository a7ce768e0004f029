/**
 * What the Slack channel needs from the rest of Samen, as small interfaces. The server's
 * composition root supplies them; tests may supply the real ones too.
 */
import type { Logger } from 'pino';
import type { Citation, Language, Reply } from '../../answer/reply.js';
import type { ReminderService } from '../../reminders/service.js';
import type { GoalsService } from '../../goals/service.js';
import type { FeedbackInput, Tenant } from '../../storage/index.js';
import type { SlackMemory } from './memory.js';
import type { Turn } from '../../answer/llm/composer.js';

/** The core: a question in, a reply model out. */
export interface Answerer {
  /** channelId/userId: for the core's rate limits; history: the thread's earlier turns, oldest first. */
  answer(question: string, options?: { language?: Language; channelId?: string; userId?: string; history?: Turn[]; all?: boolean }): Promise<Reply>;
}

/** A cited finding by id, as the citation the core would give (for "Show quote"). */
export type CitationLookup = (findingId: string, language: Language) => Citation | undefined;

/** The storage layer's feedback table, per platform and tenant (for Slack: its team). */
export interface FeedbackStore {
  tenant(tenant: Tenant): { feedback: { record(input: FeedbackInput): Promise<void> } };
}

/** Runs work after the acknowledgement without starving the next acknowledgements. */
export interface Scheduler {
  /** Runs job in its turn; rejects with an error named QueueFullError when too much waits. */
  run<T>(job: () => Promise<T> | T): Promise<T>;
  /** Starts fn later, after pending acknowledgements (fire and forget; fn must not throw). */
  defer(fn: () => void): void;
}

export interface SlackCore {
  engine: Answerer;
  citation: CitationLookup;
  /** Absent: feedback clicks are acknowledged with "could not be saved". */
  feedback?: FeedbackStore;
  /** /goals working agreements per channel; absent: /goals answers "coming soon". */
  goals?: GoalsService;
  /** Weekly reflection reminders (/reflect); absent: /reflect answers "coming soon". */
  reminders?: ReminderService;
  scheduler: Scheduler;
  logger: Logger;
  /** Language of Samen's own texts (home tab, help, assistant greeting). */
  language: Language;
}

export interface SlackDeps extends SlackCore {
  memory: SlackMemory;
}
