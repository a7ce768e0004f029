// npm run bench:slack [-- --events 2000 --concurrency 50 --max-seconds 60]
//
// Slack's side and Samen's side in two processes, as in production:
//  - this process runs the Samen server (Slack in HTTP mode on loopback, the real Bolt app
//    and the real engine);
//  - a child process plays Slack: the test suite's fake Slack Web API (where the answers
//    arrive) and a load generator that fires a bounded burst of signed app_mention events
//    at /slack/events with a fixed number in flight.
// Reports acknowledgement latency (request sent → HTTP response complete) p50/p90/p99/max,
// acknowledgement throughput, answer throughput and the server's peak memory. Exits 1 when
// p99 is 100 ms or more, or when any request or answer failed.
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { QuestionGuard } from '../answer/guard.js';

/** The bench measures the server, not the question guard's rate limits. */
const UNLIMITED = new QuestionGuard({
  perUser: { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 },
  perChannel: { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 },
});

const FLOOR_P99_MS = 100;
const SECRET = 'bench-signing-secret-0123456789abcdef';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}
const EVENTS = arg('events', 2000);
const CONCURRENCY = arg('concurrency', 50);
const MAX_SECONDS = arg('max-seconds', 60);

type ToParent =
  | { type: 'ready'; apiUrl: string }
  | { type: 'burst'; phase: 'start' | 'end' }
  | { type: 'result'; result: Result };
type ToChild = { type: 'target'; url: string };

