/**
 * What a channel implements to post a reminder (Slack: chat.postMessage to the stored
 * channel; Teams: a proactive message from the stored conversation reference), and the
 * platform-neutral message it posts.
 */
import type { Language } from '../shared/reply.js';
import type { EvidenceItem, PromptCitation } from './prompts.js';
import type { Platform, Tenant } from '../storage/tenant.js';

/**
 * One occurrence of a channel's reminder, as a model: the week's questions with their
 * citations and the channel's /goals cases. Each channel lays it out, with the texts of the
 * conversation layer's catalog (src/conversation/texts).
 */
export interface ReminderMessage {
  reminderId: string;
  /** The occurrence, ISO (UTC): with the reminder id it names this message's buttons. */
  occurrence: string;
  language: Language;
  questions: Array<{ id: string; text: string; citation: PromptCitation; citationText: string }>;
  /** The channel's /goals cases, most recently changed first (none: an invitation to record them). */
  goals: GoalsSummary;
  /** How many people answered this occurrence's questions so far (never who); absent in a preview. */
  respondents?: number;
  /** Questions the team rated low twice in a row, each with what the reviews say about it. */
  attention?: AttentionPoint[];
  /** Every fourth week: what went well, what needs attention, the cases whose evaluation date passed. */
  recap?: Recap;
}

/** A question the team rated low twice in a row, with the findings that address it. */
export interface AttentionPoint {
  promptId: string;
  question: string;
  /** Its latest average on the 1–5 scale. */
  latest: number;
  evidence: EvidenceItem[];
  /** A question to ask Samen for more about it. */
  askMore: string;
}

export interface Recap {
  /** The questions whose latest average was high, and those that need attention (their texts). */
  wentWell: string[];
  needsAttention: string[];
  /** /goals cases of the channel whose evaluation date has passed. */
  casesDue: Array<{ alias: string; reviewDate: string }>;
}

/** A case as the reminder names it. */
export interface GoalsSummaryCase {
  alias: string;
  /** 0: the template is posted but not filled in. */
  version: number;
  reviewDate?: string;
}

export interface GoalsSummary {
  cases: GoalsSummaryCase[];
  link?: string;
}

/** The reminder's channel, with its platform and tenant. */
export interface DeliveryTarget extends Tenant {
  channelId: string;
}

export interface ReminderDelivery {
  readonly platform: Platform;
  /**
   * Posts the message with its idempotency marker (occurrenceId) where the channel can
   * carry one; resolves with where it is (Slack ts, Teams activity id).
   */
  post(target: DeliveryTarget, message: ReminderMessage): Promise<{ messageRef: string }>;
  /**
   * Looks in the channel for a message of this occurrence (its marker) posted by an earlier
   * attempt: asked before posting again after a claim's lease ran out, when the worker that
   * held it may have posted and stopped before recording it. Absent when the channel cannot
   * be searched (Teams: the activity id stored with the delivery is the only record).
   */
  findPosted?(target: DeliveryTarget, message: Pick<ReminderMessage, 'reminderId' | 'occurrence'>): Promise<{ messageRef: string } | undefined>;
}

/** The idempotency marker of one occurrence: the same on every attempt to post it. */
export function occurrenceId(message: Pick<ReminderMessage, 'reminderId' | 'occurrence'>): string {
  return `${message.reminderId}:${message.occurrence}`;
}

/**
 * A post that failed. permanent: the channel is gone or Samen was removed from it (Slack
 * channel_not_found / not_in_channel / is_archived, Teams 403 / 404): retrying cannot help,
 * so the reminder pauses itself.
 */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(`Reminder delivery failed: ${code}`, options);
    this.name = 'DeliveryError';
  }
}

/** What /goals knows about a channel; absent parts fall back to the defaults. */
export interface GoalsHook {
  /** The channel's language setting (as /goals uses it). */
  language(tenant: Tenant, channelId: string): Promise<Language | undefined>;
  /** The channel's most recently changed cases, or undefined when it has none. */
  summary(tenant: Tenant, channelId: string, language: Language): Promise<GoalsSummary | undefined>;
}
