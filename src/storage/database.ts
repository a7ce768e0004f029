import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * One data-access layer in the PostgreSQL dialect with two engines behind it:
 * PGlite (embedded, a data directory, no server) by default, and a PostgreSQL
 * server when DATABASE_URL is set. Callers write the same SQL for both.
 */

export type Row = Record<string, unknown>;

export interface Queryable {
  /**
   * Runs SQL and returns the result rows. With params the text is one statement;
   * without params it may hold several (as pg does), and the rows of the last are returned.
   */
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'embedded' | 'postgres';
  /** Runs fn in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Resolves when the database answers; throws DatabaseUnavailableError when it does not. */
  ping(): Promise<void>;
  /** Safe to call more than once. */
  close(): Promise<void>;
  /** For start-up banners: where the data lives, never a password. */
  describe(): string;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL server (DATABASE_URL); when absent, the embedded database in dataDir is used. */
  databaseUrl?: string;
  /** The embedded database's directory (SAMEN_DATA_DIR, default ./data). */
  dataDir: string;
  /** Use this schema (created if missing) instead of the default; tests use it to isolate runs. */
  schema?: string;
}

/** The database cannot be reached or opened; the message says which and where. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new Error(`Invalid schema name "${options.schema}": use lower-case letters, digits and _`);
  }
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.schema)
    : openEmbedded(resolve(options.dataDir), options.schema);
}

/** The URL with its password replaced by ***, for messages and banners. */
export function maskPassword(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(a DATABASE_URL that is not a valid URL)';
  }
  if (parsed.password) parsed.password = '***';
  for (const key of ['password', 'sslpassword']) {
    if (parsed.searchParams.has(key)) parsed.searchParams.set(key, '***');
  }
  return parsed.toString();
}

async function openEmbedded(dataDir: string, schema: string | undefined): Promise<Database> {
  const cannotOpen = (err: unknown) =>
    new DatabaseUnavailableError(`Cannot open the embedded database in ${dataDir} (SAMEN_DATA_DIR): ${reason(err)}`, {
      cause: err,
    });
  let unlock: () => void;
  try {
    unlock = lockDataDir(dataDir);
  } catch (err) {
    throw cannotOpen(err);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir);
    if (schema) await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
  } catch (err) {
    unlock();
    throw cannotOpen(err);
  }

  // PGlite is a single connection. It queues queries itself and holds them back
  // while a transaction runs, so callers (and pg-boss) need no extra locking;
  // inside transaction() use the tx argument, not the Database, or it waits forever.
  const run = async (target: Pick<PGlite, 'query' | 'exec'>, sql: string, params?: unknown[]) => {
    if (params?.length) return (await target.query<Row>(sql, params)).rows;
    const results = await target.exec(sql);
    return results.at(-1)?.rows ?? [];
  };

  let closing: Promise<void> | undefined;
  return {
    kind: 'embedded',
    query: async <T extends Row>(sql: string, params?: unknown[]) => (await run(pglite, sql, params)) as T[],
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn({ query: async <T extends Row>(sql: string, params?: unknown[]) => (await run(tx, sql, params)) as T[] }),
      ),
    ping: async () => {
      await pglite.query('SELECT 1');
    },
    close: () => (closing ??= pglite.close().finally(unlock)),
    describe: () => `embedded PostgreSQL (PGlite) in ${dataDir}`,
  };
}

/** Data directories this process has open. */
const openDataDirs = new Set<string>();

/**
 * PGlite does not stop a second process from opening the same data directory, and
 * two writers would corrupt it. A lock file with our pid claims the directory; one
 * left behind by a process that no longer runs (kill -9) is taken over.
 * Returns the function that releases the claim.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = join(dataDir, 'samen.lock');
  const inUse = (pid: number) =>
    new Error(`it is in use by process ${pid}. Stop that process or use another SAMEN_DATA_DIR; ` +
      `if no such process runs, delete ${lockFile}`);
  if (openDataDirs.has(dataDir)) throw inUse(process.pid);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'EEXIST') throw err;
    const holder = Number(readFileSync(lockFile, 'utf8'));
    // Our own pid in a lock we do not hold is left from an earlier process that had
    // the same id (a container's process is often pid 1 after every restart).
    if (holder !== process.pid && isRunning(holder)) throw inUse(holder);
    rmSync(lockFile, { force: true });
    // wx again: if another process took the lock in between, this throws rather than share.
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  }
  openDataDirs.add(dataDir);
  return () => {
    openDataDirs.delete(dataDir);
    rmSync(lockFile, { force: true });
  };
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: unknown }).code === 'EPERM'; // running, but someone else's
  }
}

/** The PostgreSQL pool's limits, each with its reason. */
const POOL_LIMITS = {
  // Fail a request quickly rather than hang while the server is away.
  connectionTimeoutMs: 5_000,
  // The server cancels a statement that runs longer: Samen's queries take milliseconds, so
  // one this slow waits on a lock or runs away, holding a pooled connection and a request.
  // Migrations wait on each other's advisory lock within it too; theirs take seconds.
  statementTimeoutMs: 30_000,
  // The client gives up a little after the server would have: this covers a server that no
  // longer answers at all (a black-holed connection), where statement_timeout never fires.
  queryTimeoutMs: 35_000,
  // TCP keepalive probes start after this much idle time, so a connection whose peer is gone
  // (failover, a NAT or firewall dropping idle flows) is found dead instead of hanging until
  // TCP gives up after many minutes.
  keepAliveInitialDelayMs: 10_000,
} as const;

