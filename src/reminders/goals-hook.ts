/**
 * The /goals hook of the reminders, on the goals store: the channel's language setting and
 * its most recently changed cases (a model; the channels word it). Through the store, so a reminder
 * reads only its own platform's and tenant's cases, like every other reader.
 */
import type { GoalStore } from '../goals/store.js';
import type { GoalsHook } from './delivery.js';

/** How many cases the summary names. */
const SUMMARY_CASES = 5;

export function goalsHook(store: GoalStore): GoalsHook {
  return {
    language: (tenant, channelId) => store.channel(tenant, channelId).language(),
    async summary(tenant, channelId) {
      const cases = (await store.channel(tenant, channelId).list())
        .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
        .slice(0, SUMMARY_CASES);
      if (cases.length === 0) return undefined;
      return {
        cases: cases.map((c) => ({
          alias: c.alias,
          version: c.version,
          ...(c.version > 0 && c.content?.reviewDate ? { reviewDate: c.content.reviewDate } : {}),
        })),
      };
    },
  };
}
