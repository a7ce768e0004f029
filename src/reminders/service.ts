/**
 * Reflection reminders, platform-neutral: the /reflect commands, the buttons, and delivery
 * on the job queue. Each reminder's next occurrence is one job, sent with sendAfter and a
 * job id derived from `reminderId:occurrenceIso`, so sending it twice (several instances,
 * a restart) keeps one job. The worker claims the occurrence in reminder_deliveries
 * (insert first; the unique key lets exactly one claim succeed), posts, and enqueues the
 * next occurrence.
 *
 * Delivery is at least once, with duplicates suppressed. The claim is a lease: a worker that
 * stops between claim and post leaves it to run out, and the next run (the job's retry or
 * the repair sweep, every minute) takes it over, first asking the channel whether the post
 * landed after all (its idempotency marker). The sweep also delivers a scheduled run that
 * is late and unclaimed (its worker stopped before claiming). Time comes from an injected
 * clock; production uses the system clock.
 *
 * A post that fails for a temporary reason is tried once per run: it fails the job, and
 * pg-boss retries the job (retryLimit, retryDelay with backoff: REMINDER_RETRY). The failed
 * occurrence is marked 'failed' and the schedule moves on at once, so the sweep leaves it to
 * the job's retries; a retry takes the failed claim over and, like any take-over, first asks
 * the channel whether the failed post landed after all. There is no second retry loop here.
 */
import { createHash, createHmac } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { Language } from '../shared/reply.js';
import { findPersonalData, type PersonalDataKind } from '../privacy/personal-data.js';
import type { Database, Job, Queue, SendOptions, Tenant } from '../storage/index.js';
import { defaultSalt } from '../storage/store.js';
import { NOTE_MAX_CHARS, reflectionAnswers, type AnswerInput, type ReflectionAnswers } from './answers.js';
import { chartDataOf, type ChartData } from './chart.js';
import {
  DeliveryError,
  type AttentionPoint,
  type DeliveryTarget,
  type GoalsHook,
  type GoalsSummary,
  type Recap,
  type ReminderDelivery,
  type ReminderMessage,
} from './delivery.js';
import { parseReflect, type ReflectCommand, type ReflectError } from './parse.js';
import { promptCitationText, promptsForWeek, type ReflectionPrompt } from './prompts.js';
import { isRecapWeek, recapOf, trendOf, trendSince, type PromptTrend } from './trend.js';
import { DEFAULT_ZONE, isoWeekIndex, nextRun, type WeeklyRule } from './schedule.js';
import {
  activeReminders,
  occurrencesToRepair,
  reminderRepository,
  type DeliveryKind,
  type Platform,
  type Reminder,
  type ReminderRepository,
} from './store.js';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export const REMINDER_JOB = 'reflection-reminder';
/** The reminder id of a preview's buttons: no stored reminder has it. */
export const PREVIEW_ID = 'preview';
/** A reminder less late than this is still delivered; later ones are skipped and logged. */
export const GRACE_MS = 12 * 3_600_000;
/**
 * How long a claim to post an occurrence holds. Longer than one post attempt (Slack: at most
 * 20 s per Web API call, and up to five history pages first when a claim is taken over), and
 * renewed right before the post, so a live worker keeps it; short enough that the reminder of
 * a worker that stopped between claim and post is repaired minutes late, not a quarter of an
 * hour. Migration 004 gives claims made before leases existed the same length.
 */
export const CLAIM_LEASE_MS = 5 * 60_000;
/**
 * A reminder normally goes out within seconds of its time (the queue polls every 2 s). One
 * posted later than this is logged as late, and a scheduled run this late without a claim
 * is taken over by the repair sweep: its worker stopped before claiming it.
 */
export const LATE_AFTER_MS = 2 * 60_000;
/** The repair sweep's job: every minute (pg-boss's finest cron), one instance at a time. */
export const REPAIR_JOB = 'reflection-reminder-repair';
const REPAIR_CRON = '* * * * *';
/**
 * pg-boss's retries of a reminder job whose post failed for a temporary reason: three more
 * runs, the first 30–60 s later, each next one about twice as late (retryBackoff).
 */
export const REMINDER_RETRY = { retryLimit: 3, retryDelay: 30, retryBackoff: true } as const satisfies SendOptions;
/**
 * Tries to record a post that landed. This is not a retry of the post: the post is never
 * repeated for a failed record, and the job's retry would post again.
 */
const RECORD_ATTEMPTS = 3;
/** The first pause between two tries of a record; it doubles each time. */
const RETRY_PAUSE_MS = 250;

const waitBeforeRetry = (attempt: number) => new Promise((r) => setTimeout(r, RETRY_PAUSE_MS * 2 ** attempt));

