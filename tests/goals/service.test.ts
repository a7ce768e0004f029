/**
 * The goals service's submit with a case already stored: an edit may keep a date that has
 * passed since it was saved (a goal's old target date), but not enter a new past date.
 * A one-case store in memory stands in for the database (the store itself: store.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { checkForm, type CaseContent } from '../../src/goals/model.js';
import { createGoalsService } from '../../src/goals/service.js';
import type { ChannelCases, GoalStore, StoredCase } from '../../src/goals/store.js';
import { loadGoalsTemplate } from '../../src/goals/template.js';
import { validForm } from './fixtures.js';

function oneCaseStore(initial: StoredCase): GoalStore & { current: StoredCase } {
  const store = {
    current: initial,
    channel: () =>
      ({
        get: async (alias: string) => (alias.toLowerCase() === store.current.alias.toLowerCase() ? store.current : undefined),
        save: async (alias: string, content: CaseContent, expectedVersion: number) => {
          if (expectedVersion !== store.current.version) throw new Error('conflict');
          store.current = { ...store.current, alias, content, version: expectedVersion + 1, updatedAt: new Date() };
          return store.current;
        },
      }) as unknown as ChannelCases,
  };
  return store;
}

describe('goals service: an edit and the dates that have passed', () => {
  const template = loadGoalsTemplate(loadKnowledge());
  const where = { platform: 'web' as const, tenantId: 'web' };

  it('keeps a stored target date that has passed, refuses a new one', async () => {
    const saved = checkForm(validForm('gezin-P1'), 'nl');
    if (!saved.ok) throw new Error('fixture invalid');
    const old = '2020-03-01';
    const content = { ...saved.content, goals: [{ ...saved.content.goals[0], targetDate: old }] };
    const store = oneCaseStore({ alias: 'gezin-P1', version: 1, content, createdAt: new Date(), updatedAt: new Date() });
    const channel = createGoalsService({ store, template, defaultLanguage: 'nl' }).channel(where, 'web');

    // The old date kept as it was, the rest edited: saved as version 2.
    const edit = { ...validForm('gezin-P1'), goal1_date: old, goal2_text: '', goal2_agencies: '', goal2_owner: '', goal2_date: '', chair: 'Nieuwe voorzitter' };
    expect((await channel.submit(edit, 1, 'nl')).kind).toBe('saved');
    expect(store.current.version).toBe(2);

    // Another past date is new: refused, in the user's language, nothing saved.
    const moved = await channel.submit({ ...edit, goal1_date: '2020-04-01' }, 2, 'en');
    expect(moved).toEqual({ kind: 'invalid', errors: { goal1_date: 'This date has passed. Choose today or a later date.' } });
    expect(store.current.version).toBe(2);
    // A new case may not start with a past date either.
    const fresh = await channel.submit({ ...validForm('gezin-P2'), reviewDate: old }, 0, 'nl');
    expect(fresh).toEqual({ kind: 'invalid', errors: { reviewDate: 'Deze datum is al voorbij. Kies vandaag of een latere datum.' } });
  });
});
