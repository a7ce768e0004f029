import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

/** Versioned SQL files, NNN_description.sql, applied in order and never edited once released. */
const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

interface Migration {
  version: number;
  name: string;
  path: string;
}

function listMigrations(): Migration[] {
  const migrations = readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d+_.+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: parseInt(file, 10), name: file, path: join(MIGRATIONS_DIR, file) }));
  migrations.forEach((m, i) => {
    if (i > 0 && m.version === migrations[i - 1].version) {
      throw new Error(`Two migrations share version ${m.version}: ${migrations[i - 1].name} and ${m.name}`);
    }
  });
  return migrations;
}

/**
 * Brings the schema up to date and returns the names of the migrations it applied
 * (none when it already was). Everything runs in one transaction, so a failing
 * migration leaves the database as it was. The transaction-scoped advisory lock
 * makes a second instance starting at the same moment wait, then find nothing to do.
 */
export async function migrate(db: Database): Promise<string[]> {
  const migrations = listMigrations();
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('samen.schema_migrations'))`);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.query(readFileSync(m.path, 'utf8'));
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.name);
    }
    return applied;
  });
}
