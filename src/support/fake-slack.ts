/**
 * A fake Slack on loopback, for tests and the benchmark: the Web API (`/api/<method>`),
 * response_url endpoints (`/response/<id>`) and a Socket Mode WebSocket server
 * (`/socket`). It records every call, answers like Slack (ok, ts, channel, …), enforces
 * Slack's message limits the way Slack does (invalid_blocks, msg_too_long,
 * msg_blocks_too_long), and can be scripted to answer a method once with a rate limit
 * (429 + Retry-After) or an error. Posted messages make up each channel's history
 * (conversations.history, with their metadata only when include_all_metadata is set).
 * Streaming (chat.startStream, appendStream, stopStream) keeps each streamed message's text and
 * state as Slack does: a reply in a thread, to a named user outside a direct message, appended
 * to only while it streams, updated with chat.update only once it stopped.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface ApiCall {
  method: string;
  /** The arguments as Slack received them (form fields; JSON fields like blocks parsed). */
  args: Record<string, any>;
  /** The raw form values (blocks still a JSON string). */
  raw: Record<string, string>;
  token?: string;
  /** What the fake answered. */
  status: number;
  response: Record<string, unknown>;
  at: number;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, any>;
  status: number;
  error?: string;
  at: number;
}

export type Scripted =
  | { rateLimit: number }
  | { error: string; status?: number }
  | { response: Record<string, unknown> };

/** A message in a channel's history, as conversations.history returns it. */
export interface ChannelMessage {
  ts: string;
  text?: string;
  bot_id?: string;
  user?: string;
  metadata?: { event_type: string; event_payload?: Record<string, unknown> };
}

export interface SocketEnvelope {
  envelope_id: string;
  type: string;
  payload: unknown;
  accepts_response_payload?: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

/** Fields the Web API client sends JSON-encoded inside a form. */
const JSON_FIELDS = ['blocks', 'attachments', 'view', 'prompts', 'metadata', 'chunks'];

/** A message streamed with chat.startStream / appendStream / stopStream. */
export interface StreamedMessage {
  channel: string;
  ts: string;
  thread_ts: string;
  /** The markdown text as streamed so far. */
  text: string;
  state: 'streaming' | 'stopped';
}

/** Slack's limit on markdown_text, each call. */
const MAX_MARKDOWN = 12_000;

export const FAKE_TEAM = { team_id: 'T0FAKE', user_id: 'U0SAMEN', bot_id: 'B0SAMEN', app_id: 'A0SAMEN' };

/** Checks blocks the way Slack does; the first problem as Slack's error code, or undefined. */
export function slackBlockProblem(blocks: unknown, kind: 'message' | 'modal' | 'home' = 'message'): string | undefined {
  if (!Array.isArray(blocks)) return 'invalid_blocks';
  if (blocks.length > (kind === 'message' ? 50 : 100)) return 'invalid_blocks';
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  let total = 0;
  const text = (t: any, max: number, required = true): boolean => {
    if (t === undefined) return !required;
    if (!t || typeof t.text !== 'string' || t.text.length === 0 || t.text.length > max) return false;
    total += t.text.length;
    return true;
  };
  const element = (e: any): boolean => {
    if (!e || typeof e !== 'object') return false;
    if (e.action_id !== undefined) {
      if (typeof e.action_id !== 'string' || e.action_id.length > 255 || actionIds.has(e.action_id)) return false;
      actionIds.add(e.action_id);
    }
    if (e.type === 'button') {
      if (e.text?.type !== 'plain_text' || !text(e.text, 75)) return false;
      if (e.value !== undefined && (typeof e.value !== 'string' || e.value.length > 2000)) return false;
      if (typeof e.value === 'string') total += e.value.length;
    }
    return true;
  };
  for (const b of blocks) {
    if (!b || typeof b !== 'object' || typeof b.type !== 'string') return 'invalid_blocks';
    if (b.block_id !== undefined) {
      if (blockIds.has(b.block_id)) return 'invalid_blocks';
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'header':
        if (b.text?.type !== 'plain_text' || !text(b.text, 150)) return 'invalid_blocks';
        break;
      case 'section':
        if (!text(b.text, 3000, b.fields === undefined)) return 'invalid_blocks';
        if (b.accessory !== undefined && !element(b.accessory)) return 'invalid_blocks';
        break;
      case 'context':
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10) return 'invalid_blocks';
        if (!b.elements.every((e: any) => text(e, 3000))) return 'invalid_blocks';
        break;
      case 'actions':
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25) return 'invalid_blocks';
        if (!b.elements.every(element)) return 'invalid_blocks';
        break;
      case 'context_actions': {
        // Slack's feedback buttons (and icon buttons): at most 5, each half with a text, a value and a short label.
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 5) return 'invalid_blocks';
        const half = (x: any) => x && text(x.text, 75) && typeof x.value === 'string' && x.value.length <= 2000 && (x.accessibility_label ?? '').length <= 75;
        const feedback = (e: any) => e?.type === 'feedback_buttons' && half(e.positive_button) && half(e.negative_button);
        if (!b.elements.every((e: any) => feedback(e) || e?.type === 'icon_button')) return 'invalid_blocks';
        break;
      }
      case 'divider':
        break;
      case 'input':
        if (kind === 'message') return 'invalid_blocks';
        if (!text(b.label, 2000) || !element(b.element)) return 'invalid_blocks';
        break;
      default:
        break;
    }
  }
  if (kind === 'message' && total > 12_000) return 'msg_blocks_too_long';
  return undefined;
}

