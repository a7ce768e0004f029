/**
 * The /goals hook of the reminders, on the goals store: the channel's language setting and
 * a one-line summary of its most recently changed cases. Through the store, so a reminder
 * reads only its own platform's and tenant's cases, like every other reader.
 */
import type { GoalStore } from '../goals/store.js';
import type { GoalsHook } from './delivery.js';

/** How many cases the summary names. */
const SUMMARY_CASES = 5;

export function goalsHook(store: GoalStore): GoalsHook {
  return {
    language: (tenant, channelId) => store.channel(tenant, channelId).language(),
    async summary(tenant, channelId, language) {
      const cases = (await store.channel(tenant, channelId).list())
        .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
        .slice(0, SUMMARY_CASES);
      if (cases.length === 0) return undefined;
      const nl = language === 'nl';
      const items = cases.map((c) => {
        if (c.version === 0) return `*${c.alias}* (${nl ? 'nog niet ingevuld' : 'not filled in yet'})`;
        const review = c.content?.reviewDate;
        return review ? `*${c.alias}* (${nl ? 'evaluatie' : 'review'} ${review})` : `*${c.alias}*`;
      });
      return {
        text: `${items.join(', ')}. ${nl ? 'Bekijk met `/goals ALIAS`: zijn de doelen en rollen nog actueel?' : 'Open with `/goals ALIAS`: are the goals and roles still current?'}`,
      };
    },
  };
}
