/**
 * Acknowledges Events API requests before Bolt processes them. Slack needs the HTTP 200
 * within 3 seconds and expects nothing in it; Bolt would send it only after authorising
 * and building the event's context, and would then run every listener's middleware at
 * once. Here a correctly signed event is answered 200 as soon as its signature is checked,
 * and handed to Bolt (the same processEvent the receiver calls) in a later turn, after the
 * acknowledgements waiting behind it. Anything else (URL verification, slash commands,
 * interactions, requests that fail verification) goes on to Bolt's ExpressReceiver,
 * which verifies again and answers as usual.
 */
import { HTTPModuleFunctions, verifySlackRequest, type App } from '@slack/bolt';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Scheduler } from './deps.js';

export function ackEventsEarly(options: {
  signingSecret: string;
  bolt: () => App | undefined;
  scheduler: Scheduler;
  logger: Logger;
}) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const raw = req.body;
    // express.raw() left the bytes here; Bolt's receiver reads req.rawBody rather than the stream.
    if (!Buffer.isBuffer(raw)) return next();
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
    try {
      verifySlackRequest({
        signingSecret: options.signingSecret,
        body: text,
        headers: {
          'x-slack-signature': String(req.headers['x-slack-signature'] ?? ''),
          'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
        },
      });
    } catch {
      return next(); // Bolt's receiver refuses it with 401 and logs why.
    }
    res.status(200).end();
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
