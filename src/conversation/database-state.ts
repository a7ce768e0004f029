/**
 * The conversation state in the database (migration 006_conversation_state.sql): the server's.
 * On PostgreSQL every instance reads and writes the same rows, so a Slack retry or a Teams
 * redelivery that reaches another instance is still dropped, a follow-up is still read with its
 * conversation's turns, after a restart too, and a rate limit counts every instance's questions.
 * On PGlite (one instance) the state survives restarts.
 *
 * Rows are keyed by platform and tenant; ids, conversations and rate-limit keys are stored as
 * keyed hashes (HMAC with the user-hash salt, as feedback's user ids are), never as they came;
 * turns are redacted here once more before they are written. Every row expires (it lives up to and
 * including its expires_at, as lru-cache's entries do): reads skip expired rows, and about one
 * write in a hundred also deletes them.
 */
import { createHmac } from 'node:crypto';
import { withTurn } from '../answer/history.js';
import type { Turn } from '../answer/llm/composer.js';
import { redact } from '../privacy/personal-data.js';
import type { Database } from '../storage/database.js';
import { defaultSalt } from '../storage/store.js';
import { checkTenant, type Tenant } from '../storage/tenant.js';
import type { ConversationState, HitResult } from './state.js';

export interface DatabaseStateOptions {
  /** SAMEN_HASH_SALT; when absent, the database's generated salt (the same the store uses). */
  hashSalt?: string;
  /** The clock, for tests; every instance should run on a synchronised clock (NTP). */
  now?: () => number;
  /** The chance that a write also deletes expired rows (default 0.01; 1 in tests). */
  cleanupChance?: number;
}

