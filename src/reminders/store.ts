/**
 * The reminders repository, scoped to one platform and tenant: every query filters on
 * (or writes) both, as the storage layer's own store does. Channel-scoped
 * operations take the channel id; the worker, which only knows a reminder id, uses
 * byId() within the tenant named in its job.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../storage/index.js';
import { checkTenant, type Platform, type Tenant } from '../storage/tenant.js';
import type { WeeklyRule } from './schedule.js';

// Reminders exist in Slack and Teams only (migration 003's CHECK); the web chat previews one.
export type { Platform };
export type ReminderStatus = 'active' | 'paused';
export type DeliveryKind = 'scheduled' | 'now' | 'snooze';
export type DeliveryStatus = 'posting' | 'posted' | 'missed' | 'done' | 'skipped' | 'snoozed' | 'failed';

export interface Reminder {
  id: string;
  tenantId: string;
  platform: Platform;
  channelId: string;
  rule: WeeklyRule;
  status: ReminderStatus;
  pausedReason: string | null;
  nextRunAt: Date | null;
}

export interface Delivery {
  reminderId: string;
  occurrence: Date;
  kind: DeliveryKind;
  status: DeliveryStatus;
  messageRef: string | null;
  claimedAt: Date | null;
  /** Until when a 'posting' claim holds; after it, the next delivery run may take it over. */
  leaseUntil: Date | null;
  /** How often the occurrence was claimed (above 1: a stuck claim was taken over). */
  claims: number;
}

/** A claim on an occurrence: the time it is made and, for 'posting', until when it holds. */
export interface ClaimRequest {
  kind: DeliveryKind;
  status: DeliveryStatus;
  now: Date;
  leaseUntil?: Date;
  /** Also take over the occurrence when its post failed (status 'failed'): the job's retry. */
  takeOverFailed?: boolean;
}

/**
 * Ours: the claimNo-th claim of the occurrence (1: the first; above 1: an earlier claim's
 * lease ran out and was taken over). Not ours: handled already, or claimed by a worker whose
 * lease still holds.
 */
export type ClaimResult = { ours: true; claimNo: number } | { ours: false };

interface ReminderRow {
  [key: string]: unknown;
  id: string;
  tenant_id: string;
  platform: Platform;
  channel_id: string;
  weekday: number;
  hour: number;
  minute: number;
  time_zone: string;
  status: ReminderStatus;
  paused_reason: string | null;
  next_run_at: Date | string | null;
}

const toDate = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

function fromRow(r: ReminderRow): Reminder {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    platform: r.platform,
    channelId: r.channel_id,
    rule: { weekday: Number(r.weekday), hour: Number(r.hour), minute: Number(r.minute), zone: r.time_zone },
    status: r.status,
    pausedReason: r.paused_reason,
    nextRunAt: toDate(r.next_run_at),
  };
}

const COLUMNS = 'id, tenant_id, platform, channel_id, weekday, hour, minute, time_zone, status, paused_reason, next_run_at';

export interface ReminderRepository {
  readonly tenantId: string;
  readonly platform: Platform;
  forChannel(channelId: string): Promise<Reminder | undefined>;
  byId(id: string): Promise<Reminder | undefined>;
  /** Creates the channel's reminder, or replaces its schedule when it has one. */
  upsert(channelId: string, rule: WeeklyRule, nextRunAt: Date): Promise<Reminder>;
  setNextRun(id: string, nextRunAt: Date | null): Promise<void>;
  /** Sets the next run only if it still is `expected` (another instance may have moved it). */
  advance(id: string, expected: Date, nextRunAt: Date): Promise<boolean>;
  pause(id: string, reason: string): Promise<void>;
  resume(id: string, nextRunAt: Date): Promise<void>;
  remove(id: string): Promise<void>;
  /**
   * Claims an occurrence: ours for the one caller that inserted it, or that took over a
   * 'posting' claim whose lease ran out (or, with takeOverFailed, a failed post); not ours
   * for all others.
   */
  claim(id: string, occurrence: Date, request: ClaimRequest): Promise<ClaimResult>;
  /** Extends our 'posting' claim; false when it is no longer ours (taken over, or answered). */
  renewClaim(id: string, occurrence: Date, claimNo: number, leaseUntil: Date): Promise<boolean>;
  /** Gives an occurrence back (a temporary failure before anything was posted). */
  unclaim(id: string, occurrence: Date): Promise<void>;
  markDelivery(id: string, occurrence: Date, status: DeliveryStatus, messageRef?: string): Promise<void>;
  delivery(id: string, occurrence: Date): Promise<Delivery | undefined>;
  deliveries(id: string): Promise<Delivery[]>;
}

