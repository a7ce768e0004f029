export {
  openDatabase,
  maskPassword,
  DatabaseUnavailableError,
  type Database,
  type Queryable,
  type Row,
  type OpenDatabaseOptions,
} from './database.js';
export { migrate } from './migrate.js';
export { checkTenant, PLATFORMS, type Platform, type Tenant } from './tenant.js';
export {
  createStore,
  type Store,
  type FeedbackStore,
  type StoreOptions,
  type TenantStore,
  type TenantData,
  type FeedbackInput,
  type FeedbackSummary,
  type Rating,
  type ConversationReference,
  type StoredConversation,
} from './store.js';
export { startQueue, type Queue, type QueueOptions, type Job, type SendOptions, type ScheduleOptions } from './queue.js';
