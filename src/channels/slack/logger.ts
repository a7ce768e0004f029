import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

const fromPino = (level: string): LogLevel =>
  level === 'debug' || level === 'trace'
    ? LogLevel.DEBUG
    : level === 'info'
      ? LogLevel.INFO
      : level === 'warn'
        ? LogLevel.WARN
        : LogLevel.ERROR;

const text = (msg: unknown[]) =>
  msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');

/** Bolt's and the Web API client's logs, into Samen's structured log. */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  return {
    debug: (...msg) => child.debug(text(msg)),
    info: (...msg) => child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.error(text(msg)),
    setLevel: () => {},
    getLevel: () => fromPino(log.level),
    setName: () => {},
  };
}

/** Slack's conversation ids (C…, D…, G…) and message timestamps ("1700000000.000100"). */
const CONVERSATION_ID = /^[A-Z][A-Z0-9]{2,39}$/;
const MESSAGE_TS = /^\d{1,12}\.\d{1,9}$/;
/** What a value that is not an id is logged as: a request's fields are the sender's choice. */
export const NOT_AN_ID = 'invalid';

/**
 * A listener's channel and message ts for its log lines, each only when it has Slack's
 * shape; anything else (text, a name, a very long string) is logged as "invalid".
 */
export function logIds(ids: { channel?: unknown; ts?: unknown }): { channel?: string; ts?: string } {
  const checked = (value: unknown, shape: RegExp) => (typeof value === 'string' && shape.test(value) ? value : NOT_AN_ID);
  return {
    ...(ids.channel === undefined ? {} : { channel: checked(ids.channel, CONVERSATION_ID) }),
    ...(ids.ts === undefined ? {} : { ts: checked(ids.ts, MESSAGE_TS) }),
  };
}
