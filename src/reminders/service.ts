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
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { Language } from '../answer/reply.js';
import type { Database, Job, Queue, Tenant } from '../storage/index.js';
import { DeliveryError, type DeliveryTarget, type GoalsHook, type ReminderDelivery, type ReminderMessage } from './delivery.js';
import { parseReflect, type ReflectCommand } from './parse.js';
import { promptCitationText, promptsForWeek, type ReflectionPrompt } from './prompts.js';
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
import { REMINDER_TEXTS as T, errorText } from './texts.js';

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
 * How long a claim to post an occurrence holds. Longer than one post attempt with the
 * channel's own retries (Slack: 5 tries of at most 20 s each), and renewed before every
 * attempt, so a live worker keeps it; short enough that the reminder of a worker that
 * stopped between claim and post is repaired minutes late, not a quarter of an hour.
 * Migration 004 gives claims made before leases existed the same length.
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
/** Tries to record a post that landed, which is retried rather than posted again. */
const RECORD_ATTEMPTS = 3;
/** The first pause between two tries of a post or its record; it doubles each time. */
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
  /** Attempts per post for temporary failures before the occurrence is given up. */
  postAttempts?: number;
}

/** A channel, with its platform and tenant. */
export interface ChannelRef extends Tenant {
  channelId: string;
}

