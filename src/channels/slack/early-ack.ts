/**
 * Slack's HTTP endpoint, before Bolt: every request is checked here, and events are
 * acknowledged early.
 *
 * Checked: the v0 signature, with Bolt's own verifySlackRequest, and a timestamp at most five
 * minutes from now in either direction (Bolt refuses old timestamps only), 401 otherwise; then the body, parsed as Bolt
 * parses it and validated with zod (payloads.ts), 400 when it is not something Slack sends
 * Samen. So Bolt and the listeners only see well-formed requests.
 *
 * Acknowledged early: Slack needs an event's HTTP 200 within 3 seconds and expects nothing
 * in it; Bolt would send it only after authorising and building the event's context, and
 * would then run every listener's middleware at once. Here an event is answered 200 at once
 * and handed to Bolt (the same processEvent its receiver calls) in a later turn, after the
 * acknowledgements waiting behind it. Everything else (URL verification, slash commands,
 * interactions) goes on to Bolt's ExpressReceiver, which answers as usual.
 */
import { HTTPModuleFunctions, verifySlackRequest, type App } from '@slack/bolt';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Scheduler } from './deps.js';
import { isSlackRequest } from './payloads.js';

/** Slack's requests are small; anything larger is not Slack's. */
const MAX_BODY = 1024 * 1024;
/** Slack's replay window: a timestamp more than five minutes away is refused. */
const MAX_SKEW_SECONDS = 5 * 60;

/**
 * Why a request's v0 signature is refused, or undefined when it is right for this body and
 * its timestamp within five minutes of now. The signature itself is checked by Bolt's
 * verifySlackRequest (HMAC-SHA256, compared in constant time); `now` is its clock too.
 */
export function signatureProblem(
  signingSecret: string,
  body: string,
  signature: string | undefined,
  timestamp: string | undefined,
  now: number = Date.now(),
): string | undefined {
  if (!signature) return 'no x-slack-signature header';
  const ts = Number(timestamp);
  if (!timestamp || !Number.isInteger(ts)) return 'no whole-number x-slack-request-timestamp header';
  // Bolt's check refuses only timestamps in the past; one from the future is as much a replay.
  if (ts - now / 1000 > MAX_SKEW_SECONDS) return 'x-slack-request-timestamp is more than five minutes in the future';
  try {
    verifySlackRequest({
      signingSecret,
      body,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts },
      nowMilliseconds: now,
    });
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** True when the v0 signature is right for this body and the timestamp within five minutes of now. */
export function validSignature(
  signingSecret: string,
  body: string,
  signature: string | undefined,
  timestamp: string | undefined,
  now: number = Date.now(),
): boolean {
  return signatureProblem(signingSecret, body, signature, timestamp, now) === undefined;
}

/** Reads the body as bytes, whatever its type (the signature is over the bytes); larger than Slack sends is a 413. */
export const readSlackBody = express.raw({ type: () => true, limit: MAX_BODY });

/** The body as Bolt's receiver will read it (JSON, a form, or a form's `payload` JSON); undefined if unreadable. */
function parseLikeBolt(req: Request & { rawBody: Buffer }): unknown {
  try {
    return HTTPModuleFunctions.parseHTTPRequestBody(req as never);
  } catch {
    return undefined;
  }
}

const header = (req: Request, name: string) => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
};

export function ackEventsEarly(options: {
  signingSecret: string;
  bolt: () => App | undefined;
  scheduler: Scheduler;
  logger: Logger;
}) {
  const log = options.logger.child({ component: 'slack' });
  /** After readSlackBody. */
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const text = raw.toString('utf8');
    const problem = signatureProblem(options.signingSecret, text, header(req, 'x-slack-signature'), header(req, 'x-slack-request-timestamp'));
    if (problem) {
      log.debug({ reason: problem }, 'a request without a valid Slack signature was refused');
      res.status(401).json({ error: 'unauthorized' });
      return;
    }
    // Bolt's receiver reads req.rawBody when present, as the stream is consumed now.
    const buffered = Object.assign(req, { rawBody: raw });
    const body = parseLikeBolt(buffered);
    if (!isSlackRequest(body)) {
      log.warn('a signed request that is not one Samen takes was refused');
      res.status(400).json({ error: 'bad_request' });
      return;
    }
    if ('type' in body && body.type === 'app_rate_limited') {
      log.warn('Slack reports that it dropped events: the app was over its rate limit');
      res.status(200).end();
      return;
    }
    const app = options.bolt();
    if (!app || !('type' in body) || body.type !== 'event_callback') return next();

    res.writeHead(200, { 'content-length': '0' }).end();
    const event = {
      body: body as Record<string, unknown>,
      ack: async () => {},
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
    };
    options.scheduler.defer(() => {
      app.processEvent(event).catch((err: unknown) => {
        log.error({ err }, 'processing an acknowledged event failed');
      });
    });
  };
}
