/**
 * The /goals hook over the goals tables (migration 002): the channel's language setting and
 * a one-line summary of its cases. src/goals has no repository yet; when it gets one, build
 * the GoalsHook on it instead and drop these queries. A database without the tables (an
 * older schema) answers "none".
 */
import type { Language } from '../answer/reply.js';
import type { Queryable } from '../storage/index.js';
import type { GoalsHook } from './delivery.js';

const UNDEFINED_TABLE = '42P01';
const missingTable = (err: unknown) => (err as { code?: unknown })?.code === UNDEFINED_TABLE;

export function sqlGoalsHook(db: Queryable): GoalsHook {
  return {
    async language(tenantId, channelId) {
      try {
        const [row] = await db.query<{ language: Language }>(
          'SELECT language FROM goal_channel_settings WHERE tenant_id = $1 AND channel_id = $2',
          [tenantId, channelId],
        );
        return row?.language;
      } catch (err) {
        if (missingTable(err)) return undefined;
        throw err;
      }
    },
    async summary(tenantId, channelId, language) {
      let rows: Array<{ alias: string; version: number; review: string | null }>;
      try {
        rows = await db.query(
          `SELECT alias, version, content->>'reviewDate' AS review FROM goal_cases
           WHERE tenant_id = $1 AND channel_id = $2 ORDER BY updated_at DESC LIMIT 5`,
          [tenantId, channelId],
        );
      } catch (err) {
        if (missingTable(err)) return undefined;
        throw err;
      }
      if (rows.length === 0) return undefined;
      const nl = language === 'nl';
      const items = rows.map((r) => {
        if (Number(r.version) === 0) return `*${r.alias}* (${nl ? 'nog niet ingevuld' : 'not filled in yet'})`;
        return r.review ? `*${r.alias}* (${nl ? 'evaluatie' : 'review'} ${r.review})` : `*${r.alias}*`;
      });
      return {
        text: `${items.join(', ')}. ${nl ? 'Bekijk met `/goals ALIAS`: zijn de doelen en rollen nog actueel?' : 'Open with `/goals ALIAS`: are the goals and roles still current?'}`,
      };
    },
  };
}
