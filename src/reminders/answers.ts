/**
 * The reflection answers store, scoped to one platform and tenant like every store: a
 * person's rating (1–5) and optional note per question of one occurrence of a channel's
 * reminder. The person is stored as the salted user hash (as for feedback); answering again
 * updates the row, so each person counts once however often, or on however many instances,
 * they answer. Reads give counts and averages only, never who answered what.
 */
import type { Queryable } from '../storage/index.js';
import { checkTenant, type Tenant } from '../storage/tenant.js';

/** A note's maximum length (migration 007's CHECK); a longer one is refused with a message. */
export const NOTE_MAX_CHARS = 500;

export interface AnswerInput {
  channelId: string;
  reminderId: string;
  occurrence: Date;
  promptId: string;
  /** Hashed before it is stored. */
  userId: string;
  /** 1 (needs attention) … 5 (goes well); absent: a note alone keeps the rating given before. */
  rating?: number;
  /** Checked for client data by the caller; absent keeps the note given before. */
  note?: string;
  caseAlias?: string;
}

/** One question's answers in one occurrence. */
export interface OccurrenceAverage {
  occurrence: Date;
  promptId: string;
  /** Of the ratings given; undefined when only notes were. */
  average?: number;
  ratings: number;
  notes: number;
}

export interface ReflectionAnswers {
  save(answers: AnswerInput[]): Promise<void>;
  /** How many people answered any question of the occurrence. */
  respondents(channelId: string, occurrence: Date): Promise<number>;
  /** Per occurrence since `since` and question: the average rating and the counts, oldest first. */
  averages(channelId: string, since: Date): Promise<OccurrenceAverage[]>;
}

const toDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

export function reflectionAnswers(db: Queryable, tenant: Tenant, hashUser: (userId: string) => string): ReflectionAnswers {
  const { platform, tenantId } = checkTenant(tenant);
  return {
    async save(answers) {
      for (const a of answers) {
        await db.query(
          `INSERT INTO reflection_answers AS r
             (platform, tenant_id, channel_id, occurrence, prompt_id, user_hash, reminder_id, case_alias, rating, note)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (platform, tenant_id, channel_id, occurrence, prompt_id, user_hash) DO UPDATE SET
             rating = COALESCE(EXCLUDED.rating, r.rating),
             note = COALESCE(EXCLUDED.note, r.note),
             case_alias = COALESCE(EXCLUDED.case_alias, r.case_alias),
             answered_at = now()`,
          [
            platform,
            tenantId,
            a.channelId,
            a.occurrence,
            a.promptId,
            hashUser(a.userId),
            a.reminderId,
            a.caseAlias ?? null,
            a.rating ?? null,
            a.note ?? null,
          ],
        );
      }
    },
    async respondents(channelId, occurrence) {
      const [row] = await db.query<{ n: number }>(
        `SELECT count(DISTINCT user_hash)::int AS n FROM reflection_answers
         WHERE platform = $1 AND tenant_id = $2 AND channel_id = $3 AND occurrence = $4`,
        [platform, tenantId, channelId, occurrence],
      );
      return Number(row?.n ?? 0);
    },
    async averages(channelId, since) {
      const rows = await db.query<{ occurrence: Date | string; prompt_id: string; average: number | string | null; ratings: number; notes: number }>(
        `SELECT occurrence, prompt_id, avg(rating)::float8 AS average, count(rating)::int AS ratings, count(note)::int AS notes
         FROM reflection_answers
         WHERE platform = $1 AND tenant_id = $2 AND channel_id = $3 AND occurrence >= $4
         GROUP BY occurrence, prompt_id
         ORDER BY occurrence, prompt_id`,
        [platform, tenantId, channelId, since],
      );
      return rows.map((r) => ({
        occurrence: toDate(r.occurrence),
        promptId: r.prompt_id,
        ...(r.average === null ? {} : { average: Number(r.average) }),
        ratings: Number(r.ratings),
        notes: Number(r.notes),
      }));
    },
  };
}
