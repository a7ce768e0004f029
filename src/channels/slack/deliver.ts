/**
 * The one path from a question to a posted answer, shared by every listener: ask the core
 * (after the acknowledgement, through the scheduler), render, post, and handle what Slack
 * says back. A message too big for Slack is posted again in its compact form; a place
 * Samen cannot post to is reported to the user another way; every failure is logged, none
 * is thrown to Bolt.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Language, Reply } from '../../answer/reply.js';
import type { Turn } from '../../answer/llm/composer.js';
import type { SlackDeps } from './deps.js';
import { logIds } from './logger.js';
import { CANNOT_POST, TOO_LONG, slackErrorCode } from './errors.js';
import { renderHelp, renderReply, type RenderOptions, type SlackMessage } from './render.js';
import { SLACK_TEXTS as T } from './texts.js';

type WebClient = webApi.WebClient;

export interface Destination {
  /** Posts a message where the answer belongs; resolves to Slack's answer. */
  post(message: SlackMessage): Promise<unknown>;
  /** Tells the user something another way when posting failed. */
  tell(text: string): Promise<unknown>;
  /** The conversation, for the "I am not a member" text. */
  channel?: string;
}

export interface AskOptions {
  language?: Language;
  /** The Slack user who asked, for the per-user rate limit. */
  user?: string;
  /** The thread's earlier turns, oldest first: the question is read as a follow-up of them. */
  history?: Turn[];
  /** Every relevant finding instead of the short answer ("More findings"). */
  all?: boolean;
  render?: RenderOptions;
  log: Logger;
}

export interface Delivered {
  reply: Reply;
  /** What Slack answered to the post (channel, ts). */
  posted: unknown;
}

export function renderFor(reply: Reply, options: RenderOptions = {}): SlackMessage {
  return reply.kind === 'help' ? renderHelp(reply) : renderReply(reply, options);
}

async function tellSafely(dest: Destination, text: string, log: Logger): Promise<void> {
  try {
    await dest.tell(text);
  } catch (err) {
    log.warn({ code: slackErrorCode(err) }, 'could not tell the user either');
  }
}

/** Answers question at dest. Resolves to the reply when it was posted, undefined when not. */
export async function answerTo(
  deps: SlackDeps,
  dest: Destination,
  question: string,
  options: AskOptions,
): Promise<Delivered | undefined> {
  const { log } = options;
  const started = performance.now();
  let reply: Reply;
  let message: SlackMessage;
  try {
    [reply, message] = await deps.scheduler.run(async () => {
      const r = await deps.engine.answer(question, {
        ...(options.language ? { language: options.language } : {}),
        channelId: dest.channel,
        userId: options.user,
        ...(options.history?.length ? { history: options.history } : {}),
        ...(options.all ? { all: true } : {}),
      });
      return [r, renderFor(r, options.render)] as const;
    });
  } catch (err) {
    const busy = err instanceof Error && err.name === 'QueueFullError';
    log.error({ err: busy ? undefined : err, busy }, busy ? 'too busy to answer' : 'answering failed');
    await tellSafely(dest, busy ? T.busy[options.language ?? deps.language] : T.failed[options.language ?? deps.language], log);
    return undefined;
  }
  const lang = reply.language;
  const outcome = { kind: reply.kind, mode: reply.mode, citations: reply.citations.length, blocks: message.blocks.length };
  try {
    const posted = await dest.post(message);
    log.info({ ...outcome, ms: Math.round(performance.now() - started) }, 'answered');
    return { reply, posted };
  } catch (err) {
    let code = slackErrorCode(err);
    if (TOO_LONG.has(code)) {
      try {
        const posted = await dest.post(renderReply(reply, { ...options.render, compact: true }));
        log.warn({ ...outcome, code }, 'answer too big for Slack; posted the compact form');
        return { reply, posted };
      } catch (err2) {
        code = slackErrorCode(err2);
      }
    }
    const cannotPost = CANNOT_POST.has(code);
    log[cannotPost ? 'warn' : 'error']({ ...outcome, code, ...logIds({ channel: dest.channel }) }, 'could not post the answer');
    await tellSafely(dest, cannotPost && dest.channel ? T.notInChannel[lang](dest.channel) : T.failed[lang], log);
    return undefined;
  }
}

/**
 * Tells one user something in a conversation: an ephemeral message there, or, when Samen
 * cannot post there, a direct message.
 */
export async function tellUser(
  client: WebClient,
  where: { channel: string; user?: string; threadTs?: string },
  text: string,
): Promise<void> {
  if (!where.user) return;
  try {
    await client.chat.postEphemeral({ channel: where.channel, user: where.user, text, thread_ts: where.threadTs });
  } catch {
    await client.chat.postMessage({ channel: where.user, text });
  }
}

/** Options for every message Samen posts: links in sources are not unfurled into previews. */
export const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;
