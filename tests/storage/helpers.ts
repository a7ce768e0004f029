import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, onTestFinished } from 'vitest';
import { openDatabase, type Database, type OpenDatabaseOptions } from '../../src/storage/database.js';

/**
 * The storage suites run against the embedded database always and against
 * PostgreSQL when TEST_DATABASE_URL is set. Each test gets an empty "space":
 * a fresh data directory, or a fresh schema that is dropped afterwards.
 */

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
export type Kind = 'embedded' | 'postgres';

if (!TEST_DATABASE_URL) {
  console.info('TEST_DATABASE_URL is not set: the PostgreSQL half of the storage tests is skipped.');
}

export interface Space {
  /** What to pass to openDatabase; opening it again reaches the same data. */
  options: OpenDatabaseOptions;
  /** A pg-boss schema of this space's own (PostgreSQL), or undefined for the default. */
  queueSchema?: string;
  /** Opens the space's database; it is closed when the test ends. */
  open(): Promise<Database>;
}

/** One describe block per backend; the PostgreSQL one is skipped without TEST_DATABASE_URL. */
export function describeStorage(title: string, body: (kind: Kind) => void): void {
  for (const kind of ['embedded', 'postgres'] as const) {
    describe.skipIf(kind === 'postgres' && !TEST_DATABASE_URL)(`${title} (${kind})`, () =>
      body(kind),
    );
  }
}

// Everything this test file writes to disk lives under root, removed after the file.
const root = mkdtempSync(join(tmpdir(), 'samen-storage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// PGlite's first start in an empty directory (initdb) takes seconds. So an empty,
// closed data directory is built once per PGlite version, kept in the temp dir for
// later runs, and copied for each test: milliseconds, and just as empty.
const PGLITE_VERSION: string = JSON.parse(
  readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
).version;
const TEMPLATE = join(tmpdir(), `samen-test-pglite-${PGLITE_VERSION}`);

async function embeddedTemplate(): Promise<string> {
  if (!existsSync(TEMPLATE)) {
    const building = mkdtempSync(`${TEMPLATE}-building-`);
    await (await openDatabase({ dataDir: building })).close();
    try {
      renameSync(building, TEMPLATE); // atomic: other test files never see half a template
    } catch {
      rmSync(building, { recursive: true, force: true }); // another test file finished first
    }
  }
  return TEMPLATE;
}

/** A fresh, empty space for the current test, cleaned up when it finishes. */
export async function freshSpace(kind: Kind): Promise<Space> {
  const opened: Database[] = [];
  let options: OpenDatabaseOptions;
  let queueSchema: string | undefined;
  let remove: () => Promise<void>;

  if (kind === 'embedded') {
    const dataDir = mkdtempSync(join(root, 'data-'));
    cpSync(await embeddedTemplate(), dataDir, { recursive: true });
    options = { dataDir };
    remove = async () => rmSync(dataDir, { recursive: true, force: true });
  } else {
    const schema = `samen_test_${randomBytes(6).toString('hex')}`;
    queueSchema = `${schema}_queue`;
    options = { databaseUrl: TEST_DATABASE_URL, dataDir: join(root, 'unused'), schema };
    remove = () => dropSchemas(schema, `${schema}_queue`);
  }

  onTestFinished(async () => {
    await Promise.all(opened.map((db) => db.close()));
    await remove();
  });
  return {
    options,
    queueSchema,
    async open() {
      const db = await openDatabase(options);
      opened.push(db);
      return db;
    },
  };
}

export async function dropSchemas(...schemas: string[]): Promise<void> {
  const client = new pg.Client(TEST_DATABASE_URL);
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Resolves with the value of the first call of the returned callback, or rejects after ms. */
export function waitFor<T>(ms: number, what: string): { promise: Promise<T>; done: (value: T) => void } {
  let done!: (value: T) => void;
  const promise = new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
    done = (value) => {
      clearTimeout(timer);
      resolve(value);
    };
  });
  return { promise, done };
}
