/**
 * Acknowledges Events API requests before Bolt processes them. Slack needs the HTTP 200
 * within 3 seconds and expects nothing in it; Bolt would send it only after authorising
 * and building the event's context, and would then run every listener's middleware at
 * once. Here a correctly signed event is answered 200 as soon as its signature is checked,
 * and handed to Bolt (the same processEvent its receiver calls) in a later turn, after the
 * acknowledgements waiting behind it. Everything else (URL verification, slash commands,
 * interactions, and any request whose signature does not check out here) goes on to Bolt's
 * ExpressReceiver, which verifies it again and answers as usual (401 for a bad signature).
 */
import { timingSafeEqual } from 'node:crypto';
import { HTTPModuleFunctions, type App } from '@slack/bolt';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Scheduler } from './deps.js';
import { signSlackRequest } from './signature.js';

/** Slack's requests are small; anything larger is not Slack's. */
const MAX_BODY = 1024 * 1024;
/** Slack's replay window: a timestamp more than five minutes away is refused. */
const MAX_SKEW_SECONDS = 5 * 60;

/** True when the v0 signature is right for this body and the timestamp is recent. */
export function validSignature(
  signingSecret: string,
  body: string,
  signature: string | undefined,
  timestamp: string | undefined,
  now: number = Date.now(),
): boolean {
  const ts = Number(timestamp);
  if (!signature || !Number.isInteger(ts) || Math.abs(now / 1000 - ts) > MAX_SKEW_SECONDS) return false;
  const expected = Buffer.from(signSlackRequest(signingSecret, body, ts)['x-slack-signature']);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readBody(req: Request): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function ackEventsEarly(options: {
  signingSecret: string;
  bolt: () => App | undefined;
  scheduler: Scheduler;
  logger: Logger;
}) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const raw = await readBody(req).catch(() => undefined);
    if (!raw) {
      res.status(413).end();
      return;
    }
    // Bolt's receiver reads req.rawBody when present, as the stream is consumed now.
    (req as Request & { rawBody?: Buffer }).rawBody = raw;
    const app = options.bolt();
    if (!app || !String(req.headers['content-type'] ?? '').startsWith('application/json')) return next();
    const text = raw.toString('utf8');
    let body: { type?: unknown };
    try {
      body = JSON.parse(text);
    } catch {
      return next();
    }
    if (body?.type !== 'event_callback') return next();
    const signature = req.headers['x-slack-signature'];
    const timestamp = req.headers['x-slack-request-timestamp'];
    if (!validSignature(options.signingSecret, text, String(signature ?? ''), String(timestamp ?? ''))) return next();

    res.writeHead(200, { 'content-length': '0' }).end();
    const event = {
      body: body as Record<string, unknown>,
      ack: async () => {},
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
    };
    options.scheduler.defer(() => {
      app.processEvent(event).catch((err: unknown) => {
        options.logger.error({ component: 'slack', err }, 'processing an acknowledged event failed');
      });
    });
  };
}
