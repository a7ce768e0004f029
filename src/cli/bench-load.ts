// npm run bench:load [-- --seconds 60 --count 200000 --concurrency 100 --only slack|teams --json]
//
// Load on both chat channels at once, as in production but on loopback only:
//  - this process runs the real Samen server (src/server/index.ts) with the real engine, the
//    embedded database in a temporary folder, Slack in HTTP mode (signing secret) and Teams
//    (botbuilder's CloudAdapter, unauthenticated as with the Emulator: no token to check);
//  - a child process plays Slack and Teams: the fake Slack Web API and fake Bot Connector of
//    src/support/ (the ones the tests use too; where the answers arrive), and a load generator with `--concurrency`
//    conversations at once, alternating signed Slack app_mention events and Teams message
//    activities; each conversation asks its next question as soon as the previous one is
//    answered, until `--seconds` have passed or `--count` questions were sent.
// The two sides are separate processes so that the server's latency and memory are its own.
//
// Reports per channel the acknowledgement latency (request sent → HTTP response complete)
// p50/p99/max, the answer throughput (answers delivered to the fake APIs per second) and
// question → answer latency, errors, and the server's memory over the run (RSS and heap
// sampled every 100 ms: first 10 s against last 10 s, and the peak). Exits 1 when a floor
// is missed:
//  - p99 acknowledgement < 100 ms on each channel at the given concurrency (100 by default);
//  - no errors: every request acknowledged with 2xx, every acknowledged question answered
//    within 30 s, no call refused by the fake APIs, no error logged by the server;
//  - memory steady: the live heap (heapUsed right after a full garbage collection) when the
//    run is over has grown by at most 8 MB + 4 KB per question answered since the run began
//    (after the warm-up). The two collections happen while no request is in flight, so they
//    don't touch the latencies; the second is taken with the server still running, so
//    whatever it holds on to counts. The per-question part is for the server's bounded
//    memories, which a one-minute run does not fill: Slack's recent threads (20,000 for
//    7 days) and handled event ids (50,000 for 2 hours), Teams' sent answers and recent
//    activity ids (5,000 each). They took about 4.6 KB per Slack question and 1 KB per Teams
//    question here; a leak adds to that, and one of a few KB per question or more fails the
//    floor. The 8 MB is for what does not grow with questions (compiled code, buffers, pools).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pino } from 'pino';
import { QuestionGuard } from '../answer/guard.js';

/** The bench measures the server, not the question guard's rate limits. */
const UNLIMITED = new QuestionGuard({
  perUser: { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 },
  perChannel: { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 },
});

const FLOOR_P99_MS = 100;
const FLOOR_HEAP_BASE_MB = 8;
const FLOOR_HEAP_KB_PER_QUESTION = 4;
const SECRET = 'bench-signing-secret-0123456789abcdef';
const MB = 1024 * 1024;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}
const SECONDS = arg('seconds', 60);
const COUNT = Math.floor(arg('count', 200_000));
const CONCURRENCY = Math.floor(arg('concurrency', 100));
/** Warm-up requests before the measured run (JIT, connections); not measured. */
const WARMUP = Math.floor(arg('warmup', 400));
/** An acknowledged question whose answer has not arrived by then counts as unanswered. */
const ANSWER_TIMEOUT_MS = 30_000;
const JSON_OUT = process.argv.includes('--json');

type Channel = 'slack' | 'teams';
const CHANNELS: Channel[] = ['slack', 'teams'];
/** `--only slack` or `--only teams`: one channel's traffic (the report still lists both). */
const ONLY = (() => {
  const i = process.argv.indexOf('--only');
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  if (v !== 'slack' && v !== 'teams') throw new Error('--only must be slack or teams');
  return v as Channel;
})();

interface ChannelResult {
  sent: number;
  acked: number;
  /** Requests answered with a non-2xx status or not answered at all. */
  failed: number;
  latency: { p50: number; p99: number; max: number };
  /** Answers delivered to the fake API, matched to their question. */
  answered: number;
  /** Acknowledged questions whose answer did not arrive within ANSWER_TIMEOUT_MS. */
  unanswered: number;
  /** Question sent → its answer at the fake API. */
  answerLatency: { p50: number; p99: number };
  /** Calls the fake API refused (Slack ok:false, unknown connector routes). */
  rejected: number;
}

