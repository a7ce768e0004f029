/**
 * The /goals cases in the project's database, scoped like the storage layer: the only way
 * in is goalStore.channel({ platform, tenantId }, channelId), and every query filters on
 * all three, so one team never reads another's cases, nor one platform another's under
 * the same tenant id. Every save is a new version in one transaction (the case row and
 * its version land together, or neither does); a save against a version that is no
 * longer current is refused with the newer case (optimistic concurrency).
 */
import type { Language } from '../shared/reply.js';
import type { Database, Queryable } from '../storage/database.js';
import { checkTenant, type Tenant } from '../storage/tenant.js';
import { findPersonalData } from '../privacy/personal-data.js';
import { CaseContentSchema, type CaseContent, type PersonalDataFound } from './model.js';

export interface StoredCase {
  alias: string;
  /** 0 while the template is posted but not filled in. */
  version: number;
  content: CaseContent | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CaseVersion {
  version: number;
  content: CaseContent;
  restoredFrom?: number;
  savedAt: Date;
}

/** The case changed since the caller read it: `current` is the newer state. */
export class CaseConflictError extends Error {
  constructor(readonly current: StoredCase) {
    super(`Case ${current.alias} changed: it is now at version ${current.version}`);
    this.name = 'CaseConflictError';
  }
}

export class CaseNotFoundError extends Error {
  constructor(readonly alias: string) {
    super(`No case ${alias} in this channel`);
    this.name = 'CaseNotFoundError';
  }
}

export class NothingToUndoError extends Error {
  constructor(readonly alias: string) {
    super(`Case ${alias} has no earlier version to go back to`);
    this.name = 'NothingToUndoError';
  }
}

/** The last line of defence: content with personal data never reaches a table. */
export class PersonalDataError extends Error {
  constructor(readonly found: PersonalDataFound[]) {
    super(`Refused to store personal data (${[...new Set(found.map((f) => f.kind))].join(', ')})`);
    this.name = 'PersonalDataError';
  }
}

export interface ChannelCases {
  readonly tenant: Tenant;
  readonly channelId: string;
  /** The channel's /goals language, when one was chosen. */
  language(): Promise<Language | undefined>;
  setLanguage(language: Language): Promise<void>;
  /** The case, created empty (version 0) when it does not exist yet. */
  open(alias: string): Promise<{ case: StoredCase; created: boolean }>;
  get(alias: string): Promise<StoredCase | undefined>;
  list(): Promise<StoredCase[]>;
  /**
   * Saves content as the next version. expectedVersion is the version the editor started
   * from (0 for a new case, which is then created); any other current version is a conflict.
   */
  save(alias: string, content: CaseContent, expectedVersion: number): Promise<StoredCase>;
  history(alias: string): Promise<CaseVersion[]>;
  /** Restores the previous version's content as a new version. */
  undo(alias: string, expectedVersion?: number): Promise<StoredCase & { restoredFrom: number }>;
}

export interface GoalStore {
  channel(tenant: Tenant, channelId: string): ChannelCases;
}

/** Case-insensitive identity of an alias. */
export const aliasKey = (alias: string) => alias.trim().toLowerCase();

interface CaseRow {
  alias: string;
  version: number;
  content: CaseContent | null;
  created_at: Date;
  updated_at: Date;
}
const CASE_COLUMNS = 'alias, version, content, created_at, updated_at';
/** The channel's rows; its platform, tenant id and channel id are every query's first three parameters. */
const IN_CHANNEL = 'platform = $1 AND tenant_id = $2 AND channel_id = $3';
const toCase = (r: CaseRow): StoredCase => ({
  alias: r.alias,
  version: r.version,
  content: r.content,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function guard(alias: string, content: CaseContent): CaseContent {
  const parsed = CaseContentSchema.parse(content);
  // The date fields hold planning dates (target, review), which the detector would take for dates of birth.
  const { reviewDate: _review, goals, ...rest } = parsed;
  const texts = [alias, ...strings(rest), ...goals.flatMap(({ targetDate: _date, ...g }) => strings(g))];
  const found = texts.flatMap((s) => findPersonalData(s).map((m) => ({ field: '', kind: m.kind })));
  if (found.length) throw new PersonalDataError(found);
  return parsed;
}

export function createGoalStore(db: Database): GoalStore {
  return {
    channel(scope, channelId) {
      const tenant = checkTenant(scope);
      if (!channelId) throw new Error('A channel id is required');
      const inChannel = [tenant.platform, tenant.tenantId, channelId];

      const select = async (q: Queryable, alias: string, lock = false) => {
        const [row] = await q.query<CaseRow & Record<string, unknown>>(
          `SELECT ${CASE_COLUMNS} FROM goal_cases
           WHERE ${IN_CHANNEL} AND alias_key = $4${lock ? ' FOR UPDATE' : ''}`,
          [...inChannel, aliasKey(alias)],
        );
        return row ? toCase(row) : undefined;
      };

      /** Writes the next version; call inside a transaction holding the row lock. */
      const writeVersion = async (tx: Queryable, current: StoredCase, content: CaseContent, restoredFrom?: number) => {
        const version = current.version + 1;
        const json = JSON.stringify(content);
        const [row] = await tx.query<CaseRow & Record<string, unknown>>(
          `UPDATE goal_cases SET version = $5, content = $6::jsonb, updated_at = now()
           WHERE ${IN_CHANNEL} AND alias_key = $4
           RETURNING ${CASE_COLUMNS}`,
          [...inChannel, aliasKey(current.alias), version, json],
        );
        await tx.query(
          `INSERT INTO goal_case_versions (platform, tenant_id, channel_id, alias_key, version, content, restored_from)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
          [...inChannel, aliasKey(current.alias), version, json, restoredFrom ?? null],
        );
        return toCase(row);
      };

      return {
        tenant,
        channelId,
        async language() {
          const [row] = await db.query<{ language: Language }>(
            `SELECT language FROM goal_channel_settings WHERE ${IN_CHANNEL}`,
            inChannel,
          );
          return row?.language;
        },
        async setLanguage(language) {
          await db.query(
            `INSERT INTO goal_channel_settings (platform, tenant_id, channel_id, language) VALUES ($1, $2, $3, $4)
             ON CONFLICT (platform, tenant_id, channel_id) DO UPDATE SET language = EXCLUDED.language, updated_at = now()`,
            [...inChannel, language],
          );
        },
        async open(alias) {
          const found = findPersonalData(alias);
          if (found.length) throw new PersonalDataError(found.map((m) => ({ field: 'alias', kind: m.kind })));
          const inserted = await db.query<CaseRow & Record<string, unknown>>(
            `INSERT INTO goal_cases (platform, tenant_id, channel_id, alias_key, alias) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT DO NOTHING RETURNING ${CASE_COLUMNS}`,
            [...inChannel, aliasKey(alias), alias.trim()],
          );
          if (inserted[0]) return { case: toCase(inserted[0]), created: true };
          const existing = await select(db, alias);
          if (!existing) throw new CaseNotFoundError(alias); // deleted in between
          return { case: existing, created: false };
        },
        get: (alias) => select(db, alias),
        async list() {
          const rows = await db.query<CaseRow & Record<string, unknown>>(
            `SELECT ${CASE_COLUMNS} FROM goal_cases WHERE ${IN_CHANNEL} ORDER BY alias_key`,
            inChannel,
          );
          return rows.map(toCase);
        },
        async save(alias, content, expectedVersion) {
          const checked = guard(alias, content);
          return db.transaction(async (tx) => {
            if (expectedVersion === 0) {
              await tx.query(
                `INSERT INTO goal_cases (platform, tenant_id, channel_id, alias_key, alias) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT DO NOTHING`,
                [...inChannel, aliasKey(alias), alias.trim()],
              );
            }
            const current = await select(tx, alias, true);
            if (!current) throw new CaseNotFoundError(alias);
            if (current.version !== expectedVersion) throw new CaseConflictError(current);
            return writeVersion(tx, current, checked);
          });
        },
        async history(alias) {
          const rows = await db.query<{ version: number; content: CaseContent; restored_from: number | null; saved_at: Date }>(
            `SELECT version, content, restored_from, saved_at FROM goal_case_versions
             WHERE ${IN_CHANNEL} AND alias_key = $4 ORDER BY version`,
            [...inChannel, aliasKey(alias)],
          );
          return rows.map((r) => ({
            version: r.version,
            content: r.content,
            ...(r.restored_from !== null ? { restoredFrom: r.restored_from } : {}),
            savedAt: new Date(r.saved_at),
          }));
        },
        async undo(alias, expectedVersion) {
          return db.transaction(async (tx) => {
            const current = await select(tx, alias, true);
            if (!current) throw new CaseNotFoundError(alias);
            if (expectedVersion !== undefined && current.version !== expectedVersion) throw new CaseConflictError(current);
            if (current.version < 2) throw new NothingToUndoError(current.alias);
            const restoredFrom = current.version - 1;
            const [previous] = await tx.query<{ content: CaseContent }>(
              `SELECT content FROM goal_case_versions
               WHERE ${IN_CHANNEL} AND alias_key = $4 AND version = $5`,
              [...inChannel, aliasKey(alias), restoredFrom],
            );
            if (!previous) throw new NothingToUndoError(current.alias);
            return { ...(await writeVersion(tx, current, previous.content, restoredFrom)), restoredFrom };
          });
        },
      };
    },
  };
}