interface Result {
  sent: number;
  ok: number;
  failed: number;
  latencies: { p50: number; p90: number; p99: number; max: number };
  ackSeconds: number;
  answered: number;
  answerSeconds: number;
  rejected: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// ---------------------------------------------------------------- Slack's side (child)

async function slackSide(): Promise<void> {
  const { FakeSlack, FAKE_TEAM } = await import('../../tests/helpers/fake-slack.js');
  const { signSlackRequest } = await import('../channels/slack/signature.js');
  const { MESSAGES } = await import('../answer/messages.js');
  const send = (m: ToParent) => process.send?.(m);

  const QUESTIONS = [
    ...MESSAGES.examples.nl,
    ...MESSAGES.examples.en,
    'Wat helpt bij samenwerking tussen jeugdzorg en onderwijs?',
    'Welke rol speelt privacywetgeving bij het delen van informatie?',
    'How do you build trust between professionals?',
    'Wat zijn de effecten van integrale samenwerking?',
    'How do I bake bread?',
  ];
  const eventBody = (i: number) => {
    const ts = `${1_700_000_000 + i}.${String(i % 1_000_000).padStart(6, '0')}`;
    return JSON.stringify({
      token: 'legacy',
      team_id: FAKE_TEAM.team_id,
      api_app_id: FAKE_TEAM.app_id,
      type: 'event_callback',
      event_id: `EvBENCH${i}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: FAKE_TEAM.team_id, user_id: FAKE_TEAM.user_id, is_bot: true }],
      event: {
        type: 'app_mention',
        user: `U0BENCH${i % 97}`,
        text: `<@${FAKE_TEAM.user_id}> ${QUESTIONS[i % QUESTIONS.length]}`,
        ts,
        event_ts: ts,
        channel: `C0BENCH${i % 13}`,
      },
    });
  };

  const fake = await FakeSlack.start();
  send({ type: 'ready', apiUrl: fake.apiUrl });
  const target = await new Promise<URL>((resolve) =>
    process.once('message', (m: ToChild) => resolve(new URL(m.url))),
  );
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

  const post = (i: number) =>
    new Promise<{ status: number; ms: number }>((resolve, reject) => {
      const body = eventBody(i);
      const headers = {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        ...signSlackRequest(SECRET, body),
      };
      const started = performance.now();
      const req = request(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers, agent },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const burst = async (from: number, count: number, deadline: number) => {
    const latencies: number[] = [];
    let failed = 0;
    let next = from;
    const worker = async () => {
      while (next < from + count && performance.now() < deadline) {
        const i = next;
        next += 1;
        try {
          const r = await post(i);
          if (r.status === 200) latencies.push(r.ms);
          else failed += 1;
        } catch {
          failed += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return { latencies, failed, sent: next - from };
  };
  const answered = () => fake.callsTo('chat.postMessage').filter((c) => c.response.ok === true).length;

  // Warm-up (JIT, connections), not measured; then let its answers drain.
  const warm = Math.min(200, EVENTS);
  await burst(1_000_000, warm, performance.now() + 30_000);
  await fake.waitFor(() => answered() >= warm, 60_000, 'warm-up answers');
  const before = answered();

  send({ type: 'burst', phase: 'start' });
  const started = performance.now();
  const { latencies, failed, sent } = await burst(0, EVENTS, started + MAX_SECONDS * 1000);
  const ackSeconds = (performance.now() - started) / 1000;
  send({ type: 'burst', phase: 'end' });
  await fake.waitFor(() => answered() - before >= latencies.length, MAX_SECONDS * 1000, 'answers').catch(() => {});
  const answerSeconds = (performance.now() - started) / 1000;

  const sorted = [...latencies].sort((a, b) => a - b);
  send({
    type: 'result',
    result: {
      sent,
      ok: latencies.length,
      failed,
      latencies: {
        p50: percentile(sorted, 50),
        p90: percentile(sorted, 90),
        p99: percentile(sorted, 99),
        max: sorted.at(-1) ?? NaN,
      },
      ackSeconds,
      answered: answered() - before,
      answerSeconds,
      rejected: fake.calls.filter((c) => c.response.ok === false).length,
    },
  });
  agent.destroy();
  await fake.close();
}

// ---------------------------------------------------------------- Samen's side (parent)

async function samenSide(): Promise<number> {
  const { createEngine } = await import('../answer/engine.js');
  const { parseConfig } = await import('../config.js');
  const { coreFor } = await import('../server/core.js');
  const { startServer } = await import('../server/index.js');

  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--slack-side', ...process.argv.slice(2)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: ToParent[] = [];
  const waiters: Array<() => void> = [];
  child.on('message', (m: ToParent) => {
    messages.push(m);
    for (const w of waiters.splice(0)) w();
  });
  const next = <T extends ToParent['type']>(type: T) =>
    new Promise<Extract<ToParent, { type: T }>>((resolve, reject) => {
      const check = () => {
        const i = messages.findIndex((m) => m.type === type);
        if (i >= 0) return resolve(messages.splice(i, 1)[0] as Extract<ToParent, { type: T }>);
        waiters.push(check);
      };
      child.once('exit', (code) => reject(new Error(`Slack's side exited (${code})`)));
      check();
    });

  const { apiUrl } = await next('ready');
  const engine = createEngine({ log: (m) => process.stderr.write(`${m}\n`) });
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: apiUrl,
  });
  const server = await startServer(config, { core: coreFor(engine, 'nl', UNLIMITED), logger: pino({ level: 'warn' }) });
  try {
    child.send({ type: 'target', url: `${server.url}/slack/events` } satisfies ToChild);
    await next('burst');
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const { result: r } = await next('result');
    clearInterval(sampler);

    const f = (n: number) => n.toFixed(1);
    console.log(`Slack HTTP acknowledgement benchmark: ${r.sent} signed app_mention events, ${CONCURRENCY} concurrent`);
    console.log(`  acks:     ${r.ok} × 200, ${r.failed} failed`);
    console.log(
      `  latency:  p50 ${f(r.latencies.p50)} ms, p90 ${f(r.latencies.p90)} ms, p99 ${f(r.latencies.p99)} ms, max ${f(r.latencies.max)} ms`,
    );
    console.log(`  acks/s:   ${f(r.ok / r.ackSeconds)} (burst took ${f(r.ackSeconds)} s)`);
    console.log(
      `  answers:  ${r.answered} posted, ${f(r.answered / r.answerSeconds)}/s (all posted ${f(r.answerSeconds)} s after the burst began); ${r.rejected} rejected by Slack`,
    );
    console.log(`  memory:   server peak RSS ${f(peakRss / 1024 / 1024)} MB`);
    const ok = r.failed === 0 && r.latencies.p99 < FLOOR_P99_MS && r.answered === r.ok && r.rejected === 0;
    console.log(ok ? `  PASS: p99 < ${FLOOR_P99_MS} ms, no errors` : `  FAIL: floor is p99 < ${FLOOR_P99_MS} ms with no errors`);
    return ok ? 0 : 1;
  } finally {
    await server.close();
    child.kill();
  }
}

if (process.argv.includes('--slack-side')) {
  await slackSide();
} else {
  process.exit(await samenSide());
}
