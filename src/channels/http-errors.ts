/**
 * The error handler each HTTP route family ends with (the web chat, Slack, Teams, and the
 * server's own routes): a JSON `{error}` with the status, never a stack or an error's
 * message, in development too. Messages and stacks name files, and can hold what the client
 * sent or a token. A failure (5xx) is logged as one pino line; the request log has the rest.
 */
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

/** The `error` code of each status a client can cause; a failure is "internal_error". */
const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  503: 'unavailable',
};

/** The status an error asks for (body-parser's and http-errors' `status`), else 500. */
export function statusOf(err: unknown): number {
  const e = err as { status?: unknown; statusCode?: unknown } | null | undefined;
  const status = e?.status ?? e?.statusCode;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 600 ? status : 500;
}

export function errorCode(status: number, err?: unknown): string {
  // body-parser's own name for a body that is not JSON.
  if ((err as { type?: unknown } | undefined)?.type === 'entity.parse.failed') return 'invalid_json';
  return CODES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
}

/** What is logged of a failure: never the error object, which can carry a request and its token. */
export function failureInfo(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: typeof err };
  const { code } = err as { code?: unknown };
  return { error: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}), stack: err.stack };
}

/** The JSON error handler of one route family (`family` names it in the log). */
export function jsonErrors(log: Logger, family: string): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const status = statusOf(err);
    if (status >= 500) log.error({ family, path: req.path, ...failureInfo(err) }, 'request failed');
    if (res.headersSent) {
      // Part of the answer is out: all that is left is to cut it short.
      res.destroy();
      return;
    }
    res.status(status).json({ error: errorCode(status, err) });
  };
}