async function openPostgres(url: string, schema: string | undefined): Promise<Database> {
  const where = maskPassword(url);
  const pool = new pg.Pool({
    connectionString: url,
    application_name: 'samen',
    connectionTimeoutMillis: POOL_LIMITS.connectionTimeoutMs,
    statement_timeout: POOL_LIMITS.statementTimeoutMs,
    query_timeout: POOL_LIMITS.queryTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: POOL_LIMITS.keepAliveInitialDelayMs,
    options: schema ? `-c search_path=${schema}` : undefined,
  });
  // An idle connection that dies (server restart, terminated backend) is reported
  // here; the pool has already dropped it and opens a new one on the next query.
  // Without a listener the error would crash the process.
  pool.on('error', () => {});

  // Connection failures become DatabaseUnavailableError; SQL errors pass through.
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (!isConnectionError(err)) throw err;
      throw new DatabaseUnavailableError(
        `The database at ${where} (DATABASE_URL) is unavailable: ${reason(err)}. ` +
          'This request failed; Samen reconnects by itself when the database is back.',
        { cause: err },
      );
    }
  };
  const run = async (target: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]) => {
    const result = (await target.query(sql, params?.length ? params : undefined)) as pg.QueryResult | pg.QueryResult[];
    // Several statements without params give one result each; keep the last.
    return (Array.isArray(result) ? result.at(-1)?.rows : result.rows) ?? [];
  };

  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end();
    throw new DatabaseUnavailableError(`Cannot connect to the database at ${where} (DATABASE_URL): ${reason(err)}`, {
      cause: err,
    });
  }
  if (schema) {
    // Statements sent together run as one transaction, so the lock is held until the
    // schema exists: two instances opening at once do not race on CREATE SCHEMA.
    const create = `SELECT pg_advisory_xact_lock(hashtext('samen.create_schema')); CREATE SCHEMA IF NOT EXISTS ${schema}`;
    await pool.query(create).catch(async (err: unknown) => {
      await pool.end();
      throw err;
    });
  }

  let closing: Promise<void> | undefined;
  return {
    kind: 'postgres',
    query: <T extends Row>(sql: string, params?: unknown[]) => guard(() => run(pool, sql, params)) as Promise<T[]>,
    transaction: async (fn) => {
      const client = await guard(() => pool.connect());
      let broken = false;
      // A connection lost while checked out is reported as an 'error' event on the client
      // as well as by the failing query; without a listener the event would crash the process.
      const lost = () => (broken = true);
      client.on('error', lost);
      try {
        await guard(() => client.query('BEGIN'));
        const result = await fn({
          query: <T extends Row>(sql: string, params?: unknown[]) => guard(() => run(client, sql, params)) as Promise<T[]>,
        });
        await guard(() => client.query('COMMIT'));
        return result;
      } catch (err) {
        // If even ROLLBACK fails the connection is unusable: discard it.
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw err;
      } finally {
        client.off('error', lost);
        client.release(broken);
      }
    },
    ping: async () => {
      await guard(() => pool.query('SELECT 1'));
    },
    close: () => (closing ??= pool.end()),
    describe: () => `PostgreSQL at ${where}`,
  };
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  '57P01', // admin_shutdown: backend terminated
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: server starting or stopping
]);

function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || code.startsWith('08'))) return true;
  // pg reports lost and timed-out connections without a code.
  return /Connection terminated|timeout exceeded when trying to connect|not queryable|Query read timeout/i.test(err.message);
}

function reason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // Node reports a refused dual-stack connect (localhost) as an AggregateError without a message.
  return err.message || String((err as { code?: unknown }).code ?? err.name);
}
