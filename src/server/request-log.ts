import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

/** How a request ended: answered (2xx/3xx), refused (4xx), failed (5xx), or the client went away first. */
export type RequestOutcome = 'ok' | 'client_error' | 'server_error' | 'aborted';

/** The chat platform a request came from, by its endpoint; undefined for the web chat and probes. */
export type ChannelKind = 'slack' | 'teams';

const MAX_PATH = 200;

export function channelOf(path: string): ChannelKind | undefined {
  if (path === '/slack' || path.startsWith('/slack/')) return 'slack';
  if (path === '/api/messages' || path.startsWith('/api/messages/')) return 'teams';
  return undefined;
}

export function outcomeOf(status: number, finished: boolean): RequestOutcome {
  if (!finished) return 'aborted';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  return 'ok';
}

/**
 * One log line per request, when it ends: method, path (no query string), status, outcome,
 * duration in ms and, for Slack's and Teams' endpoints, the channel kind. Never bodies,
 * headers, message text or user names. Answered requests log at info, refused ones at warn,
 * failed ones at error; an aborted request (client gone before the response) at warn.
 */
export function requestLog(log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    // req.path is read now (routers may rewrite req.url while handling) and capped: a path is
    // chosen by the client.
    const path = req.path.length > MAX_PATH ? `${req.path.slice(0, MAX_PATH)}…` : req.path;
    let logged = false;
    const done = (finished: boolean) => {
      if (logged) return;
      logged = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const outcome = outcomeOf(res.statusCode, finished);
      const channel = channelOf(path);
      const line = {
        method: req.method,
        path,
        status: res.statusCode,
        outcome,
        ms: Math.round(ms * 10) / 10,
        ...(channel ? { channel } : {}),
      };
      if (outcome === 'server_error') log.error(line, 'request');
      else if (outcome === 'ok') log.info(line, 'request');
      else log.warn(line, 'request');
    };
    res.once('finish', () => done(true));
    res.once('close', () => done(res.writableFinished));
    next();
  };
}
