/**
 * A fake OpenAI-compatible server on loopback for tests: POST /v1/chat/completions and
 * POST /v1/embeddings, answered by a per-test script (one handler per request, in order,
 * then the default). Every request is recorded, so tests can assert on what left Samen.
 * A request with `stream: true` gets the same completion as OpenAI streams it (server-sent
 * chunks: the tool call's arguments or the content piece by piece, then [DONE]).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
  /** The raw request body, for "did this string leave the process" assertions. */
  raw: string;
}

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer (until the server closes). */
  hang?: boolean;
  /** Answer only once this settles (the test decides when the model is done thinking). */
  gate?: Promise<unknown>;
  /** Streamed: after this many characters of the arguments (or content), wait until `until` settles. */
  pause?: { afterChars: number; until: Promise<unknown> };
}

export type Handler = (req: RecordedRequest) => FakeResponse;

export interface FakeOpenAI {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Handlers for the next requests, in order. */
  script(...handlers: Handler[]): void;
  setDefault(handler: Handler): void;
  close(): Promise<void>;
}

let counter = 0;

/** A chat completion whose answer is a tool call (what withStructuredOutput's functionCalling expects). */
export function toolCall(args: unknown, name = 'samen_answer'): FakeResponse {
  counter += 1;
  return {
    body: {
      id: `chatcmpl-${counter}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: 'fake-model',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: `call_${counter}`, type: 'function', function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) } }],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
    },
  };
}

/** A chat completion with plain text content. */
export function content(text: string): FakeResponse {
  counter += 1;
  return {
    body: {
      id: `chatcmpl-${counter}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: 'fake-model',
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
    },
  };
}

export function status(code: number, message = 'error', headers: Record<string, string> = {}): FakeResponse {
  return { status: code, headers, body: { error: { message, type: code === 429 ? 'rate_limit_exceeded' : 'server_error', code: null } } };
}

function embeddings(req: RecordedRequest): FakeResponse {
  const input: string[] = Array.isArray(req.body?.input) ? req.body.input : [req.body?.input ?? ''];
  return {
    body: {
      object: 'list',
      model: req.body?.model ?? 'fake-embedding',
      data: input.map((text, index) => {
        const v = Array.from({ length: 8 }, (_, i) => ((String(text).charCodeAt(i % Math.max(1, String(text).length)) || 1) % 17) / 17);
        return { object: 'embedding', index, embedding: v };
      }),
      usage: { prompt_tokens: 1, total_tokens: 1 },
    },
  };
}

/** Pieces of this many characters: a point's text arrives over several chunks, as a model's does. */
const STREAM_PIECE = 24;

/** A chat completion as OpenAI streams it: chat.completion.chunk events, the text in pieces, then [DONE]. */
async function streamCompletion(res: import('node:http').ServerResponse, response: FakeResponse): Promise<void> {
  const completion = response.body as any;
  const choice = completion?.choices?.[0];
  const call = choice?.message?.tool_calls?.[0];
  const text: string = call ? call.function.arguments : String(choice?.message?.content ?? '');
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: completion?.id, object: 'chat.completion.chunk', created: completion?.created, model: completion?.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const piece = (part: string, first: boolean) =>
    call
      ? chunk({ ...(first ? { role: 'assistant', content: null } : {}), tool_calls: [{ index: 0, ...(first ? { id: call.id, type: 'function' } : {}), function: { ...(first ? { name: call.function.name } : {}), arguments: part } }] })
      : chunk({ ...(first ? { role: 'assistant' } : {}), content: part });
  res.writeHead(200, { 'content-type': 'text/event-stream', ...response.headers });
  let first = true;
  for (let at = 0; at < text.length || first; at += STREAM_PIECE) {
    const pause = response.pause;
    if (pause && at >= pause.afterChars && at - STREAM_PIECE < pause.afterChars) await pause.until.catch(() => undefined);
    if (res.destroyed) return;
    res.write(piece(text.slice(at, at + STREAM_PIECE), first));
    first = false;
  }
  res.write(chunk({}, choice?.finish_reason ?? 'stop'));
  res.end('data: [DONE]\n\n');
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const queue: Handler[] = [];
  let fallback: Handler = () => status(500, 'no scripted response');
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      let body: any;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      const path = (req.url ?? '').replace(/\?.*$/, '');
      const recorded = { path, headers: req.headers, body, raw };
      requests.push(recorded);
      let response: FakeResponse;
      if (req.method === 'POST' && path.endsWith('/embeddings')) response = embeddings(recorded);
      else if (req.method === 'POST' && path.endsWith('/chat/completions')) response = (queue.shift() ?? fallback)(recorded);
      else response = status(404, 'not found');
      if (response.hang) return;
      const send = () => {
        if (res.destroyed) return;
        if (body?.stream === true && (response.status ?? 200) === 200) return void streamCompletion(res, response);
        res.writeHead(response.status ?? 200, { 'content-type': 'application/json', ...response.headers });
        res.end(JSON.stringify(response.body ?? {}));
      };
      const start = () => (response.delayMs ? setTimeout(send, response.delayMs) : send());
      if (response.gate) void response.gate.then(start, start);
      else start();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...handlers) => queue.push(...handlers),
    setDefault: (h) => (fallback = h),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The text of all messages of a chat request. */
export function promptText(req: RecordedRequest): string {
  return (req.body?.messages ?? []).map((m: { content?: unknown }) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n');
}

/** Whether a recorded request asks for the structured answer (it offers the answer tool), not for a condensed question. */
export const isAnswerRequest = (r: RecordedRequest): boolean => Array.isArray(r.body?.tools);

/** A promise the test settles when it has seen what it waits for: the fake model goes on only then. */
export function latch(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
