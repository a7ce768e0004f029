import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { slackDeliveryClient, slackReminderDelivery } from '../../src/channels/slack/reminder-delivery.js';
import { createGoalStore } from '../../src/goals/store.js';
import { goalsHook } from '../../src/reminders/goals-hook.js';
import { loadReflectionPrompts } from '../../src/reminders/prompts.js';
import { ReminderService, type Clock, type ReminderServiceOptions } from '../../src/reminders/service.js';
import { migrate } from '../../src/storage/migrate.js';
import { startQueue, type Queue } from '../../src/storage/queue.js';
import type { Database } from '../../src/storage/database.js';
import type { FakeSlack } from '../../src/support/fake-slack.js';
import type { Space } from '../storage/helpers.js';

export const PROMPTS = loadReflectionPrompts(loadKnowledge());

/** The real clock moved to a chosen instant; it keeps running from there. */
export class TestClock implements Clock {
  private offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  set(at: Date | string): void {
    this.offset = new Date(at).getTime() - Date.now();
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

/** A pino logger whose lines are kept as objects. */
export function captureLogger(): { logger: Logger; lines: Array<Record<string, any>> } {
  const lines: Array<Record<string, any>> = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

export interface Instance {
  db: Database;
  queue: Queue;
  service: ReminderService;
  stop(): Promise<void>;
}

/** One Samen instance's reminder machinery on a space: database, queue, worker. */
export async function startInstance(
  space: Space,
  fake: FakeSlack,
  clock: Clock,
  logger: Logger,
  options: Pick<ReminderServiceOptions, 'retry'> = {},
): Promise<Instance> {
  const db = await space.open();
  await migrate(db);
  const queue = await startQueue(db, { schema: space.queueSchema, onError: () => {} });
  const service = new ReminderService({
    db,
    queue,
    deliveries: { slack: slackReminderDelivery(slackDeliveryClient('xoxb-test', fake.apiUrl)) },
    prompts: PROMPTS,
    logger,
    clock,
    goals: goalsHook(createGoalStore(db)),
    pollingIntervalSeconds: 0.5,
    ...options,
  });
  await service.start();
  return {
    db,
    queue,
    service,
    async stop() {
      await queue.stop();
      await db.close();
    },
  };
}

/** 3 seconds before Thursday 3 July 2025 14:00 in Amsterdam. */
export const JUST_BEFORE = '2025-07-03T11:59:57Z';
export const DUE = '2025-07-03T12:00:00.000Z';
export const CHANNEL = { tenantId: 'T0FAKE', platform: 'slack' as const, channelId: 'C0TEAM' };
