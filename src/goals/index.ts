import type { Language } from '../shared/reply.js';
import type { Knowledge } from '../knowledge/load.js';
import type { Database } from '../storage/database.js';
import { createGoalsService, type GoalsService } from './service.js';
import { createGoalStore } from './store.js';
import { loadGoalsTemplate } from './template.js';

export * from './command.js';
export * from './model.js';
export * from './service.js';
export * from './store.js';
export * from './template.js';
export { GOALS_TEXTS } from './texts.js';

/** /goals on a migrated database, with the template's citations from the knowledge base. */
export function goalsFor(db: Database, knowledge: Knowledge, defaultLanguage: Language): GoalsService {
  return createGoalsService({ store: createGoalStore(db), template: loadGoalsTemplate(knowledge), defaultLanguage });
}
