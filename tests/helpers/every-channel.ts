/**
 * The real Samen server with every channel on: Slack in HTTP mode (its Web API a fake
 * Slack), Teams unauthenticated as with the Emulator (replies to a fake Bot Connector), the
 * web chat with /goals on the embedded database. Its log lines (at info, the production default) are kept for the test to read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { parseConfig } from '../../src/config.js';
import { goalsFor } from '../../src/goals/index.js';
import { coreFor } from '../../src/conversation/core.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { createStore, migrate, openDatabase } from '../../src/storage/index.js';
import { testEngine } from './engine.js';
import { FakeConnector } from '../../src/support/fake-connector.js';
import { FakeSlack } from '../../src/support/fake-slack.js';
import { BOT_TOKEN, SIGNING_SECRET } from './slack-harness.js';
import { SlackSender } from './slack-requests.js';

export interface EveryChannel {
  server: RunningServer;
  fake: FakeSlack;
  connector: FakeConnector;
  slack: SlackSender;
  /** Every log line the server wrote, as written. */
  logLines: string[];
  close(): Promise<void>;
}

export async function startEveryChannel(): Promise<EveryChannel> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samen-every-'));
  const fake = await FakeSlack.start();
  const connector = await FakeConnector.start();
  const db = await openDatabase({ dataDir });
  await migrate(db);
  const store = await createStore(db, { hashSalt: 'every-channel-salt-0123456789' });
  const engine = testEngine();
  const logLines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SAMEN_LANGUAGE: 'nl',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  const server = await startServer(config, {
    core: coreFor(engine, 'nl'),
    store,
    goals: goalsFor(db, engine.knowledge, 'nl'),
    logger,
  });
  return {
    server,
    fake,
    connector,
    slack: new SlackSender(`${server.url}/slack/events`, SIGNING_SECRET),
    logLines,
    async close() {
      await server.close();
      await fake.close();
      await connector.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
