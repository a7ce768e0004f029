/**
 * The Slack channel's composition root: builds the Bolt app with its receiver (HTTP on
 * the Samen server's express app, or Socket Mode), points its Web API client at
 * SLACK_API_URL when set, and registers the listeners. It only translates between Slack
 * and the core; what to answer is the core's business.
 */
import { App, ExpressReceiver, SocketModeReceiver, type AppOptions, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { Router, type Application } from 'express';
import type { SlackSettings } from '../../config.js';
import type { SlackCore, SlackDeps } from './deps.js';
import { slackErrorCode } from './errors.js';
import { registerListeners } from './listeners/index.js';
import { boltLogger } from './logger.js';
import { ackEventsEarly, readSlackBody } from './early-ack.js';
import { MemoryState } from '../../conversation/memory-state.js';
import { dedupeEvents } from './middleware/dedupe.js';
import { isSlackRequest } from './payloads.js';
import { jsonErrors } from '../http-errors.js';

/** Where Slack sends events, commands and interactions in HTTP mode. */
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * The Web API client's retries: rate-limited calls wait for Retry-After and are tried
 * again; network errors a few times with backoff. Short enough that an answer is either
 * posted or reported within a minute.
 */
export const RETRY_CONFIG = { retries: 4, factor: 2, minTimeout: 250, maxTimeout: 5000, randomize: true };

export interface SlackChannel {
  app: App;
  mode: SlackSettings['mode'];
  /** Verifies the token (auth.test); in Socket Mode also connects. Throws with a clear message. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** For the start-up banner. */
  describe(baseUrl: string): string;
}

export interface SlackAppOptions {
  /** The server's express app; Slack's HTTP endpoint is mounted on it (HTTP mode). */
  expressApp?: Application;
}

export class SlackStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SlackStartError';
  }
}

/**
 * Bolt's App, dropping what is not a payload Samen takes before Bolt reads a field of it
 * (Bolt itself throws on some, such as a block_actions without actions). Over HTTP the
 * endpoint has refused these with a 400 already; in Socket Mode this is the edge.
 */
class CheckedApp extends App {
  constructor(
    options: AppOptions,
    private readonly refused: () => void,
  ) {
    super(options);
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    if (isSlackRequest(event.body)) return super.processEvent(event);
    this.refused();
    // Acknowledged, so that Slack does not send it again: it will never be well-formed.
    await event.ack();
  }
}

export function createSlackApp(settings: SlackSettings, core: SlackCore, options: SlackAppOptions = {}): SlackChannel {
  const logger = boltLogger(core.logger);
  const clientOptions = {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: RETRY_CONFIG,
    // Errors then carry no copy of the request (its text, its token) into the logs.
    attachOriginalToWebAPIRequestError: false,
  };

  let receiver: Receiver;
  let bolt: App | undefined;
  if (settings.mode === 'socket') {
    receiver = new SocketModeReceiver({
      appToken: settings.appToken!,
      logger,
      // The Socket Mode client opens its connection with apps.connections.open: same API URL.
      installerOptions: { clientOptions },
    });
  } else {
    if (!options.expressApp) throw new Error('HTTP mode needs the server’s express app');
    // Slack's routes on one router, so that they share one error handler.
    const router = Router();
    // Every request is checked (signature, timestamp, shape) and events are acknowledged, before the receiver.
    router.post(
      SLACK_EVENTS_PATH,
      readSlackBody,
      ackEventsEarly({
        signingSecret: settings.signingSecret!,
        bolt: () => bolt,
        scheduler: core.scheduler,
        logger: core.logger,
      }),
    );
    receiver = new ExpressReceiver({
      signingSecret: settings.signingSecret!,
      endpoints: SLACK_EVENTS_PATH,
      app: options.expressApp,
      router,
      logger,
      // Acknowledge first, work afterwards.
      processBeforeResponse: false,
    });
    router.use(jsonErrors(core.logger.child({ component: 'slack' }), 'slack'));
  }

  const app = new CheckedApp(
    {
      token: settings.botToken,
      receiver,
      logger,
      clientOptions,
      // auth.test runs in start(), where a bad token stops start-up with a clear message.
      deferInitialization: true,
      // Samen keeps its own thread state (memory.ts); Bolt's conversation store would only cost time per event.
      convoStore: false,
    },
    () => core.logger.warn({ component: 'slack' }, 'a request that is not one Samen takes was dropped'),
  );
  bolt = app;

  const deps: SlackDeps = { ...core, state: core.state ?? new MemoryState() };
  app.use(dedupeEvents(deps.state, core.logger.child({ component: 'slack' })));
  registerListeners(app, deps);
  app.error(async (error) => {
    core.logger.error({ component: 'slack', code: slackErrorCode(error), err: error }, 'unhandled Slack listener error');
  });

  let started = false;
  return {
    app,
    mode: settings.mode,
    async start() {
      try {
        await app.init();
      } catch (err) {
        throw new SlackStartError(
          `Slack did not accept SLACK_BOT_TOKEN (${slackErrorCode(err)}). Check the Bot User OAuth Token of the installed app.`,
          { cause: err },
        );
      }
      if (settings.mode === 'socket') {
        try {
          await app.start();
        } catch (err) {
          throw new SlackStartError(
            `Slack Socket Mode could not connect with SLACK_APP_TOKEN (${slackErrorCode(err)}). It needs the connections:write scope.`,
            { cause: err },
          );
        }
      }
      started = true;
    },
    async stop() {
      if (started && settings.mode === 'socket') await app.stop();
      started = false;
    },
    describe(baseUrl: string) {
      return settings.mode === 'socket'
        ? 'Slack: Socket Mode (connected through SLACK_APP_TOKEN)'
        : `Slack: HTTP mode at ${baseUrl}${SLACK_EVENTS_PATH}`;
    },
  };
}
