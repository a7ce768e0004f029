/**
 * Structured logs (pino, one JSON object a line). Log ids, outcomes and durations; never
 * message text or names (question text only at `debug`, for local troubleshooting).
 */
import { pino, type Logger } from 'pino';
import type { Config } from '../config.js';

export type { Logger };

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'samen' },
    redact: { paths: ['token', '*.token', 'authorization', '*.authorization'], censor: '[redacted]' },
  });
}
