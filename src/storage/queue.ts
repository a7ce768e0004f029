import PgBoss from 'pg-boss';
import type { Database } from './database.js';

/**
 * A durable job queue (pg-boss) in the same database as everything else, so jobs
 * survive restarts and, on PostgreSQL, are shared by all Samen instances.
 */

/** A job with pg-boss's metadata: retryCount and retryLimit tell a handler whether a failure is retried. */
export type Job<T extends object> = PgBoss.JobWithMetadata<T>;
export type SendOptions = PgBoss.SendOptions;
export type ScheduleOptions = PgBoss.ScheduleOptions;

export interface Queue {
  /** Enqueues a job; returns its id, or null when a singleton/throttle option suppressed it. */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /** Enqueues a job that runs no earlier than `after` (a Date, an ISO string, or seconds from now). */
  sendAfter<T extends object>(name: string, data: T, after: Date | string | number, options?: SendOptions): Promise<string | null>;
  /** Sends `data` to `name` on a cron schedule (one schedule per name; calling again replaces it). */
  schedule<T extends object>(name: string, cron: string, data?: T, options?: ScheduleOptions): Promise<void>;
  unschedule(name: string): Promise<void>;
  /** Runs handler for each job; a throw marks the job failed, and pg-boss retries it per its retry options. */
  work<T extends object>(
    name: string,
    handler: (job: Job<T>) => Promise<void>,
    options?: { pollingIntervalSeconds?: number },
  ): Promise<void>;
  /** Stops fetching, waits (up to 30 s) for running jobs to finish, then returns. Leaves the database open. */
  stop(): Promise<void>;
  /** True from start until stop() (or pg-boss stopping by itself). */
  running(): boolean;
  /** Resolves when the queue's own tables answer; throws when they do not (for /readyz). */
  ping(): Promise<void>;
}

export interface QueueOptions {
  /** pg-boss's own schema; default "pgboss". Tests use a fresh one per run. */
  schema?: string;
  /** Background errors (maintenance, polling); default: a line on stderr. */
  onError?: (err: Error) => void;
}

export async function startQueue(db: Database, options: QueueOptions = {}): Promise<Queue> {
  const boss = new PgBoss({
    schema: options.schema,
    // Run pg-boss's SQL through our Database: the same PGlite instance (which queues
    // queries itself) or the same pool, with the same error handling.
    db: { executeSql: async (text, values) => ({ rows: await db.query(text, values) }) },
  });
  boss.on('error', options.onError ?? ((err) => console.error(`Job queue error: ${err.message}`)));
  let running = false;
  boss.on('stopped', () => (running = false));
  await boss.start();
  running = true;
  const schema = options.schema ?? 'pgboss';

  // pg-boss 10 only accepts jobs for queues that exist; createQueue is idempotent.
  const created = new Set<string>();
  const ensureQueue = async (name: string) => {
    if (created.has(name)) return;
    await boss.createQueue(name);
    created.add(name);
  };

  return {
    async send(name, data, sendOptions = {}) {
      await ensureQueue(name);
      return boss.send(name, data, sendOptions);
    },
    async sendAfter(name, data, after, sendOptions = {}) {
      await ensureQueue(name);
      // The overloads of sendAfter take one type each; the implementation accepts all three.
      return boss.sendAfter(name, data, sendOptions, after as Date);
    },
    async schedule(name, cron, data, scheduleOptions) {
      await ensureQueue(name);
      await boss.schedule(name, cron, data, scheduleOptions);
    },
    unschedule: (name) => boss.unschedule(name),
    async work<T extends object>(
      name: string,
      handler: (job: Job<T>) => Promise<void>,
      workOptions: { pollingIntervalSeconds?: number } = {},
    ) {
      await ensureQueue(name);
      await boss.work<T>(name, { ...workOptions, includeMetadata: true }, async (jobs) => {
        for (const job of jobs) await handler(job);
      });
    },
    async stop() {
      running = false;
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
    running: () => running,
    async ping() {
      // A read of pg-boss's own table through the same connection it uses: the queue can
      // only fetch and finish jobs when this answers.
      await db.query(`SELECT version FROM ${schema}.version`);
    },
  };
}
