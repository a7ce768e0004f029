import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

/** One log line per request: method, path, status, duration. No bodies, no query strings. */
export function requestLog(log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 };
      if (res.statusCode >= 500) log.error(line, 'request');
      else if (res.statusCode >= 400) log.warn(line, 'request');
      else log.debug(line, 'request');
    });
    next();
  };
}
