/**
 * A fake Bot Connector service on loopback: the serviceUrl of the activities the tests post.
 * It records what the bot sends (POST /v3/conversations/:id/activities, replies at
 * /v3/conversations/:id/activities/:activityId, PUT updates) and answers {id} as Teams does.
 * Streamed messages (a streaminfo entity) are held to Teams' rules: a stream starts with an
 * informative or streaming typing activity (its id is the streamId), each later one names the
 * stream, counts streamSequence up and holds the text so far, the final one is a message, and
 * after it the stream takes nothing more; anything else is refused with 400.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  /** send: a new message in the conversation; reply: into a reply chain; update: PUT. */
  kind: 'send' | 'reply' | 'update';
  conversationId: string;
  /** The activity replied to or updated. */
  activityId?: string;
  /** The id the fake gave this activity. */
  id: string;
  authorization?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  activity: any;
}

 interface StreamInfo {
  type: 'streaminfo';
  streamType?: string;
  streamSequence?: number;
  streamId?: string;
}

interface Stream {
  sequence: number;
  text: string;
  ended: boolean;
}

/** Teams' limit on an informative update's text. */
const MAX_INFORMATIVE = 1000;

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

export class FakeConnector {
  readonly recorded: Recorded[] = [];
  /** Requests the fake did not understand (should stay empty). */
  readonly unknown: Array<{ method: string; url: string }> = [];
  private readonly failures: Array<{ status: number; headers?: Record<string, string> }> = [];
  private waiters: Array<() => void> = [];
  /** Streams by streamId. */
  private readonly streams = new Map<string, Stream>();
  /** Streaming requests refused, with why (should stay empty). */
  readonly refused: Array<{ reason: string; activity: unknown }> = [];
  private next = 1;

  private constructor(
    private readonly server: Server,
    readonly serviceUrl: string,
  ) {}

  static async start(): Promise<FakeConnector> {
    let fake!: FakeConnector;
    const server = createServer((req, res) => {
      void fake.handle(req).then(({ status, body, headers }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    // Teams' serviceUrls end with a slash (https://smba.trafficmanager.net/emea/).
    fake = new FakeConnector(server, `http://127.0.0.1:${port}/teams/`);
    return fake;
  }

  /** The next n requests fail with this status (and headers, e.g. Retry-After). */
  failNext(status: number, times = 1, headers?: Record<string, string>): void {
    for (let i = 0; i < times; i += 1) this.failures.push({ status, headers });
  }

  /** Resolves with the first recorded activity that matches, waiting up to ms. */
  async waitFor(match: (r: Recorded) => boolean, ms = 5000): Promise<Recorded> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.recorded.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No matching activity within ${ms} ms; recorded: ${this.recorded.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Activities sent into one conversation (with or without the ;messageid= suffix). */
  inConversation(conversationId: string): Recorded[] {
    return this.recorded.filter((r) => r.conversationId === conversationId);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Why Teams would refuse this streaming activity, or undefined (also for one that does not stream); records the stream. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private streamProblem(activity: any, id: string): string | undefined {
    const info: StreamInfo | undefined = (activity.entities ?? []).find((e: StreamInfo) => e?.type === 'streaminfo');
    if (!info) return undefined;
    const text = typeof activity.text === 'string' ? activity.text : '';
    if (info.streamType === 'final') {
      const stream = info.streamId ? this.streams.get(info.streamId) : undefined;
      if (activity.type !== 'message') return 'a final stream message must be a message';
      if (!stream) return 'final: unknown streamId';
      if (stream.ended) return 'the stream has ended';
      stream.ended = true;
      return undefined;
    }
    if (info.streamType !== 'informative' && info.streamType !== 'streaming') return `unknown streamType ${String(info.streamType)}`;
    if (activity.type !== 'typing') return 'informative and streaming updates are typing activities';
    if (!Number.isInteger(info.streamSequence) || (info.streamSequence ?? 0) < 1) return 'streamSequence must be a whole number from 1';
    if (text === '') return 'a streaming update needs text';
    if (info.streamType === 'informative' && text.length > MAX_INFORMATIVE) return 'an informative update holds at most 1000 characters';
    if (!info.streamId) {
      if (info.streamSequence !== 1) return 'a stream starts at streamSequence 1';
      this.streams.set(id, { sequence: 1, text: info.streamType === 'streaming' ? text : '', ended: false });
      return undefined;
    }
    const stream = this.streams.get(info.streamId);
    if (!stream) return 'unknown streamId';
    if (stream.ended) return 'the stream has ended';
    if ((info.streamSequence ?? 0) <= stream.sequence) return 'streamSequence must count up';
    if (info.streamType === 'streaming') {
      if (!text.startsWith(stream.text)) return 'a streaming update must hold the text streamed before';
      stream.text = text;
    }
    stream.sequence = info.streamSequence ?? stream.sequence;
    return undefined;
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '').split('?')[0].replace(/^\/teams/, '').replace(/\/{2,}/g, '/');
    const route = ROUTE.exec(path);
    if (!route || (req.method !== 'POST' && req.method !== 'PUT')) {
      this.unknown.push({ method: req.method ?? '', url: req.url ?? '' });
      return { status: 404, body: { error: { code: 'NotFound', message: 'not a route of the fake connector' } } };
    }
    const failure = this.failures.shift();
    if (failure) return { status: failure.status, body: { error: { code: 'Throttled', message: 'fake failure' } }, headers: failure.headers };

    const conversationId = decodeURIComponent(route[1]);
    const activityId = route[2] === undefined ? undefined : decodeURIComponent(route[2]);
    const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    const id = req.method === 'PUT' ? activityId! : `1700000${String(this.next++).padStart(6, '0')}`;
    const problem = this.streamProblem(activity, id);
    if (problem) {
      this.refused.push({ reason: problem, activity });
      return { status: 400, body: { error: { code: 'BadArgument', message: problem } } };
    }
    this.recorded.push({
      method: req.method,
      kind: req.method === 'PUT' ? 'update' : activityId ? 'reply' : 'send',
      conversationId,
      activityId,
      id,
      authorization: req.headers.authorization,
      activity,
    });
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
    return { status: req.method === 'PUT' ? 200 : 201, body: { id } };
  }
}
