/**
 * Runs the work that follows an acknowledgement (dispatching an event, answering, posting)
 * without delaying the next acknowledgements.
 *
 * Two lanes share one turn chain:
 *  - `run(job)`: a job whose result the caller awaits (answering a question). At most
 *    `concurrency` run at once (their network calls overlap); at most `maxQueued` wait,
 *    beyond that a job is refused at once (QueueFullError: the caller says Samen is busy).
 *  - `defer(fn)`: fire-and-forget work started later (handing an acknowledged event to its
 *    listeners). Everything deferred by then starts together in the next turn: handing an
 *    event on is light, and one turn each let Slack's events queue behind every answer
 *    (bench:load: Slack's answers 1.7 s after the question against Teams' 31 ms, for the
 *    same answers). At most `maxDeferred` wait; beyond that fn runs at once, so a long flood
 *    degrades to plain processing instead of growing memory.
 *
 * Answering is synchronous CPU work, so work takes turns: each job starts in its own turn
 * of the event loop, after pending network I/O has been served. While requests wait for
 * their acknowledgement (`pressure`), work waits too, but one piece still starts at least
 * every `maxDeferMs`, so answers keep flowing under a flood.
 */
export class QueueFullError extends Error {
  constructor() {
    super('Too much work queued');
    this.name = 'QueueFullError';
  }
}

export interface WorkQueueOptions {
  concurrency?: number;
  maxQueued?: number;
  maxDeferred?: number;
  /** True while acknowledgements are pending; work then yields to them. */
  pressure?: () => boolean;
  /** Under pressure, one piece of work still starts at least this often. */
  maxDeferMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class WorkQueue {
  private readonly concurrency: number;
  private readonly maxQueued: number;
  private readonly maxDeferred: number;
  private readonly maxDeferMs: number;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly deferred: Array<() => void> = [];
  private pumping = false;
  /** The turn chain: each turn starts in a setImmediate scheduled after the previous one. */
  private turns: Promise<void> = Promise.resolve();
  private lastTurn = 0;
  private readonly idleWaiters: Array<() => void> = [];
  /** Settable after construction: the server knows its pressure only once it exists. */
  pressure: (() => boolean) | undefined;

  constructor(options: WorkQueueOptions = {}) {
    this.concurrency = options.concurrency ?? 8;
    this.maxQueued = options.maxQueued ?? 2000;
    this.maxDeferred = options.maxDeferred ?? 2000;
    this.maxDeferMs = options.maxDeferMs ?? 50;
    this.pressure = options.pressure;
  }

  /** Work running, waiting or deferred. */
  get size(): number {
    return this.running + this.waiting.length + this.deferred.length;
  }

  run<T>(job: () => Promise<T> | T): Promise<T> {
    if (this.running >= this.concurrency && this.waiting.length >= this.maxQueued) {
      return Promise.reject(new QueueFullError());
    }
    return this.acquire().then(async () => {
      try {
        await this.turn();
        return await job();
      } finally {
        this.release();
      }
    });
  }

  /** Starts fn in a later turn (at once when too much is deferred already). fn must not throw. */
  defer(fn: () => void): void {
    if (this.deferred.length >= this.maxDeferred) {
      fn();
      return;
    }
    this.deferred.push(fn);
    void this.pump();
  }

  /** Resolves when no work is running, waiting or deferred (graceful shutdown), or after timeoutMs. */
  idle(timeoutMs = 10_000): Promise<boolean> {
    if (this.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.deferred.length > 0) {
        await this.turn();
        for (const fn of this.deferred.splice(0)) fn();
      }
    } finally {
      this.pumping = false;
      this.settle();
    }
  }

  private turn(): Promise<void> {
    const next = this.turns.then(() => this.calm());
    this.turns = next;
    return next;
  }

  /** Resolves in a later turn of the event loop, once no acknowledgement is waiting (bounded). */
  private async calm(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.pressure?.() && Date.now() - this.lastTurn < this.maxDeferMs) await sleep(1);
    this.lastTurn = Date.now();
  }

  private acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.running += 1;
        resolve();
      }),
    );
  }

  private release(): void {
    this.running -= 1;
    const next = this.waiting.shift();
    if (next) next();
    this.settle();
  }

  private settle(): void {
    if (this.size === 0) for (const w of this.idleWaiters.splice(0)) w();
  }
}
