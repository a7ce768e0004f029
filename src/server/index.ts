/**
 * The one Samen server: one HTTP server (express) on PORT with `/healthz`, Slack's
 * endpoint at /slack/events (HTTP mode) or a Socket Mode connection, and later the other
 * channels. Each channel starts when its settings are present.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Logger } from 'pino';
import { slackSettings, webChatSettings, type Config } from '../config.js';
import { createSlackApp, type SlackChannel } from '../channels/slack/app.js';
import { mountTeams } from '../channels/teams/index.js';
import { mountWeb } from '../channels/web/routes.js';
import { MemoryState } from '../conversation/memory-state.js';
import type { ConversationState } from '../conversation/state.js';
import type { GoalsService } from '../goals/service.js';
import { TREND_CHART_PATH } from '../reminders/chart.js';
import { trendChart } from './charts.js';
import type { ReminderService } from '../reminders/service.js';
import type { FeedbackStore } from '../storage/index.js';
import type { Core } from '../conversation/core.js';
import { jsonErrors } from '../channels/http-errors.js';
import { createLogger } from './logger.js';
import { requestLog } from './request-log.js';
import { WorkQueue } from '../conversation/work-queue.js';

export interface ServerDeps {
  core: Core;
  /** The storage layer (feedback); optional so the server runs without a database in tests. */
  store?: FeedbackStore;
  logger?: Logger;
  /** Shared with other parts of the process; one is made when absent. */
  work?: WorkQueue;
  /** Weekly reflection reminders (/reflect); absent: /reflect answers "not switched on". */
  reminders?: ReminderService;
  /** /goals working agreements; absent: /goals answers "not switched on". */
  goals?: GoalsService;
  /** For /readyz. */
  readiness?: Readiness;
  /**
   * The conversation state every channel shares (handled deliveries, conversations' turns,
   * answers' findings): main.ts gives the database's, so that several instances on one
   * PostgreSQL behave as one. Absent: in this process only (tests).
   */
  state?: ConversationState;
}

/** What /readyz checks; a part that is absent is not used by this process and not checked. */
export interface Readiness {
  /** True once the search index is loaded; default: true (the core is built from a loaded engine). */
  index?: () => boolean;
  /** Ready when ping() answers within READINESS_TIMEOUT_MS. */
  database?: { ping(): Promise<void> };
  /**
   * Ready while it runs and its own tables answer: a queue whose database is down cannot
   * fetch or finish a job, however much its process runs.
   */
  jobQueue?: { running(): boolean; ping(): Promise<void> };
}

/** A readiness ping slower than this counts as unreachable: load balancers probe every few seconds. */
const READINESS_TIMEOUT_MS = 2_000;

export interface ChannelStatus {
  name: string;
  description: string;
}

export interface RunningServer {
  /** http://host:port, with 127.0.0.1 for a server listening on all interfaces. */
  url: string;
  /** The address it listens on, as the socket reports it: 0.0.0.0 or :: for all interfaces. */
  host: string;
  port: number;
  channels: ChannelStatus[];
  /** Stops taking requests, lets work in flight finish (bounded), disconnects channels. */
  close(): Promise<void>;
}