export interface ReminderJobData {
  tenantId: string;
  platform: Platform;
  reminderId: string;
  occurrence: string;
  kind: DeliveryKind;
}

export interface ReminderServiceOptions {
  db: Database;
  queue: Queue;
  deliveries: Partial<Record<Platform, ReminderDelivery>>;
  prompts: ReflectionPrompt[];
  logger: Logger;
  clock?: Clock;
  goals?: GoalsHook;
  /** Language when the channel has no setting (Dutch, as for /goals). */
  defaultLanguage?: Language;
  defaultZone?: string;
  graceMs?: number;
  /** How often the worker polls the queue (pg-boss; default 2 s). */
  pollingIntervalSeconds?: number;
  /** pg-boss's retries of a failed reminder job (default REMINDER_RETRY; tests shorten them). */
  retry?: { retryLimit?: number; retryDelay?: number };
  /** SAMEN_HASH_SALT for the answers' user hashes; absent: the database's own salt (as for feedback). */
  hashSalt?: string;
}

/** Where a delivery runs: a job (which pg-boss retries when it throws), the repair sweep, or /reflect now. */
interface Run {
  /** A job's run: a post that failed fails the job (throws), and pg-boss records it. */
  job: boolean;
  /** A retry of this occurrence's job after a failed post: it may take over the 'failed' claim. */
  retry: boolean;
  /** pg-boss runs the job again when this run fails. */
  retried: boolean;
}
const INLINE: Run = { job: false, retry: false, retried: false };

/** A channel, with its platform and tenant. */
export interface ChannelRef extends Tenant {
  channelId: string;
}

/**
 * What a /reflect command did, as a model: the conversation layer words it
 * (src/conversation/reflect.ts with the catalog of src/conversation/texts).
 */
export type ReflectOutcome =
  | { kind: 'error'; error: ReflectError }
  | { kind: 'help' | 'none' | 'kept' | 'paused' | 'already-paused' | 'not-paused' | 'stopped' | 'posted-now' }
  /** The channel already has a reminder: ask whether to replace it with the proposed one. */
  | { kind: 'offer-replace'; current: WeeklyRule; proposed: WeeklyRule }
  | { kind: 'set'; rule: WeeklyRule; next: Date; replaced: boolean }
  | { kind: 'list'; rule: WeeklyRule; next?: Date; paused?: { reason: string | null } }
  | { kind: 'resumed'; rule: WeeklyRule; next: Date }
  | { kind: 'post-failed'; code: string }
  /** `reflect trend`: the team's answers of the last weeks (none yet: prompts empty). */
  | { kind: 'trend'; report: TrendReport }
  /** `reflect export`: the answers' averages and counts per occurrence and question, as CSV. */
  | { kind: 'export'; csv: string; rows: number };

/** The trend of a channel's answers, as a model: per question its weeks, direction and whether it needs attention. */
export interface TrendReport {
  prompts: Array<PromptTrend & { question: string }>;
  attention: AttentionPoint[];
  chart: ChartData;
}

/** The reminder id of the web chat's weekly reflection moment: the web chat posts no reminders. */
export const WEB_MOMENT_ID = 'web-week';

/** Answers to a reminder's questions, as a channel read them from its controls. */
export interface AnswerSubmission {
  reminderId: string;
  occurrence: string;
  answers: Array<{ promptId: string; rating?: number; note?: string }>;
}

/** What answering did: saved (with the reminder's message as it now reads), or why not; nothing is half-saved. */
export type AnswerOutcome =
  | { kind: 'saved'; message: ReminderMessage }
  | { kind: 'refused'; found: PersonalDataKind[] }
  | { kind: 'note-too-long'; max: number }
  | { kind: 'empty' | 'gone' };

/** What a command answers, in the channel's language. */
export interface CommandResult {
  language: Language;
  outcome: ReflectOutcome;
}

/** What a reminder's button did; by: the user label the channel gave. */
export type ButtonOutcome = { kind: 'done' | 'snoozed' | 'skipped'; by: string } | { kind: 'already-handled' | 'gone' };

export type ButtonAction = 'done' | 'snooze' | 'skip';

/** A button's payload as the channels carry it. */
export interface ButtonValue {
  reminderId: string;
  occurrence: string;
}