interface PlatformResult {
  /** From the first question until the last answer (or time-out). */
  seconds: number;
  channels: Record<Channel, ChannelResult>;
}

type ToParent =
  | { type: 'ready'; apiUrl: string; serviceUrl: string }
  | { type: 'phase'; phase: 'warm' | 'run' | 'drain' }
  | { type: 'result'; result: PlatformResult };
type ToChild = { type: 'target'; url: string } | { type: 'go' };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// ---------------------------------------------------------------- Slack's and Teams' side (child)

async function platformSide(): Promise<void> {
  const { FakeSlack, FAKE_TEAM } = await import('../support/fake-slack.js');
  const { FakeConnector } = await import('../support/fake-connector.js');
  const { messageActivity } = await import('../support/teams-activities.js');
  const { signSlackRequest } = await import('../support/slack-signature.js');
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

  const slack = await FakeSlack.start();
  const connector = await FakeConnector.start();
  send({ type: 'ready', apiUrl: slack.apiUrl, serviceUrl: connector.serviceUrl });
  const inbox: ToChild[] = [];
  const inboxWaiters: Array<() => void> = [];
  process.on('message', (m: ToChild) => {
    inbox.push(m);
    for (const w of inboxWaiters.splice(0)) w();
  });
  const receive = async <T extends ToChild['type']>(type: T): Promise<Extract<ToChild, { type: T }>> => {
    for (;;) {
      const i = inbox.findIndex((m) => m.type === type);
      if (i >= 0) return inbox.splice(i, 1)[0] as Extract<ToChild, { type: T }>;
      await new Promise<void>((resolve) => inboxWaiters.push(resolve));
    }
  };
  const target = new URL((await receive('target')).url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

  // The fakes keep every call: each is matched to the question it answers, counted, and let
  // go, so this side stays small too. A Slack answer is posted in the mention's thread
  // (thread_ts = the event's ts); a Teams answer replies to the activity (its id).
  const answered: Record<Channel, number> = { slack: 0, teams: 0 };
  const rejected: Record<Channel, number> = { slack: 0, teams: 0 };
  const answerMs: Record<Channel, number[]> = { slack: [], teams: [] };
  const expected = new Map<string, () => void>();
  const arrived = (channel: Channel, key: string | undefined) => {
    const done = key === undefined ? undefined : expected.get(`${channel}:${key}`);
    if (!done) return;
    expected.delete(`${channel}:${key}`);
    answered[channel] += 1;
    done();
  };
  const drainFakes = () => {
    for (const call of slack.calls.splice(0)) {
      if (call.response.ok === false) rejected.slack += 1;
      else if (call.method === 'chat.postMessage') arrived('slack', call.args.thread_ts);
    }
    slack.responses.splice(0);
    for (const r of connector.recorded.splice(0)) {
      if (r.activity?.type === 'message' && r.kind !== 'update') arrived('teams', r.activityId ?? r.activity?.replyToId);
    }
    rejected.teams += connector.unknown.splice(0).length;
  };
  const drainer = setInterval(drainFakes, 5);

  const slackTs = (i: number) => `${1_700_000_000 + i}.${String(i % 1_000_000).padStart(6, '0')}`;
  const teamsId = (i: number) => `18${String(i).padStart(14, '0')}`;
  const slackBody = (i: number) => {
    const ts = slackTs(i);
    return JSON.stringify({
      token: 'legacy',
      team_id: FAKE_TEAM.team_id,
      api_app_id: FAKE_TEAM.app_id,
      type: 'event_callback',
      event_id: `EvLOAD${i}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: FAKE_TEAM.team_id, user_id: FAKE_TEAM.user_id, is_bot: true }],
      event: {
        type: 'app_mention',
        user: `U0LOAD${i % 97}`,
        text: `<@${FAKE_TEAM.user_id}> ${QUESTIONS[i % QUESTIONS.length]}`,
        ts,
        event_ts: ts,
        channel: `C0LOAD${i % 13}`,
      },
    });
  };
  const teamsBody = (i: number) =>
    JSON.stringify(
      messageActivity({
        serviceUrl: connector.serviceUrl,
        text: QUESTIONS[i % QUESTIONS.length],
        id: teamsId(i),
        locale: i % 3 === 0 ? 'nl-NL' : 'en-US',
      }),
    );

  const post = (channel: Channel, body: string) =>
    new Promise<{ status: number; ms: number }>((resolve, reject) => {
      const path = channel === 'slack' ? '/slack/events' : '/api/messages';
      const headers: Record<string, string | number> = {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        ...(channel === 'slack' ? signSlackRequest(SECRET, body) : {}),
      };
      const started = performance.now();
      const req = request({ host: target.hostname, port: target.port, path, method: 'POST', headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      });
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(body);
    });

  /**
   * CONCURRENCY conversations at once, alternating Slack and Teams: each sends a question,
   * waits for its acknowledgement and then its answer (at most ANSWER_TIMEOUT_MS), and asks
   * the next, until count questions were sent or the deadline passed.
   */
  const burst = async (from: number, count: number, deadline: number) => {
    const latencies: Record<Channel, number[]> = { slack: [], teams: [] };
    const failed: Record<Channel, number> = { slack: 0, teams: 0 };
    const unanswered: Record<Channel, number> = { slack: 0, teams: 0 };
    const sent: Record<Channel, number> = { slack: 0, teams: 0 };
    let next = from;
    const worker = async () => {
      while (next < from + count && performance.now() < deadline) {
        const i = next;
        next += 1;
        const channel = ONLY ?? CHANNELS[i % 2];
        const key = `${channel}:${channel === 'slack' ? slackTs(i) : teamsId(i)}`;
        let timer: NodeJS.Timeout | undefined;
        const answer = new Promise<boolean>((resolve) => {
          expected.set(key, () => resolve(true));
          timer = setTimeout(() => resolve(false), ANSWER_TIMEOUT_MS);
        });
        sent[channel] += 1;
        const started = performance.now();
        try {
          const r = await post(channel, channel === 'slack' ? slackBody(i) : teamsBody(i));
          if (r.status < 200 || r.status >= 300) throw new Error(`status ${r.status}`);
          latencies[channel].push(r.ms);
        } catch {
          failed[channel] += 1;
          expected.delete(key);
          clearTimeout(timer);
          continue;
        }
        const ok = await answer;
        clearTimeout(timer);
        if (ok) answerMs[channel].push(performance.now() - started);
        else {
          unanswered[channel] += 1;
          expected.delete(key);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return { latencies, failed, sent, unanswered };
  };

  // Warm-up (JIT, connections, caches), not measured.
  if (WARMUP > 0) await burst(1_000_000_000, WARMUP, performance.now() + 60_000);
  drainFakes();
  for (const c of CHANNELS) {
    answered[c] = 0;
    rejected[c] = 0;
    answerMs[c] = [];
  }

  // The server takes its starting measurements while nothing is in flight.
  send({ type: 'phase', phase: 'warm' });
  await receive('go');
  send({ type: 'phase', phase: 'run' });
  const started = performance.now();
  const run = await burst(0, COUNT, started + SECONDS * 1000);
  const seconds = (performance.now() - started) / 1000;
  send({ type: 'phase', phase: 'drain' });
  // A second message for one question would be counted here as unmatched traffic; none expected.
  await new Promise((r) => setTimeout(r, 200));
  drainFakes();
  clearInterval(drainer);

  const channels = {} as Record<Channel, ChannelResult>;
  for (const c of CHANNELS) {
    const sorted = [...run.latencies[c]].sort((a, b) => a - b);
    const answers = [...answerMs[c]].sort((a, b) => a - b);
    channels[c] = {
      sent: run.sent[c],
      acked: sorted.length,
      failed: run.failed[c],
      latency: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN },
      answered: answered[c],
      unanswered: run.unanswered[c],
      answerLatency: { p50: percentile(answers, 50), p99: percentile(answers, 99) },
      rejected: rejected[c],
    };
  }
  send({ type: 'result', result: { seconds, channels } });
  agent.destroy();
  await slack.close();
  await connector.close();
}

// ---------------------------------------------------------------- Samen's side (parent)

interface MemorySample {
  t: number;
  rss: number;
  heapUsed: number;
}

/** Mean RSS and heap of the samples in [from, to) seconds. */
function windowStats(samples: MemorySample[], from: number, to: number) {
  const w = samples.filter((s) => s.t >= from && s.t < to);
  const mean = (f: (s: MemorySample) => number) => w.reduce((a, s) => a + f(s), 0) / Math.max(1, w.length);
  return { rss: mean((s) => s.rss), heap: mean((s) => s.heapUsed) };
}

/** heapUsed right after a full garbage collection: the live heap. */
function liveHeap(): number {
  v8.setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function samenSide(): Promise<number> {
  const { createEngine } = await import('../answer/engine.js');
  const { loadConfig, parseConfig } = await import('../config.js');
  const { goalsFor } = await import('../goals/index.js');
  const { coreFor } = await import('../conversation/core.js');
  const { startServer } = await import('../server/index.js');
  const { createStore, migrate, openDatabase } = await import('../storage/index.js');

  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--platform-side', ...process.argv.slice(2)], {
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
      child.once('exit', (code) => reject(new Error(`the Slack/Teams side exited (${code})`)));
      check();
    });

  const dataDir = mkdtempSync(join(tmpdir(), 'samen-bench-load-'));
  // The server logs as in production (info: one line per request); the lines are counted,
  // and errors (level 50 and up) are errors of the run and shown.
  const logged = { lines: 0, errors: 0 };
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) {
        if (!line) continue;
        logged.lines += 1;
        const level = Number(/"level":(\d+)/.exec(line)?.[1] ?? 0);
        if (level >= 50) {
          logged.errors += 1;
          if (logged.errors <= 5) process.stderr.write(`server error: ${line.slice(0, 500)}\n`);
        }
      }
      cb();
    },
  });
  const logger = pino({ level: 'info', base: { service: 'samen' } }, sink);

  const { apiUrl } = await next('ready');
  const db = await openDatabase({ dataDir });
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    await migrate(db);
    // The index where the settings keep it (SAMEN_INDEX_DIR); the rest of the server's settings are the bench's own.
    const engine = createEngine({ indexDir: loadConfig().SAMEN_INDEX_DIR, log: (m) => process.stderr.write(`${m}\n`) });
    const store = await createStore(db, { hashSalt: 'bench-load-salt-0123456789' });
    const goals = goalsFor(db, engine.knowledge, 'nl');
    const config = parseConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SAMEN_DATA_DIR: dataDir,
      SLACK_BOT_TOKEN: 'xoxb-bench-load',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: apiUrl,
    });
    server = await startServer(config, { core: coreFor(engine, 'nl', UNLIMITED), store, goals, logger });
    child.send({ type: 'target', url: server.url } satisfies ToChild);

    await next('phase'); // warmed up, nothing in flight
    const heapStart = liveHeap();
    child.send({ type: 'go' } satisfies ToChild);
    await next('phase'); // run
    const t0 = performance.now();
    const samples: MemorySample[] = [];
    const sample = () => {
      const m = process.memoryUsage();
      samples.push({ t: (performance.now() - t0) / 1000, rss: m.rss, heapUsed: m.heapUsed });
    };
    sample();
    const sampler = setInterval(sample, 100);
    await next('phase'); // drain: the run's memory is what was sampled until now
    clearInterval(sampler);
    sample();
    const runSeconds = samples.at(-1)!.t;
    const { result: r } = await next('result');
    // Measured with the server still open (all answered, nothing in flight): whatever it holds on to counts.
    const heapEnd = liveHeap();

    const window = Math.min(10, runSeconds / 3);
    const first = windowStats(samples, 0, window);
    const last = windowStats(samples, runSeconds - window, runSeconds + 1);
    const peakRss = Math.max(...samples.map((s) => s.rss));
    const peakHeap = Math.max(...samples.map((s) => s.heapUsed));
    const heapGrowth = (heapEnd - heapStart) / MB;

    const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
    const acked = r.channels.slack.acked + r.channels.teams.acked;
    const answeredAll = r.channels.slack.answered + r.channels.teams.answered;
    const errors = {
      requests: r.channels.slack.failed + r.channels.teams.failed,
      unanswered: r.channels.slack.unanswered + r.channels.teams.unanswered,
      rejected: r.channels.slack.rejected + r.channels.teams.rejected,
      logged: logged.errors,
    };
    const errorCount = errors.requests + errors.unanswered + errors.rejected + errors.logged;
    const p99Ok = CHANNELS.every((c) => (ONLY && c !== ONLY) || r.channels[c].latency.p99 < FLOOR_P99_MS);
    const heapAllowed = FLOOR_HEAP_BASE_MB + (FLOOR_HEAP_KB_PER_QUESTION * answeredAll) / 1024;
    const memoryOk = heapGrowth <= heapAllowed;
    const ok = p99Ok && errorCount === 0 && memoryOk && acked > 0;

    const lines = [
      `Load benchmark: ${CONCURRENCY} conversations at once (Slack app_mention events, signed, and Teams message activities, alternating), each asking again once answered; ${f(r.seconds)} s (limits: ${SECONDS} s, ${COUNT} questions)`,
      ...CHANNELS.map((c) => {
        const x = r.channels[c];
        return `  ${c.padEnd(6)} acks: ${x.acked}/${x.sent} × 2xx, p50 ${f(x.latency.p50)} ms, p99 ${f(x.latency.p99)} ms, max ${f(x.latency.max)} ms; answers: ${x.answered} delivered, ${f(x.answered / r.seconds)}/s, question → answer p50 ${f(x.answerLatency.p50)} ms, p99 ${f(x.answerLatency.p99)} ms`;
      }),
      `  total  ${acked} acks, ${answeredAll} answers in ${f(r.seconds)} s: ${f(answeredAll / r.seconds)} answers/s`,
      `  errors: ${errorCount} (failed requests ${errors.requests}, unanswered ${errors.unanswered}, refused by the fake APIs ${errors.rejected}, server errors logged ${errors.logged}); ${logged.lines} log lines`,
      `  memory: RSS ${f(first.rss / MB)} MB in the first ${f(window)} s → ${f(last.rss / MB)} MB in the last ${f(window)} s, peak ${f(peakRss / MB)} MB; heap ${f(first.heap / MB)} → ${f(last.heap / MB)} MB, peak ${f(peakHeap / MB)} MB; live heap after full GC ${f(heapStart / MB)} MB before the run → ${f(heapEnd / MB)} MB after (${heapGrowth >= 0 ? '+' : ''}${f(heapGrowth)} MB)`,
      ok
        ? `  PASS: p99 < ${FLOOR_P99_MS} ms on both channels, no errors, live heap grew ${f(heapGrowth)} MB ≤ ${f(heapAllowed)} MB (${FLOOR_HEAP_BASE_MB} MB + ${FLOOR_HEAP_KB_PER_QUESTION} KB × ${answeredAll} answers)`
        : `  FAIL:${p99Ok ? '' : ` p99 must be < ${FLOOR_P99_MS} ms on both channels;`}${errorCount === 0 ? '' : ' errors must be 0;'}${memoryOk ? '' : ` live heap grew ${f(heapGrowth)} MB, more than ${f(heapAllowed)} MB (${FLOOR_HEAP_BASE_MB} MB + ${FLOOR_HEAP_KB_PER_QUESTION} KB × ${answeredAll} answers);`}${acked > 0 ? '' : ' nothing was acknowledged;'}`,
    ];
    console.log(lines.join('\n'));
    if (JSON_OUT) {
      console.log(
        JSON.stringify({
          ok,
          concurrency: CONCURRENCY,
          seconds: r.seconds,
          channels: r.channels,
          errors: { ...errors, total: errorCount },
          memory: {
            windowSeconds: window,
            firstMB: { rss: first.rss / MB, heap: first.heap / MB },
            lastMB: { rss: last.rss / MB, heap: last.heap / MB },
            liveHeapMB: { before: heapStart / MB, after: heapEnd / MB },
            peakMB: { rss: peakRss / MB, heap: peakHeap / MB },
            heapGrowthMB: heapGrowth,
            heapAllowedMB: heapAllowed,
          },
          logLines: logged.lines,
        }),
      );
    }
    return ok ? 0 : 1;
  } finally {
    await server?.close();
    child.kill();
    await db.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--platform-side')) {
  await platformSide();
} else {
  process.exit(await samenSide().catch((err) => {
    console.error(`bench:load did not run: ${err instanceof Error ? err.stack : String(err)}`);
    return 2;
  }));
}
