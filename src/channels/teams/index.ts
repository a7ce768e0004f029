/**
 * Microsoft Teams for Samen: everything Teams-specific lives in this folder (botbuilder,
 * the activity protocol, Teams' AI message features, Adaptive Cards), so that moving to the
 * Microsoft 365 Agents SDK changes only this folder. See manifest/teams/README.md.
 *
 * mountTeams adds POST /api/messages to the server's express app: botbuilder's CloudAdapter
 * authenticates the request and runs the bot.
 */
import type { Activity, InvokeResponse } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import express, { type Express, type RequestHandler } from 'express';
import { pino, type Logger } from 'pino';
import { jsonErrors } from '../http-errors.js';
import { AuthenticationUnavailableError, createAdapter, type AdapterOverrides } from './adapter.js';
import type { GoalsService } from '../../goals/service.js';
import { MemoryState } from '../../conversation/memory-state.js';
import type { ConversationState } from '../../conversation/state.js';
import type { ReminderDelivery } from '../../reminders/delivery.js';
import { SamenTeamsBot, errorInfo, type BotDeps, type Scheduler, type TeamsStore } from './bot.js';
import type { Reminders } from '../../conversation/reflect.js';
import { isWellFormedActivity } from './payloads.js';
import { teamsReminderDelivery, type ReferenceSource } from './reminder-delivery.js';
import type { TeamsConfig } from '../../config.js';
import { teamsSettings, type TeamsSettings } from './settings.js';

export { renderReply } from './render.js';
export { teamsSettings } from './settings.js';
export type { Scheduler, TeamsStore } from './bot.js';

export const TEAMS_PATH = '/api/messages';

export interface TeamsDeps {
  /** The core (the server's Core): asked through the conversation layer. */
  core: BotDeps['core'];
  /** Feedback and conversation references; without it neither is stored. */
  store?: TeamsStore;
  /** The server's work queue; without one, answers run right after the acknowledgement. */
  scheduler?: Scheduler;
  logger?: Logger;
  /** `goals …` in Teams; absent: "not switched on". */
  goals?: GoalsService;
  /**
   * `reflect …` in Teams; absent: "not switched on". With register, Teams' proactive delivery is
   * registered for reminders of Teams conversations.
   */
  reminders?: Reminders & { register?(delivery: ReminderDelivery): void };
  /** Bot Framework endpoints and credentials factory (sovereign clouds; tests). */
  adapter?: AdapterOverrides;
  /** Handled activities, conversations' turns, answers' findings (the server's: the shared database); absent: in this process. */
  state?: ConversationState;
  /** SAMEN_PUBLIC_URL: where Teams fetches the reflection trend's chart; absent: the trend is text only. */
  publicUrl?: string;
}

export interface TeamsChannel {
  path: string;
  /** False: requests are accepted without a token (Emulator, Agents Playground). */
  authenticated: boolean;
  /** For the start-up banner. */
  describe(baseUrl: string): string;
}

const immediate: Scheduler = {
  run: (job) => new Promise((resolve, reject) => setImmediate(() => Promise.resolve().then(job).then(resolve, reject))),
};

/**
 * Mounts Teams on the app, or returns undefined when TEAMS_ENABLED=false. Throws when
 * NODE_ENV=production and no credentials are set: the endpoint would be open to anyone.
 */
export function mountTeams(app: Express, config: TeamsConfig, deps: TeamsDeps): TeamsChannel | undefined {
  const settings = teamsSettings(config);
  if (!settings) return undefined;
  return mountWithSettings(app, settings, deps);
}

export function mountWithSettings(app: Express, settings: TeamsSettings, deps: TeamsDeps): TeamsChannel {
  const { credentials } = settings;
  if (settings.production && !credentials) {
    throw new Error(
      'Teams: NODE_ENV=production without MICROSOFT_APP_ID: /api/messages would accept unauthenticated requests. ' +
        'Set the Microsoft credentials or TEAMS_ENABLED=false.',
    );
  }
  const logger = (deps.logger ?? pino({ level: 'silent' })).child({ component: 'teams' });
  const adapter = createAdapter(credentials, deps.adapter);
  adapter.onTurnError = async (context, err) => {
    logger.error({ ...errorInfo(err), type: context.activity.type, activity: context.activity.id }, 'Teams turn failed');
  };
  const bot = new SamenTeamsBot({
    core: deps.core,
    store: deps.store,
    scheduler: deps.scheduler ?? immediate,
    logger,
    language: settings.language,
    state: deps.state ?? new MemoryState(),
    goals: deps.goals,
    reminders: deps.reminders,
    publicUrl: deps.publicUrl,
  });
  if (deps.reminders?.register && deps.store) {
    deps.reminders.register(teamsReminderDelivery(adapter, credentials?.appId ?? '', deps.store as ReferenceSource));
  }

  const handle: RequestHandler = async (req, res) => {
    const activity: unknown = req.body;
    if (!isWellFormedActivity(activity)) {
      logger.warn('Teams: an activity that is not one Samen takes was refused');
      res.status(400).json({ error: 'bad_request' });
      return;
    }
    if (!credentials && !isLoopbackUrl((activity as Activity).serviceUrl)) {
      // Unauthenticated, Samen would post to any serviceUrl it is given: only local tools may use it.
      logger.warn('Teams: an unauthenticated activity with a non-loopback serviceUrl was refused');
      res.status(401).json({
        error: 'unauthorized',
        message: 'Without MICROSOFT_APP_ID only local tools (Emulator, Agents Playground) may call this endpoint.',
      });
      return;
    }
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    let invoke: InvokeResponse | undefined;
    try {
      invoke = await adapter.handle(authorization, activity as Activity, (context) => bot.run(context));
    } catch (err) {
      if (err instanceof AuthenticationError) {
        logger.warn({ reason: err.message }, 'Teams: a request with a refused token');
        res.status(401).json({ error: 'unauthorized' });
        return;
      }
      if (err instanceof AuthenticationUnavailableError) {
        logger.error(errorInfo(err.cause), 'Teams: tokens cannot be checked (Bot Framework sign-in unreachable?)');
        res.status(503).json({ error: 'unavailable' });
        return;
      }
      throw err;
    }
    // An invoke's answer is its own (status and body, as Teams expects); any other activity gets an empty 200.
    res.status(invoke?.status ?? 200);
    if (invoke?.body !== undefined) res.json(invoke.body);
    else res.end();
  };
  // The JSON errors of this route (a body that is not JSON, too large, a failure): never a stack or a message.
  app.post(TEAMS_PATH, express.json({ limit: '1mb' }), handle, jsonErrors(logger, 'teams'));

  return {
    path: TEAMS_PATH,
    authenticated: !!credentials,
    describe(baseUrl) {
      const url = `${baseUrl}${TEAMS_PATH}`;
      if (credentials) {
        return `Teams: ${url} (Bot Framework tokens checked; app ${credentials.appId}, ${credentials.type})`;
      }
      // One calm line: local mode is what a developer without a Microsoft app has, and it only ever replies to this machine.
      return (
        `Teams: local mode at ${url}, for the Bot Framework Emulator or Agents Playground on this machine (no MICROSOFT_APP_ID, ` +
        'so no tokens are checked; for Teams itself see manifest/teams/README.md, TEAMS_ENABLED=false turns it off)'
      );
    },
  };
}

/** localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackUrl(value: unknown): boolean {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const host = new URL(value).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
