/**
 * How a Slack conversation shows a model-written answer on its way: the model takes seconds,
 * so the user sees at once that Samen is on it, and where Slack streams, the answer's text as
 * it is written. An extractive answer takes milliseconds and is posted as one message: the
 * conversation layer sends no progress for it (src/conversation/ask.ts).
 *
 * - In a thread (a mention, a follow-up, the assistant panel): the thread's status ("is
 *   thinking…", assistant.threads.setStatus, which Slack allows in channel threads too), then
 *   Slack's own streaming (chat.startStream / appendStream / stopStream, through the Web API
 *   client's ChatStreamer, as Bolt's sayStream builds it): each point as soon as the model has
 *   written it and it passed verification, without citation markers. When the answer is done the
 *   stream stops and the message becomes the whole answer (chat.update): its [n] markers,
 *   sources and feedback buttons, exactly as it would have been posted.
 * - Elsewhere (a direct message outside a thread, /samen): a short "looking it up…" message
 *   that the answer then replaces (chat.update, or the command's response_url).
 */
import type { webApi } from '@slack/bolt';
import type { Language } from '../../shared/reply.js';
import { texts } from '../../conversation/texts/index.js';
import { renderSaid, type SlackMessage } from './render.js';
import { SLACK_TEXTS as T } from './texts.js';

type WebClient = webApi.WebClient;
type ChatStreamer = ReturnType<WebClient['chatStream']>;

export interface Progress {
  /** Shows at once that Samen is writing the answer. */
  start(language: Language): Promise<void>;
  /** The next verified point of the answer, as plain text (shown where Slack streams). */
  point(text: string): Promise<void>;
  /**
   * Puts the final message where the progress is. Resolves to Slack's answer, or to undefined
   * when no message shows the progress (the caller then posts as usual).
   */
  finish(message: SlackMessage): Promise<unknown>;
}

/**
 * Each point is appended as it comes, not buffered: a point is already a sentence or two, and
 * there are at most a handful, well within chat.appendStream's rate limit.
 */
const STREAM_BUFFER = 1;

/** A point as a markdown list item. Markdown would read * _ ` [ as formatting, which the model's plain text does not mean. */
const listItem = (text: string) => `- ${text.replace(/([\\*_`[\]~<>])/g, '\\$1')}\n`;

/**
 * The status, then the answer streamed into the thread. `status` is absent where it is
 * already set (the assistant panel sets it for every message).
 */
export function streamInThread(options: {
  client: WebClient;
  channel: string;
  status?: (text: string) => Promise<unknown>;
  /** A new ChatStreamer for the thread (Bolt's sayStream: channel, thread, recipient team and user). */
  stream: (options: { buffer_size: number }) => ChatStreamer;
}): Progress {
  let streamer: ChatStreamer | undefined;
  let broken = false;
  let stopped = false;
  return {
    async start(language) {
      await options.status?.(T.thinking[language]);
    },
    async point(text) {
      if (broken) return;
      streamer ??= options.stream({ buffer_size: STREAM_BUFFER });
      try {
        await streamer.append({ markdown_text: listItem(text) });
      } catch (err) {
        // Not streamed here (streaming switched off, the stream expired): the answer is posted or put in place at the end.
        broken = true;
        throw err;
      }
    },
    async finish(message) {
      const ts = streamer?.ts;
      if (!streamer || !ts) return undefined;
      if (!stopped) {
        stopped = true;
        await streamer.stop().catch(() => undefined);
      }
      return options.client.chat.update({ channel: options.channel, ts, ...message });
    },
  };
}

/** A "looking it up…" message that the answer replaces. `post` posts where the answer belongs and resolves to Slack's answer. */
export function placeholderMessage(options: {
  client: WebClient;
  post: (message: SlackMessage) => Promise<unknown>;
}): Progress {
  let placeholder: { channel: string; ts: string } | undefined;
  return {
    async start(language) {
      const posted = (await options.post(renderSaid(texts(language).writing))) as { channel?: string; ts?: string } | undefined;
      if (posted?.channel && posted.ts) placeholder = { channel: posted.channel, ts: posted.ts };
    },
    async point() {},
    async finish(message) {
      if (!placeholder) return undefined;
      return options.client.chat.update({ ...placeholder, ...message });
    },
  };
}

/** The same through a command's response_url: a "looking it up…" message for the user alone, replaced by the answer. */
export function placeholderResponse(respond: (message: Record<string, unknown>) => Promise<unknown>): Progress {
  let shown = false;
  return {
    async start(language) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...renderSaid(texts(language).writing) });
      shown = true;
    },
    async point() {},
    async finish(message) {
      if (!shown) return undefined;
      return (await respond({ response_type: 'ephemeral', replace_original: true, ...message })) ?? {};
    },
  };
}