export async function createDatabaseState(db: Database, options: DatabaseStateOptions = {}): Promise<DatabaseState> {
  return new DatabaseState(db, options.hashSalt || (await defaultSalt(db)), options);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A delivered turn as it may be stored: personal data in the question or the answer's gist replaced by placeholders. */
function redacted(turn: Turn): Turn {
  return turn.answer === undefined ? { question: redact(turn.question) } : { question: redact(turn.question), answer: redact(turn.answer) };
}

export class DatabaseState implements ConversationState {
  private readonly now: () => number;
  private readonly cleanupChance: number;

  constructor(
    private readonly db: Database,
    private readonly salt: string,
    options: Omit<DatabaseStateOptions, 'hashSalt'> = {},
  ) {
    this.now = options.now ?? Date.now;
    this.cleanupChance = options.cleanupChance ?? 0.01;
  }

  private hash(value: string): string {
    return createHmac('sha256', this.salt).update(value).digest('hex');
  }

  async firstSighting(scope: Tenant, id: string, ttlMs: number): Promise<boolean> {
    const { platform, tenantId } = checkTenant(scope);
    const now = this.now();
    // One statement: the insert wins for exactly one caller; an expired row is taken over under its row lock.
    const rows = await this.db.query(
      `INSERT INTO conversation_handled (platform, tenant_id, id_hash, expires_at) VALUES ($1, $2, $3, $4::timestamptz)
       ON CONFLICT (platform, tenant_id, id_hash) DO UPDATE SET expires_at = EXCLUDED.expires_at
         WHERE conversation_handled.expires_at < $5::timestamptz
       RETURNING 1 AS first`,
      [platform, tenantId, this.hash(id), iso(now + ttlMs), iso(now)],
    );
    await this.maybeCleanUp(now);
    return rows.length === 1;
  }

  async turns(scope: Tenant, conversation: string): Promise<Turn[] | undefined> {
    const { platform, tenantId } = checkTenant(scope);
    const [row] = await this.db.query<{ turns: Turn[] }>(
      `SELECT turns FROM conversation_turns
       WHERE platform = $1 AND tenant_id = $2 AND conversation_hash = $3 AND expires_at >= $4::timestamptz`,
      [platform, tenantId, this.hash(conversation), iso(this.now())],
    );
    return row?.turns;
  }

  async remember(scope: Tenant, conversation: string, turn: Turn, ttlMs: number): Promise<void> {
    const { platform, tenantId } = checkTenant(scope);
    const now = this.now();
    const key = [platform, tenantId, this.hash(conversation)];
    await this.db.transaction(async (tx) => {
      // The row exists (empty when new), then is locked: concurrent turns wait for each other.
      await tx.query(
        `INSERT INTO conversation_turns (platform, tenant_id, conversation_hash, turns, updated_at, expires_at)
         VALUES ($1, $2, $3, '[]'::jsonb, $4::timestamptz, $4::timestamptz)
         ON CONFLICT (platform, tenant_id, conversation_hash) DO NOTHING`,
        [...key, iso(now)],
      );
      const [row] = await tx.query<{ turns: Turn[]; live: boolean }>(
        `SELECT turns, expires_at >= $4::timestamptz AS live FROM conversation_turns
         WHERE platform = $1 AND tenant_id = $2 AND conversation_hash = $3 FOR UPDATE`,
        [...key, iso(now)],
      );
      const turns = withTurn(row.live ? row.turns : [], redacted(turn));
      await tx.query(
        `UPDATE conversation_turns SET turns = $4::jsonb, updated_at = $5::timestamptz, expires_at = $6::timestamptz
         WHERE platform = $1 AND tenant_id = $2 AND conversation_hash = $3`,
        [...key, JSON.stringify(turns), iso(now), iso(now + ttlMs)],
      );
    });
    await this.maybeCleanUp(now);
  }

  async hit(scope: Tenant, key: string, limit: number, windowMs: number): Promise<HitResult> {
    const { platform, tenantId } = checkTenant(scope);
    const keyHash = this.hash(key);
    const now = this.now();
    const result = await this.db.transaction(async (tx): Promise<HitResult> => {
      // Instances counting the same key take turns, so two cannot both take the last place in the window.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('samen.conversation_hits'), hashtext($1))`, [
        `${platform}|${tenantId}|${keyHash}`,
      ]);
      const newest = await tx.query<{ at: Date | string }>(
        `SELECT at FROM conversation_hits
         WHERE platform = $1 AND tenant_id = $2 AND key_hash = $3 AND at > $4::timestamptz
         ORDER BY at DESC LIMIT $5`,
        [platform, tenantId, keyHash, iso(now - windowMs), Math.max(limit, 1)],
      );
      if (newest.length >= limit) {
        // The oldest of the newest `limit` hits: when it leaves the window, one more fits.
        const oldest = newest[limit - 1]?.at;
        const at = oldest === undefined ? now : new Date(oldest).getTime();
        return { allowed: false, retryAfterMs: Math.max(1, at + windowMs - now) };
      }
      await tx.query(
        `INSERT INTO conversation_hits (platform, tenant_id, key_hash, at, expires_at)
         VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz)`,
        [platform, tenantId, keyHash, iso(now), iso(now + windowMs)],
      );
      return { allowed: true };
    });
    if (result.allowed) await this.maybeCleanUp(now);
    return result;
  }

  async rememberAnswer(scope: Tenant, messageId: string, findingIds: string[], ttlMs: number): Promise<void> {
    const { platform, tenantId } = checkTenant(scope);
    const now = this.now();
    await this.db.query(
      `INSERT INTO conversation_answers (platform, tenant_id, message_hash, finding_ids, expires_at)
       VALUES ($1, $2, $3, $4, $5::timestamptz)
       ON CONFLICT (platform, tenant_id, message_hash)
       DO UPDATE SET finding_ids = EXCLUDED.finding_ids, expires_at = EXCLUDED.expires_at`,
      [platform, tenantId, this.hash(messageId), findingIds, iso(now + ttlMs)],
    );
    await this.maybeCleanUp(now);
  }

  async answerFindings(scope: Tenant, messageId: string): Promise<string[] | undefined> {
    const { platform, tenantId } = checkTenant(scope);
    const [row] = await this.db.query<{ finding_ids: string[] }>(
      `SELECT finding_ids FROM conversation_answers
       WHERE platform = $1 AND tenant_id = $2 AND message_hash = $3 AND expires_at >= $4::timestamptz`,
      [platform, tenantId, this.hash(messageId), iso(this.now())],
    );
    return row?.finding_ids;
  }

  /** Deletes every expired row (all tenants); returns how many. Writes call it now and then. */
  async purgeExpired(now = this.now()): Promise<number> {
    const [row] = await this.db.query<{ deleted: number }>(
      `WITH handled AS (DELETE FROM conversation_handled WHERE expires_at < $1::timestamptz RETURNING 1),
            turns AS (DELETE FROM conversation_turns WHERE expires_at < $1::timestamptz RETURNING 1),
            hits AS (DELETE FROM conversation_hits WHERE expires_at < $1::timestamptz RETURNING 1),
            answers AS (DELETE FROM conversation_answers WHERE expires_at < $1::timestamptz RETURNING 1)
       SELECT ((SELECT count(*) FROM handled) + (SELECT count(*) FROM turns) +
               (SELECT count(*) FROM hits) + (SELECT count(*) FROM answers))::int AS deleted`,
      [iso(now)],
    );
    return row.deleted;
  }

  private async maybeCleanUp(now: number): Promise<void> {
    if (this.cleanupChance <= 0 || Math.random() >= this.cleanupChance) return;
    // Best effort: the write it follows has landed, and a later write tries again.
    await this.purgeExpired(now).catch(() => {});
  }
}