export function jobIdFor(key: string): string {
  // A UUID-shaped id derived from the key: the same occurrence always gets the same job.
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class ReminderService {
  private readonly clock: Clock;
  private readonly graceMs: number;
  private readonly defaultLanguage: Language;
  private readonly defaultZone: string;
  private readonly log: Logger;

  constructor(private readonly options: ReminderServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.graceMs = options.graceMs ?? GRACE_MS;
    this.defaultLanguage = options.defaultLanguage ?? 'nl';
    this.defaultZone = options.defaultZone ?? DEFAULT_ZONE;
    this.log = options.logger.child({ component: 'reminders' });
  }

  /** Adds (or replaces) the delivery of a platform; before start(), so its reminders are scheduled. */
  register(delivery: ReminderDelivery): void {
    this.options.deliveries[delivery.platform] = delivery;
  }

  /** Starts the workers and the repair sweep, and makes sure every active reminder has its next job. */
  async start(): Promise<void> {
    const polling = { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2 };
    await this.options.queue.work<ReminderJobData>(REMINDER_JOB, (job) => this.runJob(job), polling);
    await this.options.queue.work(REPAIR_JOB, async () => void (await this.repairDeliveries()), polling);
    await this.options.queue.schedule(REPAIR_JOB, REPAIR_CRON);
    for (const reminder of await activeReminders(this.options.db)) {
      if (!this.options.deliveries[reminder.platform]) continue;
      const repo = this.repo(reminder);
      let next = reminder.nextRunAt;
      if (!next) {
        next = nextRun(reminder.rule, this.clock.now());
        await repo.setNextRun(reminder.id, next);
      }
      await this.enqueue(reminder, next, 'scheduled');
    }
  }

  private repo(ref: Tenant) {
    return reminderRepository(this.options.db, ref);
  }

  private salt?: Promise<string>;

  /** Hashes a user id with the salt (SAMEN_HASH_SALT, else the database's), read once. */
  private async userHash(): Promise<(userId: string) => string> {
    this.salt ??= this.options.hashSalt ? Promise.resolve(this.options.hashSalt) : defaultSalt(this.options.db);
    const salt = await this.salt;
    return (userId) => createHmac('sha256', salt).update(userId).digest('hex');
  }

  private async answers(ref: Tenant): Promise<ReflectionAnswers> {
    return reflectionAnswers(this.options.db, ref, await this.userHash());
  }

  async language(ref: ChannelRef): Promise<Language> {
    try {
      return (await this.options.goals?.language(ref, ref.channelId)) ?? this.defaultLanguage;
    } catch (err) {
      this.log.warn({ err }, 'could not read the channel language');
      return this.defaultLanguage;
    }
  }

  // ---- commands ----

  async command(ref: ChannelRef, text: string): Promise<CommandResult> {
    const language = await this.language(ref);
    const parsed: ReflectCommand = parseReflect(text, this.defaultZone);
    const repo = this.repo(ref);
    const existing = parsed.kind === 'trend' || parsed.kind === 'export' ? undefined : await repo.forChannel(ref.channelId);
    const reply = (outcome: ReflectOutcome): CommandResult => ({ language, outcome });
    // The trend and the export read the channel's answers: they need no reminder (the web chat has none).
    if (parsed.kind === 'trend') return reply({ kind: 'trend', report: await this.trend(ref, language) });
    if (parsed.kind === 'export') return reply({ kind: 'export', ...(await this.exportCsv(ref, language)) });
    switch (parsed.kind) {
      case 'error':
        return reply({ kind: 'error', error: parsed.error });
      case 'help':
        return reply({ kind: 'help' });
      case 'weekly':
        if (existing) return reply({ kind: 'offer-replace', current: existing.rule, proposed: parsed.rule });
        return this.set(ref, parsed.rule, language, false);
      case 'list': {
        if (!existing) return reply({ kind: 'none' });
        const active = existing.status === 'active';
        return reply({
          kind: 'list',
          rule: existing.rule,
          ...(active && existing.nextRunAt ? { next: existing.nextRunAt } : {}),
          ...(active ? {} : { paused: { reason: existing.pausedReason } }),
        });
      }
      case 'pause':
        if (!existing) return reply({ kind: 'none' });
        if (existing.status === 'paused') return reply({ kind: 'already-paused' });
        await repo.pause(existing.id, 'user');
        this.log.info({ reminder: existing.id }, 'reminder paused by a user');
        return reply({ kind: 'paused' });
      case 'resume': {
        if (!existing) return reply({ kind: 'none' });
        if (existing.status === 'active') return reply({ kind: 'not-paused' });
        const next = nextRun(existing.rule, this.clock.now());
        await repo.resume(existing.id, next);
        await this.enqueue(existing, next, 'scheduled');
        this.log.info({ reminder: existing.id, next }, 'reminder resumed');
        return reply({ kind: 'resumed', rule: existing.rule, next });
      }
      case 'stop':
        if (!existing) return reply({ kind: 'none' });
        await repo.remove(existing.id);
        this.log.info({ reminder: existing.id }, 'reminder removed');
        return reply({ kind: 'stopped' });
      case 'now': {
        if (!existing) return reply({ kind: 'none' });
        const result = await this.deliver(existing, this.clock.now(), 'now');
        return reply(result.ok ? { kind: 'posted-now' } : { kind: 'post-failed', code: result.code });
      }
    }
  }

  /** Sets (or, after the user confirmed, replaces) the channel's reminder. */
  async set(ref: ChannelRef, rule: WeeklyRule, language?: Language, replacing = true): Promise<CommandResult> {
    const lang = language ?? (await this.language(ref));
    const next = nextRun(rule, this.clock.now());
    const reminder = await this.repo(ref).upsert(ref.channelId, rule, next);
    await this.enqueue(reminder, next, 'scheduled');
    this.log.info({ reminder: reminder.id, tenant: ref.tenantId, platform: ref.platform, rule, next }, 'reminder set');
    return { language: lang, outcome: { kind: 'set', rule, next, replaced: replacing } };
  }

  async keep(ref: ChannelRef): Promise<CommandResult> {
    return { language: await this.language(ref), outcome: { kind: 'kept' } };
  }

  // ---- buttons ----

  async button(
    ref: ChannelRef,
    action: ButtonAction,
    value: ButtonValue,
    userLabel: string,
  ): Promise<{ language: Language; outcome: ButtonOutcome; messageRef?: string }> {
    const language = await this.language(ref);
    const repo = this.repo(ref);
    const reminder = await repo.byId(value.reminderId);
    if (!reminder || reminder.channelId !== ref.channelId) return { language, outcome: { kind: 'gone' } };
    const occurrence = new Date(value.occurrence);
    const delivery = await repo.delivery(reminder.id, occurrence);
    if (!delivery || Number.isNaN(occurrence.getTime())) return { language, outcome: { kind: 'gone' } };
    const messageRef = delivery.messageRef ?? undefined;
    // 'posting': the message is out but its delivery not yet marked (a quick click).
    if (delivery.status !== 'posted' && delivery.status !== 'posting') return { language, outcome: { kind: 'already-handled' }, messageRef };
    if (action === 'snooze') {
      const at = DateTime.fromJSDate(this.clock.now(), { zone: reminder.rule.zone }).plus({ days: 1 }).startOf('minute').toJSDate();
      await repo.markDelivery(reminder.id, occurrence, 'snoozed');
      await this.enqueue(reminder, at, 'snooze');
      this.log.info({ reminder: reminder.id, occurrence, until: at }, 'reminder snoozed');
      return { language, outcome: { kind: 'snoozed', by: userLabel }, messageRef };
    }
    await repo.markDelivery(reminder.id, occurrence, action === 'done' ? 'done' : 'skipped');
    this.log.info({ reminder: reminder.id, occurrence, action }, 'reminder answered');
    return { language, outcome: { kind: action === 'done' ? 'done' : 'skipped', by: userLabel }, messageRef };
  }

  // ---- delivery ----

  private async enqueue(reminder: Reminder, occurrence: Date, kind: DeliveryKind): Promise<void> {
    const iso = occurrence.toISOString();
    const key = `${reminder.id}:${iso}`;
    const data: ReminderJobData = { tenantId: reminder.tenantId, platform: reminder.platform, reminderId: reminder.id, occurrence: iso, kind };
    // Relative to the clock, so an injected clock schedules in seconds through this same path.
    const seconds = Math.max(0, (occurrence.getTime() - this.clock.now().getTime()) / 1000);
    await this.options.queue.sendAfter(REMINDER_JOB, data, Math.round(seconds * 1000) / 1000, {
      id: jobIdFor(key),
      singletonKey: key,
      ...REMINDER_RETRY,
      ...this.options.retry,
    });
  }

  private async runJob(job: Job<ReminderJobData>): Promise<void> {
    await this.handleOccurrence(job.data, false, { job: true, retry: job.retryCount > 0, retried: job.retryCount < job.retryLimit });
  }

  /**
   * Delivers one occurrence (or skips it as missed) and schedules the next: for its job, or
   * for the repair sweep. expiredClaim: the occurrence was claimed once, so it was due
   * whatever the schedule says now. In a job, a post that failed for a temporary reason
   * throws once the next occurrence is scheduled, so that pg-boss retries the job (or, after
   * its last retry, records it as failed).
   */
  private async handleOccurrence(data: ReminderJobData, expiredClaim: boolean, run: Run = INLINE): Promise<void> {
    const { tenantId, platform, reminderId, kind } = data;
    const occurrence = new Date(data.occurrence);
    const log = this.log.child({ reminder: reminderId, occurrence: data.occurrence, kind, platform });
    const repo = this.repo({ tenantId, platform });
    const reminder = await repo.byId(reminderId);
    if (!reminder) return log.info('reminder no longer exists; job dropped');
    if (reminder.status !== 'active') return log.info({ reason: reminder.pausedReason }, 'reminder paused; job dropped');
    // The failed post of an earlier run of this job: the schedule moved on when it failed.
    const retrying = run.retry && (await repo.delivery(reminder.id, occurrence))?.status === 'failed';
    if (kind === 'scheduled' && !expiredClaim && !retrying && reminder.nextRunAt?.getTime() !== occurrence.getTime()) {
      return log.info('reminder was rescheduled; stale job dropped');
    }
    const now = this.clock.now();
    const late = now.getTime() - occurrence.getTime();
    let failed: DeliveryError | undefined;
    if (late > this.graceMs) {
      if ((await repo.claim(reminder.id, occurrence, { kind, status: 'missed', now })).ours) {
        const lateMinutes = Math.round(late / 60_000);
        log.warn({ channel: reminder.channelId, lateMinutes }, 'reminder missed by more than the grace window; skipped');
      }
    } else {
      const result = await this.deliver(reminder, occurrence, kind, { ...run, retry: retrying });
      if (!result.ok && result.permanent) return; // paused: no next occurrence
      if (!result.ok) failed = new DeliveryError(result.code, false);
    }
    if (kind === 'scheduled') await this.scheduleNext(reminder, occurrence);
    if (failed && run.job) throw failed;
  }

  /**
   * Repairs what a stopped worker left behind: claims whose lease ran out, and scheduled
   * runs that are late without a claim (or were posted but not moved on to the next run).
   * Runs every minute on the job queue; resolves with how many occurrences it looked at.
   */
  async repairDeliveries(): Promise<number> {
    const now = this.clock.now();
    const due = await occurrencesToRepair(this.options.db, now, new Date(now.getTime() - LATE_AFTER_MS));
    for (const { reminder, occurrence, kind, expiredClaim } of due) {
      // Another process, with that channel configured, repairs it.
      if (!this.options.deliveries[reminder.platform]) continue;
      const { tenantId, platform, id: reminderId, channelId: channel } = reminder;
      try {
        await this.handleOccurrence({ tenantId, platform, reminderId, occurrence: occurrence.toISOString(), kind }, expiredClaim);
      } catch (err) {
        this.log.error({ err, reminder: reminderId, platform, channel }, 'could not repair a reminder delivery; the next sweep tries again');
      }
    }
    return due.length;
  }

  private async scheduleNext(reminder: Reminder, occurrence: Date): Promise<void> {
    const next = nextRun(reminder.rule, occurrence);
    // Only the instance that moves next_run_at from this occurrence enqueues the next one.
    if (await this.repo(reminder).advance(reminder.id, occurrence, next)) await this.enqueue(reminder, next, 'scheduled');
  }

  private leaseUntil(): Date {
    return new Date(this.clock.now().getTime() + CLAIM_LEASE_MS);
  }

  /**
   * Claims the occurrence and posts it: at least once, duplicates suppressed. A claim taken
   * over from a stopped worker first asks the channel whether that worker's post landed.
   */
  private async deliver(
    reminder: Reminder,
    occurrence: Date,
    kind: DeliveryKind,
    run: Run = INLINE,
  ): Promise<{ ok: true } | { ok: false; code: string; permanent: boolean }> {
    const log = this.log.child({
      reminder: reminder.id,
      occurrence: occurrence.toISOString(),
      kind,
      platform: reminder.platform,
      channel: reminder.channelId,
    });
    const repo = this.repo(reminder);
    const delivery = this.options.deliveries[reminder.platform];
    if (!delivery) {
      log.warn('no delivery for this platform');
      return { ok: false, code: 'no_delivery', permanent: false };
    }
    const claim = await repo.claim(reminder.id, occurrence, {
      kind,
      status: 'posting',
      now: this.clock.now(),
      leaseUntil: this.leaseUntil(),
      takeOverFailed: run.retry,
    });
    if (!claim.ours) {
      const current = await repo.delivery(reminder.id, occurrence);
      if (current?.status === 'posting') log.info({ leaseUntil: current.leaseUntil }, 'another worker is posting this occurrence; left to it');
      else log.info({ status: current?.status }, 'occurrence already handled; not posted again');
      return { ok: true };
    }
    const message = await this.message(reminder, occurrence);
    const target: DeliveryTarget = { platform: reminder.platform, tenantId: reminder.tenantId, channelId: reminder.channelId };
    if (claim.claimNo > 1) {
      if (run.retry) log.info({ claimNo: claim.claimNo }, 'retrying a failed reminder post; first looking whether it landed');
      else log.warn({ claimNo: claim.claimNo }, 'reminder claim expired: its worker stopped between claim and record; repairing');
      const landed = await this.findEarlierPost(delivery, target, message, log);
      if (landed) {
        await this.recordPosted(repo, reminder.id, occurrence, landed.messageRef, log);
        if (run.retry) log.warn({ messageRef: landed.messageRef }, 'the failed reminder post had landed after all; not posted again');
        else log.warn({ messageRef: landed.messageRef }, 'the reminder had been posted before its worker stopped; not posted again');
        return { ok: true };
      }
    }
    const late = this.clock.now().getTime() - occurrence.getTime();
    if (late > LATE_AFTER_MS) log.warn({ lateMinutes: Math.round(late / 60_000) }, 'reminder is late; posting it now');
    // Renewed right before the post (a take-over searched the history first), so the post fits in the lease.
    if (!(await repo.renewClaim(reminder.id, occurrence, claim.claimNo, this.leaseUntil()))) {
      log.warn('the claim was taken over by another worker before the post; left to that worker');
      return { ok: true };
    }
    let messageRef: string;
    try {
      ({ messageRef } = await delivery.post(target, message));
    } catch (err) {
      const code = err instanceof DeliveryError ? err.code : 'unknown_error';
      await repo.markDelivery(reminder.id, occurrence, 'failed');
      if (err instanceof DeliveryError && err.permanent) {
        await repo.pause(reminder.id, code);
        log.warn({ code }, 'cannot post in the channel; reminder paused');
        return { ok: false, code, permanent: true };
      }
      // One try per run: the job's retry (pg-boss) posts again; without one the occurrence is given up.
      if (run.retried) log.warn({ code, err }, 'reminder post failed; the job queue retries it');
      else log.error({ code, err }, 'reminder not posted; this occurrence is given up');
      return { ok: false, code, permanent: false };
    }
    // Outside the try: the post landed, so a failure to record it must not post again.
    await this.recordPosted(repo, reminder.id, occurrence, messageRef, log);
    log.info('reminder posted');
    return { ok: true };
  }

  /** The channel's record of an earlier post of this occurrence, if it can be searched. */
  private async findEarlierPost(
    delivery: ReminderDelivery,
    target: DeliveryTarget,
    message: ReminderMessage,
    log: Logger,
  ): Promise<{ messageRef: string } | undefined> {
    if (!delivery.findPosted) return undefined; // nothing to search: post again (at least once)
    try {
      return await delivery.findPosted(target, message);
    } catch (err) {
      const code = err instanceof DeliveryError ? err.code : 'unknown_error';
      log.warn({ code, err }, 'could not look for the earlier post; posting again, as a duplicate beats a lost reminder');
      return undefined;
    }
  }

  /** Records a post that landed; a database error is retried, the post never repeated for it. */
  private async recordPosted(
    repo: ReminderRepository,
    reminderId: string,
    occurrence: Date,
    messageRef: string,
    log: Logger,
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await repo.markDelivery(reminderId, occurrence, 'posted', messageRef);
      } catch (err) {
        if (attempt >= RECORD_ATTEMPTS) {
          log.error({ err, messageRef }, 'reminder posted but not recorded; when its claim expires the repair looks for it');
          throw err;
        }
        await waitBeforeRetry(attempt);
      }
    }
  }

  /**
   * What a reminder in this channel would show now, without storing or posting anything
   * (the web chat's preview). Its buttons name the reminder "preview".
   */
  async preview(where: ChannelRef): Promise<ReminderMessage> {
    const rule: WeeklyRule = { weekday: 4, hour: 14, minute: 0, zone: this.defaultZone };
    const { platform, tenantId, channelId } = where;
    return this.message({ id: PREVIEW_ID, platform, tenantId, channelId, rule }, this.clock.now());
  }

  /**
   * The web chat's reflection moment of this week: the questions of the week with their answer
   * controls, as a channel's reminder shows them. Its occurrence is the week's Monday (noon), so
   * all answers given in one week belong together.
   */
  async reflectionMoment(where: ChannelRef): Promise<ReminderMessage> {
    const rule: WeeklyRule = { weekday: 1, hour: 12, minute: 0, zone: this.defaultZone };
    const { platform, tenantId, channelId } = where;
    return this.message({ id: WEB_MOMENT_ID, platform, tenantId, channelId, rule }, this.weekStart(this.clock.now()));
  }

  /** The web chat's occurrence of a week: its Monday at noon, so that its date is that Monday's in UTC too (the export, the chart). */
  private weekStart(at: Date): Date {
    return DateTime.fromJSDate(at, { zone: this.defaultZone }).startOf('week').set({ hour: 12 }).toJSDate();
  }

  // ---- answers ----

  /**
   * Answers to an occurrence's questions by one person (userId: the platform's id, stored
   * hashed). All or nothing: a note with client data, or one too long, refuses the whole
   * submission and nothing is stored, so the person can fix it and send it again.
   */
  async answer(ref: ChannelRef, submission: AnswerSubmission, userId: string): Promise<{ language: Language; outcome: AnswerOutcome }> {
    const language = await this.language(ref);
    const reply = (outcome: AnswerOutcome) => ({ language, outcome });
    const occurrence = new Date(submission.occurrence);
    if (Number.isNaN(occurrence.getTime())) return reply({ kind: 'gone' });
    const reminder = await this.answerable(ref, submission.reminderId, occurrence);
    if (!reminder) return reply({ kind: 'gone' });
    const asked = new Set(promptsForWeek(this.options.prompts, isoWeekIndex(occurrence, reminder.rule.zone)).map((p) => p.id));
    const answers = submission.answers
      .filter((a) => asked.has(a.promptId))
      .map((a) => ({ ...a, note: a.note?.trim() || undefined }))
      .filter((a) => a.rating !== undefined || a.note !== undefined);
    if (answers.length === 0) return reply({ kind: 'empty' });
    if (answers.some((a) => a.note && a.note.length > NOTE_MAX_CHARS)) return reply({ kind: 'note-too-long', max: NOTE_MAX_CHARS });
    const found = answers.flatMap((a) => (a.note ? findPersonalData(a.note, { maxChars: NOTE_MAX_CHARS }).map((m) => m.kind) : []));
    if (found.length) {
      this.log.info({ kinds: [...new Set(found)] }, 'reflection note refused: personal data');
      return reply({ kind: 'refused', found: [...new Set(found)] });
    }
    let caseAlias: string | undefined;
    try {
      caseAlias = (await this.options.goals?.summary(ref, ref.channelId, language))?.cases[0]?.alias;
    } catch (err) {
      this.log.warn({ err }, 'could not read the channel’s /goals cases for an answer');
    }
    const rows: AnswerInput[] = answers.map((a) => ({
      channelId: ref.channelId,
      reminderId: reminder.id,
      occurrence,
      promptId: a.promptId,
      userId,
      ...(a.rating !== undefined ? { rating: a.rating } : {}),
      ...(a.note !== undefined ? { note: a.note } : {}),
      ...(caseAlias ? { caseAlias } : {}),
    }));
    // One transaction: a submission's answers land together or not at all (the salt is read before it).
    const hash = await this.userHash();
    await this.options.db.transaction((tx) => reflectionAnswers(tx, ref, hash).save(rows));
    this.log.info({ reminder: reminder.id, occurrence, answers: rows.length }, 'reflection answers saved');
    return reply({ kind: 'saved', message: await this.message(reminder, occurrence) });
  }

  /** The reminder an answer belongs to, if its occurrence can still be answered in this channel. */
  private async answerable(ref: ChannelRef, reminderId: string, occurrence: Date): Promise<Pick<Reminder, 'id' | 'platform' | 'tenantId' | 'channelId' | 'rule'> | undefined> {
    if (reminderId === WEB_MOMENT_ID) {
      if (ref.platform !== 'web') return undefined;
      // This week's moment, or last week's when its card was left open over the weekend.
      const thisWeek = this.weekStart(this.clock.now()).getTime();
      const weekMs = 7 * 86_400_000;
      if (occurrence.getTime() !== thisWeek && Math.abs(occurrence.getTime() - (thisWeek - weekMs)) > 2 * 3_600_000) return undefined;
      const rule: WeeklyRule = { weekday: 1, hour: 12, minute: 0, zone: this.defaultZone };
      return { id: WEB_MOMENT_ID, platform: ref.platform, tenantId: ref.tenantId, channelId: ref.channelId, rule };
    }
    const repo = this.repo(ref);
    const reminder = await repo.byId(reminderId);
    if (!reminder || reminder.channelId !== ref.channelId) return undefined;
    const delivery = await repo.delivery(reminder.id, occurrence);
    return delivery && delivery.status !== 'missed' && delivery.status !== 'failed' ? reminder : undefined;
  }

  /** The questions' trends from the channel's answers before `until` (all when absent). */
  private async trends(ref: ChannelRef, now: Date, until?: Date): Promise<PromptTrend[]> {
    const rows = await (await this.answers(ref)).averages(ref.channelId, trendSince(now));
    const before = until ? rows.filter((r) => r.occurrence.getTime() < until.getTime()) : rows;
    return trendOf(before, this.options.prompts.map((p) => p.id));
  }

  private attentionOf(trends: readonly PromptTrend[], language: Language): AttentionPoint[] {
    const byId = new Map(this.options.prompts.map((p) => [p.id, p]));
    return trends
      .filter((t) => t.attention && byId.has(t.promptId))
      .map((t) => {
        const p = byId.get(t.promptId)!;
        return { promptId: p.id, question: p.question[language], latest: t.latest, evidence: p.evidence[language], askMore: p.askMore[language] };
      });
  }

  /** `reflect trend`: every question the channel answered in the last weeks. */
  async trend(ref: ChannelRef, language?: Language): Promise<TrendReport> {
    const lang = language ?? (await this.language(ref));
    const trends = await this.trends(ref, this.clock.now());
    const question = new Map(this.options.prompts.map((p) => [p.id, p.question[lang]]));
    return {
      prompts: trends.map((t) => ({ ...t, question: question.get(t.promptId) ?? t.promptId })),
      attention: this.attentionOf(trends, lang),
      chart: chartDataOf(trends),
    };
  }

  /** `reflect export`: per occurrence and question the date, question, average and counts; never who answered. */
  async exportCsv(ref: ChannelRef, language?: Language): Promise<{ csv: string; rows: number }> {
    const lang = language ?? (await this.language(ref));
    const rows = await (await this.answers(ref)).averages(ref.channelId, new Date(0));
    const question = new Map(this.options.prompts.map((p) => [p.id, p.question[lang]]));
    const cell = (v: string | number) => (/[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    const lines = [
      ['date', 'prompt', 'question', 'average', 'ratings', 'notes'],
      ...rows.map((r) => [
        r.occurrence.toISOString().slice(0, 10),
        r.promptId,
        question.get(r.promptId) ?? '',
        r.average === undefined ? '' : r.average.toFixed(2),
        r.ratings,
        r.notes,
      ]),
    ];
    return { csv: `${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`, rows: rows.length };
  }

  /**
   * The message of one occurrence: the week's three questions, the channel's /goals cases, how
   * many answered, the questions that need attention with their evidence and, every fourth
   * week, the recap. A failure to read the answers leaves those parts out: the reminder goes out.
   */
  async message(reminder: Pick<Reminder, 'id' | 'platform' | 'tenantId' | 'channelId' | 'rule'>, occurrence: Date): Promise<ReminderMessage> {
    const language = await this.language(reminder);
    const week = isoWeekIndex(occurrence, reminder.rule.zone);
    const questions = promptsForWeek(this.options.prompts, week).map((p) => ({
      id: p.id,
      text: p.question[language],
      citation: p.citation[language],
      citationText: promptCitationText(p.citation[language], language),
    }));
    let goals: GoalsSummary | undefined;
    try {
      goals = await this.options.goals?.summary(reminder, reminder.channelId, language);
    } catch (err) {
      this.log.warn({ err }, 'could not read the channel’s /goals cases');
    }
    const message: ReminderMessage = {
      reminderId: reminder.id,
      occurrence: occurrence.toISOString(),
      language,
      questions,
      goals: goals ?? { cases: [] },
    };
    if (reminder.id === PREVIEW_ID) return message;
    try {
      const ref = { platform: reminder.platform, tenantId: reminder.tenantId, channelId: reminder.channelId };
      message.respondents = await (await this.answers(ref)).respondents(reminder.channelId, occurrence);
      // Earlier occurrences only: what this week's answers say shows in next week's reminder and in the trend.
      const trends = await this.trends(ref, occurrence, occurrence);
      const attention = this.attentionOf(trends, language);
      if (attention.length) message.attention = attention;
      if (isRecapWeek(week)) message.recap = this.recap(trends, message.goals, occurrence, language);
    } catch (err) {
      this.log.warn({ err }, 'could not read the reflection answers; the reminder goes without them');
    }
    return message;
  }

  private recap(trends: readonly PromptTrend[], goals: GoalsSummary, occurrence: Date, language: Language): Recap {
    const question = new Map(this.options.prompts.map((p) => [p.id, p.question[language]]));
    const { wentWell, needsAttention } = recapOf(trends);
    const today = occurrence.toISOString().slice(0, 10);
    return {
      wentWell: wentWell.map((id) => question.get(id) ?? id),
      needsAttention: needsAttention.map((id) => question.get(id) ?? id),
      casesDue: goals.cases.flatMap((c) => (c.reviewDate && c.reviewDate < today ? [{ alias: c.alias, reviewDate: c.reviewDate }] : [])),
    };
  }
}