export function reminderRepository(db: Queryable, tenant: Tenant): ReminderRepository {
  const { platform, tenantId } = checkTenant(tenant);
  const one = async (sql: string, params: unknown[]) => {
    const [row] = await db.query<ReminderRow>(sql, params);
    return row ? fromRow(row) : undefined;
  };
  return {
    tenantId,
    platform,
    forChannel: (channelId) =>
      one(`SELECT ${COLUMNS} FROM reminders WHERE tenant_id = $1 AND platform = $2 AND channel_id = $3`, [
        tenantId,
        platform,
        channelId,
      ]),
    byId: (id) =>
      one(`SELECT ${COLUMNS} FROM reminders WHERE tenant_id = $1 AND platform = $2 AND id = $3`, [tenantId, platform, id]),
    async upsert(channelId, rule, nextRunAt) {
      const row = await one(
        `INSERT INTO reminders (id, tenant_id, platform, channel_id, weekday, hour, minute, time_zone, next_run_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (tenant_id, platform, channel_id) DO UPDATE SET
           weekday = EXCLUDED.weekday, hour = EXCLUDED.hour, minute = EXCLUDED.minute,
           time_zone = EXCLUDED.time_zone, next_run_at = EXCLUDED.next_run_at,
           status = 'active', paused_reason = NULL, updated_at = now()
         RETURNING ${COLUMNS}`,
        [randomUUID(), tenantId, platform, channelId, rule.weekday, rule.hour, rule.minute, rule.zone, nextRunAt],
      );
      return row!;
    },
    async setNextRun(id, nextRunAt) {
      await db.query(
        'UPDATE reminders SET next_run_at = $4, updated_at = now() WHERE tenant_id = $1 AND platform = $2 AND id = $3',
        [tenantId, platform, id, nextRunAt],
      );
    },
    async advance(id, expected, nextRunAt) {
      const rows = await db.query(
        `UPDATE reminders SET next_run_at = $5, updated_at = now()
         WHERE tenant_id = $1 AND platform = $2 AND id = $3 AND next_run_at = $4 RETURNING id`,
        [tenantId, platform, id, expected, nextRunAt],
      );
      return rows.length === 1;
    },
    async pause(id, reason) {
      await db.query(
        `UPDATE reminders SET status = 'paused', paused_reason = $4, updated_at = now()
         WHERE tenant_id = $1 AND platform = $2 AND id = $3`,
        [tenantId, platform, id, reason],
      );
    },
    async resume(id, nextRunAt) {
      await db.query(
        `UPDATE reminders SET status = 'active', paused_reason = NULL, next_run_at = $4, updated_at = now()
         WHERE tenant_id = $1 AND platform = $2 AND id = $3`,
        [tenantId, platform, id, nextRunAt],
      );
    },
    async remove(id) {
      await db.query('DELETE FROM reminders WHERE tenant_id = $1 AND platform = $2 AND id = $3', [tenantId, platform, id]);
    },
    async claim(id, occurrence, { kind, status, now, leaseUntil, takeOverFailed = false }) {
      // The reminder must belong to this tenant: the insert selects it under that filter.
      // A conflicting row is taken over only while it is a claim whose lease ran out, or
      // (for the job's retry) a post that failed.
      const rows = await db.query<{ claims: number }>(
        `INSERT INTO reminder_deliveries AS d (reminder_id, occurrence, kind, status, claimed_at, lease_until)
         SELECT id, $4, $5, $6, $7::timestamptz, $8::timestamptz FROM reminders WHERE tenant_id = $1 AND platform = $2 AND id = $3
         ON CONFLICT (reminder_id, occurrence) DO UPDATE
           SET status = EXCLUDED.status, claimed_at = EXCLUDED.claimed_at, lease_until = EXCLUDED.lease_until,
               claims = d.claims + 1, handled_at = now()
           WHERE (d.status = 'posting' AND d.lease_until <= EXCLUDED.claimed_at) OR ($9::boolean AND d.status = 'failed')
         RETURNING d.claims`,
        [tenantId, platform, id, occurrence, kind, status, now, leaseUntil ?? null, takeOverFailed],
      );
      return rows.length === 1 ? { ours: true, claimNo: Number(rows[0].claims) } : { ours: false };
    },
    async renewClaim(id, occurrence, claimNo, leaseUntil) {
      const rows = await db.query(
        `UPDATE reminder_deliveries d SET lease_until = $6::timestamptz
         FROM reminders r
         WHERE d.reminder_id = r.id AND r.tenant_id = $1 AND r.platform = $2 AND r.id = $3 AND d.occurrence = $4
           AND d.status = 'posting' AND d.claims = $5
         RETURNING d.reminder_id`,
        [tenantId, platform, id, occurrence, claimNo, leaseUntil],
      );
      return rows.length === 1;
    },
    async unclaim(id, occurrence) {
      await db.query(
        `DELETE FROM reminder_deliveries d USING reminders r
         WHERE d.reminder_id = r.id AND r.tenant_id = $1 AND r.platform = $2 AND r.id = $3 AND d.occurrence = $4`,
        [tenantId, platform, id, occurrence],
      );
    },
    async markDelivery(id, occurrence, status, messageRef) {
      await db.query(
        // A button can be clicked before "posted" is written: an answer given meanwhile stays.
        `UPDATE reminder_deliveries d
         SET status = CASE WHEN $5 = 'posted' AND d.status <> 'posting' THEN d.status ELSE $5 END,
             message_ref = COALESCE($6, d.message_ref), handled_at = now()
         FROM reminders r
         WHERE d.reminder_id = r.id AND r.tenant_id = $1 AND r.platform = $2 AND r.id = $3 AND d.occurrence = $4`,
        [tenantId, platform, id, occurrence, status, messageRef ?? null],
      );
    },
    async delivery(id, occurrence) {
      const rows = await deliveriesWhere(db, [tenantId, platform, id], 'AND d.occurrence = $4', [occurrence]);
      return rows[0];
    },
    deliveries: (id) => deliveriesWhere(db, [tenantId, platform, id], '', []),
  };
}