/** What a command answers: a text for the user, and for a second reminder an offer to replace. */
export interface CommandResult {
  language: Language;
  text: string;
  /** Present when the channel already has a reminder: ask whether to replace it with this one. */
  offerReplace?: { current: WeeklyRule; proposed: WeeklyRule };
}

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

  async language(ref: ChannelRef): Promise<Language> {
    try {
      return (await this.options.goals?.language(ref, ref.channelId)) ?? this.defaultLanguage;
    } catch (err) {
      this.log.warn({ err }, 'could not read the channel language');
      return this.defaultLanguage;
    }
  }

  private when(at: Date, zone: string, lang: Language): string {
    return DateTime.fromJSDate(at, { zone }).setLocale(lang === 'nl' ? 'nl' : 'en-GB').toFormat("cccc d LLLL yyyy HH:mm '('z')'");
  }

  // ---- commands ----

  async command(ref: ChannelRef, text: string): Promise<CommandResult> {
    const language = await this.language(ref);
    const parsed: ReflectCommand = parseReflect(text, this.defaultZone);
    const repo = this.repo(ref);
    const existing = await repo.forChannel(ref.channelId);
    const reply = (t: string): CommandResult => ({ language, text: t });
    switch (parsed.kind) {
      case 'error':
        return reply(errorText(parsed.error, language));
      case 'help':
        return reply(T.help[language]);
      case 'weekly':
        if (existing) {
          return { language, text: T.offerReplace[language](existing.rule, parsed.rule), offerReplace: { current: existing.rule, proposed: parsed.rule } };
        }
        return reply(await this.set(ref, parsed.rule, language, false));
      case 'list': {
        if (!existing) return reply(T.none[language]);
        const status = existing.status === 'active' ? T.statusActive[language] : T.statusPaused[language](existing.pausedReason);
        const next = existing.status === 'active' && existing.nextRunAt ? this.when(existing.nextRunAt, existing.rule.zone, language) : undefined;
        return reply(T.list[language](existing.rule, status, next));
      }
      case 'pause':
        if (!existing) return reply(T.none[language]);
        if (existing.status === 'paused') return reply(T.alreadyPaused[language]);
        await repo.pause(existing.id, 'user');
        this.log.info({ reminder: existing.id }, 'reminder paused by a user');
        return reply(T.paused[language]);
      case 'resume': {
        if (!existing) return reply(T.none[language]);
        if (existing.status === 'active') return reply(T.notPaused[language]);
        const next = nextRun(existing.rule, this.clock.now());
        await repo.resume(existing.id, next);
        await this.enqueue(existing, next, 'scheduled');
        this.log.info({ reminder: existing.id, next }, 'reminder resumed');
        return reply(T.resumed[language](this.when(next, existing.rule.zone, language)));
      }
      case 'stop':
        if (!existing) return reply(T.none[language]);
        await repo.remove(existing.id);
        this.log.info({ reminder: existing.id }, 'reminder removed');
        return reply(T.stopped[language]);
      case 'now': {
        if (!existing) return reply(T.none[language]);
        const result = await this.deliver(existing, this.clock.now(), 'now');
        return reply(result.ok ? T.postedNow[language] : T.postFailed[language](result.code));
      }
    }
  }

  /** Sets (or, after the user confirmed, replaces) the channel's reminder. */
  async set(ref: ChannelRef, rule: WeeklyRule, language?: Language, replacing = true): Promise<string> {
    const lang = language ?? (await this.language(ref));
    const next = nextRun(rule, this.clock.now());
    const reminder = await this.repo(ref).upsert(ref.channelId, rule, next);
    await this.enqueue(reminder, next, 'scheduled');
    this.log.info({ reminder: reminder.id, tenant: ref.tenantId, platform: ref.platform, rule, next }, 'reminder set');
    return (replacing ? T.replaced : T.set)[lang](rule, this.when(next, rule.zone, lang));
  }

  async keep(ref: ChannelRef): Promise<string> {
    return T.kept[await this.language(ref)];
  }

  // ---- buttons ----

  async button(ref: ChannelRef, action: ButtonAction, value: ButtonValue, userLabel: string): Promise<{ language: Language; text: string; messageRef?: string }> {
    const language = await this.language(ref);
    const repo = this.repo(ref);
    const reminder = await repo.byId(value.reminderId);
    if (!reminder || reminder.channelId !== ref.channelId) return { language, text: T.reminderGone[language] };
    const occurrence = new Date(value.occurrence);
    const delivery = await repo.delivery(reminder.id, occurrence);
    if (!delivery || Number.isNaN(occurrence.getTime())) return { language, text: T.reminderGone[language] };
    // 'posting': the message is out but its delivery not yet marked (a quick click).
    if (delivery.status !== 'posted' && delivery.status !== 'posting') return { language, text: T.alreadyHandled[language], messageRef: delivery.messageRef ?? undefined };
    if (action === 'snooze') {
      const at = DateTime.fromJSDate(this.clock.now(), { zone: reminder.rule.zone }).plus({ days: 1 }).startOf('minute').toJSDate();
      await repo.markDelivery(reminder.id, occurrence, 'snoozed');
      await this.enqueue(reminder, at, 'snooze');
      this.log.info({ reminder: reminder.id, occurrence, until: at }, 'reminder snoozed');
      return { language, text: T.snoozed[language](userLabel), messageRef: delivery.messageRef ?? undefined };
    }
    await repo.markDelivery(reminder.id, occurrence, action === 'done' ? 'done' : 'skipped');
    this.log.info({ reminder: reminder.id, occurrence, action }, 'reminder answered');
    return {
      language,
      text: (action === 'done' ? T.markedDone : T.skipped)[language](userLabel),
      messageRef: delivery.messageRef ?? undefined,
    };
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
      retryLimit: 3,
      retryDelay: 30,
      retryBackoff: true,
    });
  }

  private async runJob(job: Job<ReminderJobData>): Promise<void> {
    await this.handleOccurrence(job.data, false);
  }

  /**
   * Delivers one occurrence (or skips it as missed) and schedules the next: for its job, or
   * for the repair sweep. expiredClaim: the occurrence was claimed once, so it was due
   * whatever the schedule says now.
   */
  private async handleOccurrence(data: ReminderJobData, expiredClaim: boolean): Promise<void> {
    const { tenantId, platform, reminderId, kind } = data;
    const occurrence = new Date(data.occurrence);
    const log = this.log.child({ reminder: reminderId, occurrence: data.occurrence, kind, platform });
    const repo = this.repo({ tenantId, platform });
    const reminder = await repo.byId(reminderId);
    if (!reminder) return log.info('reminder no longer exists; job dropped');
    if (reminder.status !== 'active') return log.info({ reason: reminder.pausedReason }, 'reminder paused; job dropped');
    if (kind === 'scheduled' && !expiredClaim && reminder.nextRunAt?.getTime() !== occurrence.getTime()) {
      return log.info('reminder was rescheduled; stale job dropped');
    }
    const now = this.clock.now();
    const late = now.getTime() - occurrence.getTime();
    if (late > this.graceMs) {
      if ((await repo.claim(reminder.id, occurrence, { kind, status: 'missed', now })).ours) {
        const lateMinutes = Math.round(late / 60_000);
        log.warn({ channel: reminder.channelId, lateMinutes }, 'reminder missed by more than the grace window; skipped');
      }
    } else {
      const result = await this.deliver(reminder, occurrence, kind);
      if (!result.ok && result.permanent) return; // paused: no next occurrence
    }
    if (kind === 'scheduled') await this.scheduleNext(reminder, occurrence);
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
      log.warn({ claimNo: claim.claimNo }, 'reminder claim expired: its worker stopped between claim and record; repairing');
      const landed = await this.findEarlierPost(delivery, target, message, log);
      if (landed) {
        await this.recordPosted(repo, reminder.id, occurrence, landed.messageRef, log);
        log.warn({ messageRef: landed.messageRef }, 'the reminder had been posted before its worker stopped; not posted again');
        return { ok: true };
      }
    }
    const late = this.clock.now().getTime() - occurrence.getTime();
    if (late > LATE_AFTER_MS) log.warn({ lateMinutes: Math.round(late / 60_000) }, 'reminder is late; posting it now');
    const attempts = this.options.postAttempts ?? 3;
    let lastCode = 'unknown_error';
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      // Renewed before each attempt, so only one attempt must fit in the lease.
      if (!(await repo.renewClaim(reminder.id, occurrence, claim.claimNo, this.leaseUntil()))) {
        log.warn('the claim was taken over by another worker before this attempt; left to that worker');
        return { ok: true };
      }
      let messageRef: string;
      try {
        ({ messageRef } = await delivery.post(target, message));
      } catch (err) {
        const code = err instanceof DeliveryError ? err.code : 'unknown_error';
        const permanent = err instanceof DeliveryError && err.permanent;
        lastCode = code;
        if (permanent) {
          await repo.markDelivery(reminder.id, occurrence, 'failed');
          await repo.pause(reminder.id, code);
          log.warn({ code }, 'cannot post in the channel; reminder paused');
          return { ok: false, code, permanent: true };
        }
        log.warn({ code, attempt, err }, 'reminder post failed');
        if (attempt < attempts) await waitBeforeRetry(attempt);
        continue;
      }
      // Outside the try: the post landed, so a failure to record it must not post again.
      await this.recordPosted(repo, reminder.id, occurrence, messageRef, log);
      log.info('reminder posted');
      return { ok: true };
    }
    await repo.markDelivery(reminder.id, occurrence, 'failed');
    log.error({ code: lastCode }, 'reminder not posted after retries; this occurrence is given up');
    return { ok: false, code: lastCode, permanent: false };
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

  /** The message of one occurrence: the week's three questions, the /goals summary, buttons. */
  async message(reminder: Pick<Reminder, 'id' | 'platform' | 'tenantId' | 'channelId' | 'rule'>, occurrence: Date): Promise<ReminderMessage> {
    const language = await this.language(reminder);
    const week = isoWeekIndex(occurrence, reminder.rule.zone);
    const questions = promptsForWeek(this.options.prompts, week).map((p) => ({
      id: p.id,
      text: p.question[language],
      citation: p.citation[language],
      citationText: promptCitationText(p.citation[language], language),
    }));
    let goals: { text: string; link?: string } | undefined;
    try {
      goals = await this.options.goals?.summary(reminder, reminder.channelId, language);
    } catch (err) {
      this.log.warn({ err }, 'could not read the channel’s /goals cases');
    }
    const fallback = [
      `${T.title[language]}`,
      ...questions.map((q, i) => `${i + 1}. ${q.text}`),
    ].join('\n');
    return {
      reminderId: reminder.id,
      occurrence: occurrence.toISOString(),
      language,
      title: T.title[language],
      intro: T.intro[language],
      questionsHeading: T.questionsHeading[language],
      questions,
      goals: { heading: T.goalsHeading[language], text: goals?.text ?? T.noGoals[language], ...(goals?.link ? { link: goals.link } : {}) },
      buttons: { done: T.done[language], snooze: T.snooze[language], skip: T.skip[language] },
      fallback,
    };
  }
}
