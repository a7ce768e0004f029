/**
 * The Samen server as `npm start` runs it with no settings: the embedded database (PGlite
 * in a temporary folder), /goals, reflection reminders on the job queue, the local web chat.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { parseConfig } from '../../../src/config.js';
import { createGoalStore, goalsFor } from '../../../src/goals/index.js';
import { goalsHook } from '../../../src/reminders/goals-hook.js';
import { ReminderService } from '../../../src/reminders/service.js';
import { coreFor } from '../../../src/conversation/core.js';
import { startServer, type RunningServer } from '../../../src/server/index.js';
import { createStore, migrate, openDatabase, startQueue } from '../../../src/storage/index.js';
import { testEngine } from '../../helpers/engine.js';
import { PROMPTS } from '../../reminders/helpers.js';

export interface WebServer {
  server: RunningServer;
  close(): Promise<void>;
}

export async function startWebServer(language: 'nl' | 'en' = 'nl'): Promise<WebServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samen-web-'));
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const db = await openDatabase({ dataDir });
  await migrate(db);
  const store = await createStore(db, { hashSalt: 'web-chat-test-salt-0123456789' });
  const engine = testEngine();
  const queue = await startQueue(db, { onError: () => {} });
  const reminders = new ReminderService({ db, queue, deliveries: {}, prompts: PROMPTS, logger, goals: goalsHook(createGoalStore(db)), defaultLanguage: language });
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SAMEN_LANGUAGE: language });
  const server = await startServer(config, {
    core: coreFor(engine, language),
    store,
    goals: goalsFor(db, engine.knowledge, language),
    reminders,
    logger,
  });
  return {
    server,
    async close() {
      await server.close();
      await queue.stop();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
