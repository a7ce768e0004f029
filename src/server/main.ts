// npm run serve: the Samen server with every configured channel.
import { existsSync } from 'node:fs';
import { createEngineAsync } from '../answer/engine.js';
import { llmSettings } from '../answer/llm/settings.js';
import { ConfigError, loadConfig, slackSettings, type Config } from '../config.js';
import { slackDeliveryClient, slackReminderDelivery } from '../channels/slack/reminder-delivery.js';
import { createGoalStore, goalsFor } from '../goals/index.js';
import { goalsHook } from '../reminders/goals-hook.js';
import { loadReflectionPrompts } from '../reminders/prompts.js';
import { ReminderService } from '../reminders/service.js';
import { createStore, migrate, openDatabase, startQueue, type Database } from '../storage/index.js';
import { QuestionGuard } from '../answer/guard.js';
import { createDatabaseState } from '../conversation/database-state.js';
import { failOpen } from '../conversation/state.js';
import { banner } from './banner.js';
import { coreFor } from '../conversation/core.js';
import { startServer } from './index.js';
import { createLogger } from './logger.js';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(2);
}

const logger = createLogger(config);
// Start-up tells the person who started it what it is doing, in plain lines; the banner then says what runs (the
// answering mode, each channel) and ends with the ready line.
const say = (line: string) => process.stdout.write(`${line}\n`);
process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));

let db: Database | undefined;
try {
  say('Loading the knowledge base and the search index…');
  // With OPENAI_API_KEY every channel's answers are written by the model (verified), else extractive.
  const engine = await createEngineAsync({ indexDir: config.SAMEN_INDEX_DIR, log: say, llm: llmSettings(config) });
  say(
    config.DATABASE_URL
      ? 'Connecting to the database (DATABASE_URL)…'
      : `Opening the embedded database in ${config.SAMEN_DATA_DIR}${existsSync(config.SAMEN_DATA_DIR) ? '' : ' (creating it: this first time takes a while)'}…`,
  );
  db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.SAMEN_DATA_DIR });
  await migrate(db);
  const store = await createStore(db, { hashSalt: config.SAMEN_HASH_SALT });
  // Handled deliveries, conversations' turns and rate-limit hits in the same database: several instances on one
  // PostgreSQL behave as one (and on PGlite the state survives a restart). While the database is away, answer without it.
  const state = failOpen(await createDatabaseState(db, { hashSalt: config.SAMEN_HASH_SALT }), (err, what) =>
    logger.error({ err, what }, 'conversation state unavailable: answered without it'),
  );
  const goals = goalsFor(db, engine.knowledge, config.SAMEN_LANGUAGE);
  // Weekly reflection reminders run on the job queue in the same database.
  say('Starting the job queue (reflection reminders)…');
  const queue = await startQueue(db, { onError: (err) => logger.error({ err }, 'job queue error') });
  const slackForReminders = slackSettings(config);
  const reminders = new ReminderService({
    db,
    queue,
    deliveries: slackForReminders
      ? { slack: slackReminderDelivery(slackDeliveryClient(slackForReminders.botToken, slackForReminders.apiUrl)) }
      : {},
    prompts: loadReflectionPrompts(engine.knowledge),
    goals: goalsHook(createGoalStore(db)),
    logger,
    hashSalt: config.SAMEN_HASH_SALT,
  });
  let jobQueueStarted = false;
  const readiness = {
    index: () => engine.index.findings.size > 0,
    database: db,
    jobQueue: { running: () => jobQueueStarted && queue.running(), ping: () => queue.ping() },
  };
  const core = coreFor(engine, config.SAMEN_LANGUAGE, new QuestionGuard({ state }));
  say('Starting the web server and the channels…');
  const server = await startServer(config, { core, state, store, goals, reminders, logger, readiness });
  await reminders.start();
  jobQueueStarted = true;
  say(banner(config, server, db.describe(), engine.mode));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await server.close();
    jobQueueStarted = false;
    await queue.stop();
    await db?.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (err) {
  console.error(`Samen did not start: ${err instanceof Error ? err.message : String(err)}`);
  await db?.close().catch(() => {});
  process.exit(1);
}
