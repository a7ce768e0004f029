import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Database, Queryable } from './database.js';
import { checkTenant, type Tenant } from './tenant.js';

/**
 * Tenant-scoped access to Samen's tables. The only way in is store.tenant({platform,
 * tenantId}), and every query below filters on (or writes) both, so code cannot read
 * another tenant's rows, or another platform's under the same tenant id, by forgetting
 * a WHERE clause.
 */

export type Rating = 'helpful' | 'not_helpful';

/** Feedback on one answer. There is no field for question text or names, on purpose. */
export interface FeedbackInput {
  channelId: string;
  findingIds: string[];
  rating: Rating;
  /** Hashed with the salt before it is stored; the raw id is never written. */
  userId: string;
}

export interface FeedbackSummary {
  helpful: number;
  notHelpful: number;
  /** Per cited finding, sorted by finding id. */
  byFinding: Array<{ findingId: string; helpful: number; notHelpful: number }>;
}

/** A Teams (Bot Framework) conversation reference, kept as the JSON it arrives as. */
export type ConversationReference = Record<string, unknown>;

export interface StoredConversation {
  conversationId: string;
  reference: ConversationReference;
  updatedAt: Date;
}

export interface TenantData {
  readonly tenant: Tenant;
  feedback: {
    record(input: FeedbackInput): Promise<void>;
    summary(): Promise<FeedbackSummary>;
  };
  conversations: {
    /** Inserts or replaces the reference for this conversation. */
    save(conversationId: string, reference: ConversationReference): Promise<void>;
    get(conversationId: string): Promise<ConversationReference | undefined>;
    list(): Promise<StoredConversation[]>;
  };
}

export interface TenantStore extends TenantData {
  /** Runs fn in one transaction: all its writes land, or none do. */
  transaction<T>(fn: (t: TenantData) => Promise<T>): Promise<T>;
}

export interface Store {
  tenant(tenant: Tenant): TenantStore;
}

/**
 * The part of the store that records feedback, per platform and tenant: what the server and
 * the channels need for a rating (a Store is one).
 */
export interface FeedbackStore {
  tenant(tenant: Tenant): { feedback: Pick<TenantData['feedback'], 'record'> };
}

export interface StoreOptions {
  /** SAMEN_HASH_SALT. When absent, a random salt generated once per database is used. */
  hashSalt?: string;
}

const FeedbackInputSchema = z.strictObject({
  channelId: z.string().min(1),
  findingIds: z.array(z.string().min(1)),
  rating: z.enum(['helpful', 'not_helpful']),
  userId: z.string().min(1),
});

export async function createStore(db: Database, options: StoreOptions = {}): Promise<Store> {
  const salt = options.hashSalt || (await defaultSalt(db));
  const hashUser = (userId: string) => createHmac('sha256', salt).update(userId).digest('hex');

  const tenant = (scope: Tenant): TenantStore => {
    const checked = checkTenant(scope);
    return {
      ...tenantData(db, checked, hashUser),
      transaction: (fn) => db.transaction((tx) => fn(tenantData(tx, checked, hashUser))),
    };
  };
  return { tenant };
}

/** The salt stored in settings; the first instance to get here generates it. */
export async function defaultSalt(db: Database): Promise<string> {
  await db.query(`INSERT INTO settings (key, value) VALUES ('user_hash_salt', $1) ON CONFLICT (key) DO NOTHING`, [
    randomBytes(32).toString('hex'),
  ]);
  const [row] = await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'user_hash_salt'`);
  return row.value;
}

function tenantData(db: Queryable, tenant: Tenant, hashUser: (userId: string) => string): TenantData {
  const { platform, tenantId } = tenant;
  return {
    tenant,
    feedback: {
      async record(input) {
        const { channelId, findingIds, rating, userId } = FeedbackInputSchema.parse(input);
        await db.query(
          `INSERT INTO feedback (platform, tenant_id, channel_id, finding_ids, rating, user_hash)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [platform, tenantId, channelId, findingIds, rating, hashUser(userId)],
        );
      },
      async summary() {
        const [totals] = await db.query<{ helpful: number; not_helpful: number }>(
          `SELECT count(*) FILTER (WHERE rating = 'helpful')::int AS helpful,
                  count(*) FILTER (WHERE rating = 'not_helpful')::int AS not_helpful
           FROM feedback WHERE platform = $1 AND tenant_id = $2`,
          [platform, tenantId],
        );
        const byFinding = await db.query<{ finding_id: string; helpful: number; not_helpful: number }>(
          `SELECT f.finding_id,
                  count(*) FILTER (WHERE rating = 'helpful')::int AS helpful,
                  count(*) FILTER (WHERE rating = 'not_helpful')::int AS not_helpful
           FROM feedback, unnest(finding_ids) AS f(finding_id)
           WHERE platform = $1 AND tenant_id = $2
           GROUP BY f.finding_id
           ORDER BY f.finding_id`,
          [platform, tenantId],
        );
        return {
          helpful: totals.helpful,
          notHelpful: totals.not_helpful,
          byFinding: byFinding.map((r) => ({ findingId: r.finding_id, helpful: r.helpful, notHelpful: r.not_helpful })),
        };
      },
    },
    conversations: {
      async save(conversationId, reference) {
        if (!conversationId) throw new Error('A conversation id is required');
        // Serialised here so both engines receive the same JSON text.
        await db.query(
          `INSERT INTO conversation_references (platform, tenant_id, conversation_id, reference)
           VALUES ($1, $2, $3, $4::jsonb)
           ON CONFLICT (platform, tenant_id, conversation_id)
           DO UPDATE SET reference = EXCLUDED.reference, updated_at = now()`,
          [platform, tenantId, conversationId, JSON.stringify(reference)],
        );
      },
      async get(conversationId) {
        const [row] = await db.query<{ reference: ConversationReference }>(
          'SELECT reference FROM conversation_references WHERE platform = $1 AND tenant_id = $2 AND conversation_id = $3',
          [platform, tenantId, conversationId],
        );
        return row?.reference;
      },
      async list() {
        const rows = await db.query<{ conversation_id: string; reference: ConversationReference; updated_at: Date }>(
          `SELECT conversation_id, reference, updated_at FROM conversation_references
           WHERE platform = $1 AND tenant_id = $2 ORDER BY conversation_id`,
          [platform, tenantId],
        );
        return rows.map((r) => ({ conversationId: r.conversation_id, reference: r.reference, updatedAt: r.updated_at }));
      },
    },
  };
}
