/**
 * The local web chat's routes: the page at /, Microsoft's Adaptive Cards renderer from
 * node_modules at /vendor (no bundler), the page's script and style at /assets, POST /api/ask for what the chat box sends and
 * POST /api/submit for a card's Action.Submit. Both answer {card, reply?, replace?}; both are
 * rate-limited per client address (429 with a notice card). Their bodies are parsed with zod
 * here; anything else is a 400, and every error of these routes a JSON {error} (no stack).
 * With an access token (WEB_CHAT_TOKEN) the page and the API want it (src/channels/web/access.ts):
 * the page shows a login form (POST /login) and the API answers 401; the static files stay public.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type Request, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { pino } from 'pino';
import { z } from 'zod';
import { noticeCard } from '../../cards/index.js';
import { CardSubmitSchema } from '../../cards/submit.js';
import { jsonErrors } from '../http-errors.js';
import { SESSION_COOKIE, WebAccess } from './access.js';
import { WebChat, type WebDeps, type WebResponse } from './chat.js';
import { loginPage, PAGE } from './page.js';
import { WEB_TEXTS as W } from './texts.js';

export { WEB_CHANNEL, WEB_TENANT, type WebDeps, type WebResponse } from './chat.js';

/** The adaptivecards package's browser build (UMD: window.AdaptiveCards) and its stylesheet. */
const vendorDir = join(dirname(createRequire(import.meta.url).resolve('adaptivecards/package.json')), 'dist');
const VENDOR = new Set(['adaptivecards.min.js', 'adaptivecards.css']);
/** The page's own script and stylesheet. */
const assetsDir = join(dirname(fileURLToPath(import.meta.url)), 'static');
const ASSETS = new Set(['chat.js', 'chat.css']);

const AskBody = z.object({ question: z.string() });
const SubmitBody = z.object({ data: z.record(z.string(), z.unknown()) });
/** Failed logins per client address: with a token of 16 characters or more, guessing is hopeless anyway. */
const LOGIN_ATTEMPTS = { limit: 10, windowMs: 15 * 60_000 };

export function mountWeb(app: Express, deps: WebDeps): void {
  const chat = new WebChat(deps);
  const asker = (req: Request) => ({ userId: req.ip ?? req.socket.remoteAddress });
  const failed = (err: unknown, res: express.Response) => {
    deps.logger?.error({ channel: 'web', err }, 'web chat request failed');
    res.status(500).json({ error: 'failed', card: noticeCard([W.failed[deps.language ?? 'nl']]) } satisfies WebResponse & { error: string });
  };

  const { limit, windowMs } = deps.rateLimit ?? { limit: 60, windowMs: 60_000 };
  const limiter = rateLimit({
    limit,
    windowMs,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
      const card = noticeCard([W.tooMany[deps.language ?? 'nl'](seconds)]);
      res.status(429).json({ error: 'too_many_requests', card } satisfies WebResponse & { error: string });
    },
  });

  const language = deps.language ?? 'nl';
  const access = deps.accessToken ? new WebAccess(deps.accessToken) : undefined;
  // The API without the token or the session cookie: 401, as a JSON {error} from the error handler below.
  const signedIn: RequestHandler = (req, res, next) => {
    if (!access || access.allows(req)) return next();
    res.set('WWW-Authenticate', 'Bearer realm="Samen web chat"');
    next(Object.assign(new Error('web chat: no access token'), { status: 401 }));
  };

  // One router for the web chat's routes, so that they share one error handler.
  const web = express.Router();
  web.get('/', (req, res) => {
    if (access && !access.allows(req)) return void res.status(401).type('html').send(loginPage(language));
    res.type('html').send(PAGE);
  });
  if (access) {
    const loginLimiter = rateLimit({
      ...LOGIN_ATTEMPTS,
      // Only wrong tokens count (they answer 401); a login that works does not.
      skipSuccessfulRequests: true,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res) => {
        res.status(429).type('html').send(loginPage(language, W.loginTooMany[language](LOGIN_ATTEMPTS.windowMs / 60_000)));
      },
    });
    web.post('/login', loginLimiter, express.urlencoded({ extended: false, limit: '4kb' }), (req, res) => {
      const token: unknown = req.body?.token;
      if (typeof token !== 'string' || !access.isToken(token)) {
        return void res.status(401).type('html').send(loginPage(language, W.loginWrong[language]));
      }
      res.cookie(SESSION_COOKIE, access.session, access.cookieOptions(req));
      // 303: the browser follows with a GET, and reloading the chat does not post the token again.
      res.redirect(303, './');
    });
  }
  web.get('/vendor/:file', (req, res, next) => {
    if (!VENDOR.has(req.params.file)) return next();
    res.sendFile(join(vendorDir, req.params.file), { maxAge: '1h' });
  });
  web.get('/assets/:file', (req, res, next) => {
    if (!ASSETS.has(req.params.file)) return next();
    res.sendFile(join(assetsDir, req.params.file));
  });
  web.post('/api/ask', signedIn, limiter, express.json({ limit: '16kb' }), async (req, res) => {
    const body = AskBody.safeParse(req.body);
    const question = body.success ? body.data.question.trim() : '';
    if (!question) return void res.status(400).json({ error: 'Send {"question": "..."}.' });
    try {
      res.json(await chat.message(question, asker(req)));
    } catch (err) {
      failed(err, res);
    }
  });
  web.post('/api/submit', signedIn, limiter, express.json({ limit: '64kb' }), async (req, res) => {
    const body = SubmitBody.safeParse(req.body);
    if (!body.success) return void res.status(400).json({ error: 'Send {"data": {...}}.' });
    const data = CardSubmitSchema.safeParse(body.data.data);
    if (!data.success) return void res.status(400).json({ error: 'Unknown or malformed action.' });
    try {
      const response = await chat.submit(data.data, asker(req));
      if (!response) return void res.status(400).json({ error: 'Unknown action.' });
      res.json(response);
    } catch (err) {
      failed(err, res);
    }
  });
  // A body that is not JSON or too large, a file that cannot be read: a JSON error, never express's HTML page.
  web.use(jsonErrors(deps.logger ?? pino({ level: 'silent' }), 'web'));
  app.use(web);
}