/** Slack's checks on a message (chat.postMessage, chat.postEphemeral, chat.update, response_url). */
export function slackMessageProblem(m: Record<string, any>): string | undefined {
  const hasText = typeof m.text === 'string' && m.text.length > 0;
  if (!hasText && m.blocks === undefined) return 'no_text';
  if (typeof m.text === 'string' && m.text.length > 40_000) return 'msg_too_long';
  if (m.blocks !== undefined) return slackBlockProblem(m.blocks, 'message');
  return undefined;
}

function viewProblem(view: any): string | undefined {
  if (!view || typeof view !== 'object') return 'invalid_arguments';
  if (view.type === 'modal') {
    if (view.title?.type !== 'plain_text' || view.title.text.length > 24) return 'invalid_arguments';
    if (view.close?.text.length > 24) return 'invalid_arguments';
    if (view.submit?.text.length > 24) return 'invalid_arguments';
  }
  return slackBlockProblem(view.blocks, view.type === 'modal' ? 'modal' : 'home');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly acks: Array<{ envelope_id: string; payload?: unknown; at: number }> = [];
  private readonly scripts = new Map<string, Scripted[]>();
  private readonly sockets = new Set<WebSocket>();
  private readonly listeners = new Set<() => void>();
  /** Each channel's top-level messages, oldest first. */
  private readonly history = new Map<string, ChannelMessage[]>();
  private tsCounter = 0;
  /** Streamed messages by ts. */
  readonly streams = new Map<string, StreamedMessage>();
  /** Milliseconds the fake waits before answering each Web API call (latency of the real Slack). */
  latencyMs = 0;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeSlack> {
    const server = createServer();
    const wss = new WebSocketServer({ noServer: true });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const fake = new FakeSlack(server, wss, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => {
      fake.handle(req, res).catch((err) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    });
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket')) return socket.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => fake.accept(ws));
    });
    return fake;
  }

  /** The SLACK_API_URL to give the app. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/response/${id}`;
  }

  /** The next call(s) of method get these answers instead of the normal one, once each. */
  script(method: string, ...answers: Scripted[]): void {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...answers]);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Adds a message to a channel's history as if someone else posted it; returns its ts. */
  addChannelMessage(channel: string, message: Omit<ChannelMessage, 'ts'> = {}): string {
    const ts = this.nextTs();
    this.remember(channel, { ts, user: 'U0OTHER', text: 'another message', ...message });
    return ts;
  }

  private remember(channel: string, message: ChannelMessage): void {
    const messages = this.history.get(channel) ?? [];
    messages.push(message);
    this.history.set(channel, messages);
  }

  responsesTo(id: string): ResponseUrlPost[] {
    return this.responses.filter((r) => r.id === id);
  }

  /** Waits until predicate holds over the recorded traffic; rejects after timeoutMs. */
  async waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 10_000, what = 'Slack traffic'): Promise<T> {
    const found = predicate();
    if (found) return found;
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const r = predicate();
        if (r) {
          cleanup();
          resolve(r);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
    });
  }

  /** Waits for the n-th call to method (1-based). */
  waitForCall(method: string, n = 1, timeoutMs = 10_000): Promise<ApiCall> {
    return this.waitFor(() => this.callsTo(method)[n - 1], timeoutMs, `${method} call #${n}`);
  }

  waitForResponse(id: string, n = 1, timeoutMs = 10_000): Promise<ResponseUrlPost> {
    return this.waitFor(() => this.responsesTo(id)[n - 1], timeoutMs, `response_url post #${n} to ${id}`);
  }

  /** Sleeps a little and confirms nothing more of method arrived (for "answered once"). */
  async settle(ms = 300): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  // ---- Socket Mode ----

  get socketCount(): number {
    return this.sockets.size;
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.notify();
    });
    ws.on('message', (data) => {
      try {
        const msg = JSON.parse(String(data));
        if (typeof msg.envelope_id === 'string') {
          this.acks.push({ envelope_id: msg.envelope_id, payload: msg.payload, at: Date.now() });
          this.notify();
        }
      } catch {
        /* not JSON: ignore, as Slack would */
      }
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        debug_info: { host: 'fake-applink', approximate_connection_time: 3600 },
        connection_info: { app_id: FAKE_TEAM.app_id },
      }),
    );
    this.notify();
  }

  /** Sends an envelope over every open socket; resolves with its acknowledgement. */
  async sendEnvelope(envelope: SocketEnvelope, timeoutMs = 10_000): Promise<{ envelope_id: string; at: number }> {
    await this.waitFor(() => this.sockets.size > 0, timeoutMs, 'a Socket Mode connection');
    for (const ws of this.sockets) ws.send(JSON.stringify(envelope));
    return this.waitFor(() => this.acks.find((a) => a.envelope_id === envelope.envelope_id), timeoutMs, 'the ack');
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const body = await readBody(req);
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));

    if (url.pathname.startsWith('/response/')) {
      const id = url.pathname.slice('/response/'.length);
      let parsed: Record<string, any> = {};
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = { unparsable: body };
      }
      const error = parsed.delete_original ? undefined : slackMessageProblem(parsed);
      const status = error ? 400 : 200;
      this.responses.push({ id, body: parsed, status, error, at: Date.now() });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(error ? { ok: false, error } : { ok: true }));
      this.notify();
      return;
    }

    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const raw: Record<string, string> = {};
    if ((req.headers['content-type'] ?? '').includes('application/json')) {
      for (const [k, v] of Object.entries(JSON.parse(body || '{}'))) raw[k] = typeof v === 'string' ? v : JSON.stringify(v);
    } else {
      for (const [k, v] of new URLSearchParams(body)) raw[k] = v;
    }
    const args: Record<string, any> = { ...raw };
    for (const f of JSON_FIELDS) {
      if (typeof raw[f] === 'string') {
        try {
          args[f] = JSON.parse(raw[f]);
        } catch {
          /* left as sent */
        }
      }
    }
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : raw.token;

    let status = 200;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    let response: Record<string, unknown>;
    const scripted = this.scripts.get(method)?.shift();
    if (scripted && 'rateLimit' in scripted) {
      status = 429;
      headers['retry-after'] = String(scripted.rateLimit);
      response = { ok: false, error: 'ratelimited' };
    } else if (scripted && 'error' in scripted) {
      status = scripted.status ?? 200;
      response = { ok: false, error: scripted.error };
    } else if (scripted) {
      response = scripted.response;
    } else {
      response = this.answer(method, args);
    }
    this.calls.push({ method, args, raw, token, status, response, at: Date.now() });
    res.writeHead(status, headers);
    res.end(JSON.stringify(response));
    this.notify();
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  /** What Slack answers to a valid call. */
  private answer(method: string, args: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake team',
          user: 'samen',
          team_id: FAKE_TEAM.team_id,
          user_id: FAKE_TEAM.user_id,
          bot_id: FAKE_TEAM.bot_id,
        };
      case 'apps.connections.open':
        return { ok: true, url: `${this.url.replace('http', 'ws')}/socket?ticket=fake` };
      case 'chat.startStream':
      case 'chat.appendStream':
      case 'chat.stopStream':
        return this.stream(method, args);
      case 'chat.postMessage':
      case 'chat.update': {
        const streamed = method === 'chat.update' ? this.streams.get(String(args.ts)) : undefined;
        if (streamed?.state === 'streaming') return { ok: false, error: 'cant_update_message' };
        const problem = slackMessageProblem(args);
        if (problem) return { ok: false, error: problem };
        const channel = String(args.channel ?? '');
        if (!channel) return { ok: false, error: 'channel_not_found' };
        // A user id as channel posts in the app's direct message with that user.
        const resolved = channel.startsWith('U') ? `D${channel.slice(1)}` : channel;
        const ts = method === 'chat.update' ? String(args.ts) : this.nextTs();
        // Thread replies are not in the channel's history (conversations.replies has them).
        if (method === 'chat.postMessage' && !args.thread_ts) {
          this.remember(resolved, { ts, text: args.text, bot_id: FAKE_TEAM.bot_id, ...(args.metadata ? { metadata: args.metadata } : {}) });
        }
        return { ok: true, channel: resolved, ts, message: { text: args.text, ts, thread_ts: args.thread_ts } };
      }
      case 'chat.postEphemeral': {
        const problem = slackMessageProblem(args);
        return problem ? { ok: false, error: problem } : { ok: true, message_ts: this.nextTs() };
      }
      case 'views.open':
      case 'views.publish':
      case 'views.update': {
        const problem = viewProblem(args.view);
        return problem ? { ok: false, error: problem } : { ok: true, view: { id: `V${this.calls.length}`, ...args.view } };
      }
      case 'conversations.replies':
        return { ok: true, messages: [], has_more: false };
      case 'conversations.history':
        return this.channelHistory(args);
      default:
        return { ok: true };
    }
  }

  /**
   * Slack's streaming: startStream opens a reply in a thread (outside a direct message only for a
   * named recipient and team), appendStream adds to it while it streams, stopStream ends it; text
   * comes as markdown_text or markdown_text chunks, at most 12,000 characters a call.
   */
  private stream(method: string, args: Record<string, any>): Record<string, unknown> {
    const chunks: unknown = args.chunks;
    if (chunks !== undefined && (!Array.isArray(chunks) || !chunks.every((c) => c?.type === 'markdown_text' && typeof c.text === 'string'))) {
      return { ok: false, error: 'invalid_chunks' };
    }
    const text = `${args.markdown_text ?? ''}${((chunks as Array<{ text: string }> | undefined) ?? []).map((c) => c.text).join('')}`;
    if (text.length > MAX_MARKDOWN) return { ok: false, error: 'msg_too_long' };
    const channel = String(args.channel ?? '');
    if (!channel) return { ok: false, error: 'channel_not_found' };
    if (method === 'chat.startStream') {
      if (!args.thread_ts) return { ok: false, error: 'invalid_arguments' };
      if (!channel.startsWith('D') && (!args.recipient_user_id || !args.recipient_team_id)) return { ok: false, error: 'invalid_arguments' };
      // Either markdown_text or chunks is required.
      if (chunks === undefined && args.markdown_text === undefined) return { ok: false, error: 'invalid_arguments' };
      const ts = this.nextTs();
      this.streams.set(ts, { channel, ts, thread_ts: String(args.thread_ts), text, state: 'streaming' });
      return { ok: true, channel, ts };
    }
    const streamed = this.streams.get(String(args.ts));
    if (!streamed || streamed.channel !== channel) return { ok: false, error: 'message_not_found' };
    if (streamed.state !== 'streaming') return { ok: false, error: 'message_not_in_streaming_state' };
    if (method === 'chat.appendStream' && text === '') return { ok: false, error: 'invalid_arguments' };
    if (method === 'chat.stopStream' && args.blocks !== undefined) {
      const problem = slackBlockProblem(args.blocks, 'message');
      if (problem) return { ok: false, error: problem };
    }
    streamed.text += text;
    if (method === 'chat.stopStream') streamed.state = 'stopped';
    return { ok: true, channel, ts: streamed.ts };
  }

  /** conversations.history: newest first, oldest/latest (exclusive unless inclusive), cursor pages. */
  private channelHistory(args: Record<string, any>): Record<string, unknown> {
    const channel = String(args.channel ?? '');
    if (!channel) return { ok: false, error: 'channel_not_found' };
    const inclusive = String(args.inclusive) === 'true';
    const oldest = args.oldest === undefined ? -Infinity : Number(args.oldest);
    const latest = args.latest === undefined ? Infinity : Number(args.latest);
    const inRange = (ts: number) => (inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest);
    const withMetadata = String(args.include_all_metadata) === 'true';
    const all = (this.history.get(channel) ?? []).filter((m) => inRange(Number(m.ts))).reverse();
    const limit = Math.min(Number(args.limit ?? 100) || 100, 999);
    const start = args.cursor ? Number(Buffer.from(String(args.cursor), 'base64').toString('utf8')) : 0;
    const page = all.slice(start, start + limit).map(({ metadata, ...m }) => ({
      type: 'message',
      ...m,
      ...(withMetadata && metadata ? { metadata } : {}),
    }));
    const hasMore = start + limit < all.length;
    return {
      ok: true,
      messages: page,
      has_more: hasMore,
      response_metadata: { next_cursor: hasMore ? Buffer.from(String(start + limit)).toString('base64') : '' },
    };
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