async function deliveriesWhere(db: Queryable, scope: unknown[], extra: string, params: unknown[]): Promise<Delivery[]> {
  const rows = await db.query<{
    reminder_id: string;
    occurrence: Date | string;
    kind: DeliveryKind;
    status: DeliveryStatus;
    message_ref: string | null;
    claimed_at: Date | string | null;
    lease_until: Date | string | null;
    claims: number;
  }>(
    `SELECT d.reminder_id, d.occurrence, d.kind, d.status, d.message_ref, d.claimed_at, d.lease_until, d.claims
     FROM reminder_deliveries d JOIN reminders r ON r.id = d.reminder_id
     WHERE r.tenant_id = $1 AND r.platform = $2 AND r.id = $3 ${extra}
     ORDER BY d.occurrence`,
    [...scope, ...params],
  );
  return rows.map((r) => ({
    reminderId: r.reminder_id,
    occurrence: toDate(r.occurrence)!,
    kind: r.kind,
    status: r.status,
    messageRef: r.message_ref,
    claimedAt: toDate(r.claimed_at),
    leaseUntil: toDate(r.lease_until),
    claims: Number(r.claims),
  }));
}

/** Every active reminder, across tenants: for the start-up check that each has its job. */
export async function activeReminders(db: Queryable): Promise<Reminder[]> {
  const rows = await db.query<ReminderRow>(`SELECT ${COLUMNS} FROM reminders WHERE status = 'active' ORDER BY id`);
  return rows.map(fromRow);
}

/** An occurrence whose delivery may have been lost, for the repair sweep. */
export interface OccurrenceToRepair {
  reminder: Reminder;
  occurrence: Date;
  kind: DeliveryKind;
  /** A claim whose lease ran out (else: a scheduled run that is late and unclaimed, or claimed but not moved on). */
  expiredClaim: boolean;
}

/**
 * Across tenants, for the repair sweep: 'posting' claims of active reminders whose lease
 * ran out by `now`, and active reminders whose next run was due by `lateBefore` without an
 * open claim (its job stopped before claiming, or before moving the schedule on).
 */
export async function occurrencesToRepair(db: Queryable, now: Date, lateBefore: Date): Promise<OccurrenceToRepair[]> {
  const columns = COLUMNS.split(', ').map((c) => `r.${c}`).join(', ');
  const rows = await db.query<ReminderRow & { occurrence: Date | string; kind: DeliveryKind; expired_claim: boolean }>(
    `SELECT ${columns}, d.occurrence, d.kind, true AS expired_claim
     FROM reminder_deliveries d JOIN reminders r ON r.id = d.reminder_id
     WHERE r.status = 'active' AND d.status = 'posting' AND d.lease_until <= $1::timestamptz
     UNION ALL
     SELECT ${columns}, r.next_run_at, 'scheduled', false
     FROM reminders r
     WHERE r.status = 'active' AND r.next_run_at <= $2::timestamptz
       AND NOT EXISTS (SELECT 1 FROM reminder_deliveries d
                       WHERE d.reminder_id = r.id AND d.occurrence = r.next_run_at AND d.status = 'posting')
     ORDER BY occurrence, id`,
    [now, lateBefore],
  );
  return rows.map((r) => ({
    reminder: fromRow(r),
    occurrence: toDate(r.occurrence)!,
    kind: r.kind,
    expiredClaim: r.expired_claim === true,
  }));
}
