/**
 * How Teams shows a model-written answer on its way (the model takes seconds; an extractive
 * answer is posted at once and has none of this: src/conversation/ask.ts sends no progress).
 *
 * In a personal chat, Teams' streaming protocol ("Stream bot messages", learn.microsoft.com):
 * an informative update at once (a typing activity with a streaminfo entity, streamType
 * informative, streamSequence 1; Teams answers with the stream's id), then the answer's text as
 * it is written (typing activities, streamType streaming, the text so far each time, the
 * sequence counting up, the streamId), then the final message (type message, streamType final,
 * the streamId) with its [n] citations, the AI label, the card and the feedback loop, which
 * only a final message may carry. Teams takes one streaming request a second: updates wait
 * for their turn, and one update carries every point written meanwhile.
 *
 * Group chats and channels cannot stream: a typing indicator at once, then the final message.
 */
import type { Activity } from 'botbuilder';
import type { AskProgress } from '../../conversation/ask.js';
import { texts } from '../../conversation/texts/index.js';
import { escapeText, teamsMarkdown, type TeamsMessage } from './render.js';

/** Teams accepts one streaming request a second in a conversation ("Stream bot messages": throttling). */
export const STREAM_INTERVAL_MS = 1000;

/** Sends an activity into the conversation; resolves to the id Teams gave it. */
export type SendActivity = (activity: Partial<Activity>) => Promise<string | undefined>;

export interface LiveAnswer {
  /** The conversation layer's progress (src/conversation/ask.ts); never throws. */
  progress(event: AskProgress): void;
  /** Sends the final message; resolves to its id, or to undefined when the caller is to post it as usual. */
  finish(message: TeamsMessage): Promise<string | undefined>;
}

type StreamType = 'informative' | 'streaming' | 'final';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Teams' streaming in a personal chat. */
export class TeamsStream implements LiveAnswer {
  private streamId: string | undefined;
  private sequence = 0;
  private text = '';
  /** Updates go out one after another, each in its turn. */
  private queue: Promise<void> = Promise.resolve();
  private updateQueued = false;
  private lastSent = 0;
  /** A request failed (the user stopped the stream, the stream timed out): no more updates; the answer is posted as usual. */
  private broken = false;

  constructor(
    private readonly send: SendActivity,
    private readonly onError: (err: unknown) => void,
    private readonly intervalMs = STREAM_INTERVAL_MS,
  ) {}

  progress(event: AskProgress): void {
    if (event.kind === 'writing') {
      const informative = teamsMarkdown(texts(event.language).writing);
      this.enqueue(() => this.update('informative', informative));
      return;
    }
    // Each update holds the text so far; the points already sent stay as they were.
    this.text += `${this.text ? '\n' : ''}- ${escapeText(event.text)}`;
    if (this.updateQueued) return;
    this.updateQueued = true;
    this.enqueue(() => {
      this.updateQueued = false;
      return this.update('streaming', this.text);
    });
  }

  async finish(message: TeamsMessage): Promise<string | undefined> {
    await this.queue;
    if (this.broken || !this.streamId) return undefined;
    await this.turn();
    const final = { ...message, entities: [this.info('final'), ...(message.entities ?? [])] } as Partial<Activity>;
    return this.send(final);
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      if (this.broken) return;
      try {
        await work();
      } catch (err) {
        this.broken = true;
        this.onError(err);
      }
    });
  }

  /** Waits until a second has passed since the previous streaming request. */
  private async turn(): Promise<void> {
    const wait = this.lastSent + this.intervalMs - Date.now();
    if (wait > 0) await sleep(wait);
    this.lastSent = Date.now();
  }

  /** The streaminfo entity of the next request: a final message has no sequence number. */
  private info(type: StreamType) {
    if (type !== 'final') this.sequence += 1;
    return {
      type: 'streaminfo',
      streamType: type,
      ...(type === 'final' ? {} : { streamSequence: this.sequence }),
      ...(this.streamId ? { streamId: this.streamId } : {}),
    };
  }

  private async update(type: 'informative' | 'streaming', text: string): Promise<void> {
    if (type === 'streaming' && !this.streamId) return;
    await this.turn();
    const id = await this.send({ type: 'typing', text, entities: [this.info(type)] } as Partial<Activity>);
    this.streamId ??= id;
  }
}

/** A group chat or channel: a typing indicator once a model writes the answer; the final message is posted as usual. */
export function typingIndicator(send: SendActivity, onError: (err: unknown) => void): LiveAnswer {
  return {
    progress(event) {
      if (event.kind === 'writing') send({ type: 'typing' } as Partial<Activity>).catch(onError);
    },
    async finish() {
      return undefined;
    },
  };
}