export async function startServer(config: Config, deps: ServerDeps): Promise<RunningServer> {
  const logger = deps.logger ?? createLogger(config);
  const work = deps.work ?? new WorkQueue();
  const state = deps.state ?? new MemoryState();
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(logger.child({ component: 'http' })));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  let shuttingDown = false;
  app.get('/readyz', async (_req, res) => {
    const { status, checks } = await checkReadiness(deps.readiness ?? {}, shuttingDown);
    res.status(status === 'ready' ? 200 : 503).json({ status, checks });
  });

  // The reflection trend's chart, for the web chat and Teams cards and Slack (with SAMEN_PUBLIC_URL).
  app.get(TREND_CHART_PATH, trendChart);

  let slack: SlackChannel | undefined;
  const slackConfig = slackSettings(config);
  if (slackConfig) {
    slack = createSlackApp(
      slackConfig,
      {
        core: deps.core,
        citation: deps.core.citation,
        feedback: deps.store,
        reminders: deps.reminders,
        goals: deps.goals,
        scheduler: work,
        logger,
        language: config.SAMEN_LANGUAGE,
        state,
        publicUrl: config.SAMEN_PUBLIC_URL,
      },
      { expressApp: app },
    );
  }

  // Teams at /api/messages (src/channels/teams); undefined when TEAMS_ENABLED=false.
  const teams = mountTeams(app, config, {
    core: deps.core,
    store: deps.store,
    scheduler: work,
    logger,
    goals: deps.goals,
    reminders: deps.reminders,
    state,
    publicUrl: config.SAMEN_PUBLIC_URL,
  });

  // The local web chat at / (src/channels/web): on by default, so a newcomer can try Samen in a browser;
  // in production on a network address only with WEB_CHAT_TOKEN (the banner says so).
  const webChat = webChatSettings(config);
  if (webChat.status === 'refused') {
    logger.warn({ channel: 'web', host: config.HOST }, 'web chat not served: production on a non-loopback HOST without WEB_CHAT_TOKEN');
  }
  if (webChat.status === 'open' || webChat.status === 'protected') mountWeb(app, {
    core: deps.core,
    scheduler: work,
    goals: deps.goals,
    reminders: deps.reminders,
    feedback: deps.store,
    language: config.SAMEN_LANGUAGE,
    accessToken: webChat.status === 'protected' ? webChat.token : undefined,
    logger: logger.child({ channel: 'web' }),
    state,
  });

  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  // The probes and whatever no channel answers; each channel ends with its own handler.
  app.use(jsonErrors(logger.child({ component: 'http' }), 'server'));

  // The token is checked before the port opens: a misconfigured Slack app stops start-up.
  if (slack) await slack.start().catch(async (err) => {
    await slack?.stop().catch(() => {});
    throw err;
  });

  const server: Server = createServer(app);
  server.keepAliveTimeout = 65_000;
  // Requests that must be acknowledged fast (Slack's) go before answering work.
  let awaitingAck = 0;
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/slack/')) return;
    awaitingAck += 1;
    res.once('close', () => {
      awaitingAck -= 1;
    });
  });
  work.pressure ??= () => awaitingAck > 0;
  server.listen(config.PORT, config.HOST);
  try {
    await once(server, 'listening');
  } catch (err) {
    await slack?.stop().catch(() => {});
    throw err;
  }
  const { address: listening, port } = server.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const channels: ChannelStatus[] = [];
  if (webChat.status === 'protected') {
    channels.push({ name: 'web', description: `Web chat: ${url}/ (protected by WEB_CHAT_TOKEN: a bearer token, or the login form)` });
  } else if (webChat.status === 'open') {
    const who = webChat.loopback ? 'only this machine can reach it' : `anyone who reaches ${listening} can use it; set WEB_CHAT_TOKEN`;
    channels.push({ name: 'web', description: `Web chat: ${url}/ (no login: ${who})` });
  }
  if (slack) channels.push({ name: 'slack', description: slack.describe(url) });
  if (teams) channels.push({ name: 'teams', description: teams.describe(url) });

  let closing: Promise<void> | undefined;
  return {
    url,
    host: listening,
    port,
    channels,
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await slack?.stop().catch((err) => logger.warn({ err }, 'Slack did not stop cleanly'));
        await work.idle(10_000);
        const timer = setTimeout(() => server.closeAllConnections(), 5_000);
        await closed;
        clearTimeout(timer);
      })();
      return closing;
    },
  };
}

type Check = 'ok' | 'not loaded' | 'unreachable' | 'stopped' | 'not used' | 'shutting down';

/** The parts /readyz reports; status is "ready" only when none is failing. */
export async function checkReadiness(
  readiness: Readiness,
  shuttingDown = false,
): Promise<{ status: 'ready' | 'not_ready'; checks: Record<'server' | 'index' | 'database' | 'jobQueue', Check> }> {
  const ping = async (part: { ping(): Promise<void> }): Promise<Check> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), READINESS_TIMEOUT_MS);
    });
    try {
      await Promise.race([part.ping(), timeout]);
      return 'ok';
    } catch {
      return 'unreachable';
    } finally {
      clearTimeout(timer);
    }
  };
  const { database, jobQueue } = readiness;
  const [databaseCheck, jobQueueCheck] = await Promise.all([
    database ? ping(database) : ('not used' as const),
    jobQueue ? (jobQueue.running() ? ping(jobQueue) : ('stopped' as const)) : ('not used' as const),
  ]);
  const checks = {
    server: shuttingDown ? 'shutting down' : 'ok',
    index: (readiness.index?.() ?? true) ? 'ok' : 'not loaded',
    database: databaseCheck,
    jobQueue: jobQueueCheck,
  } satisfies Record<string, Check>;
  const failing = Object.values(checks).some((c) => c !== 'ok' && c !== 'not used');
  return { status: failing ? 'not_ready' : 'ready', checks };
}
