/**
 * The real Samen server with the real Bolt app on a loopback port, its Web API client
 * pointed at a fake Slack, and a sender that signs requests as Slack does.
 */
import { pino, type Logger } from 'pino';
import type { Engine } from '../../src/answer/engine.js';
import type { FeedbackStore } from '../../src/storage/index.js';
import { parseConfig } from '../../src/config.js';
import { coreFor } from '../../src/conversation/core.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import type { GoalsService } from '../../src/goals/service.js';
import { FakeSlack } from '../../src/support/fake-slack.js';
import { SlackSender } from './slack-requests.js';

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const BOT_TOKEN = 'xoxb-0000-test-token';
export const APP_TOKEN = 'xapp-1-test-app-token';

export interface Harness {
  fake: FakeSlack;
  server: RunningServer;
  slack: SlackSender;
  close(): Promise<void>;
}

export async function startHarness(
  engine: Engine,
  options: { store?: FeedbackStore; goals?: GoalsService; socketMode?: boolean; env?: Record<string, string>; logger?: Logger } = {},
): Promise<Harness> {
  const fake = await FakeSlack.start();
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    ...(options.socketMode ? { SLACK_APP_TOKEN: APP_TOKEN } : {}),
    ...options.env,
  });
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });
  let server: RunningServer;
  try {
    server = await startServer(config, {
      core: coreFor(engine, config.SAMEN_LANGUAGE),
      store: options.store,
      goals: options.goals,
      logger,
    });
  } catch (err) {
    await fake.close();
    throw err;
  }
  return {
    fake,
    server,
    slack: new SlackSender(`${server.url}/slack/events`, SIGNING_SECRET),
    async close() {
      await server.close();
      await fake.close();
    },
  };
}
