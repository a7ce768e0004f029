import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, openDatabase } from '../../src/storage/database.js';
import { migrate } from '../../src/storage/migrate.js';
import { createStore } from '../../src/storage/store.js';
import { freshSpace, TEST_DATABASE_URL } from './helpers.js';

/** A loopback TCP proxy to the test server that can be stopped and started again on the same port. */
async function startProxy(target: URL, port = 0) {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ]) {
      sockets.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    /** Refuses new connections and cuts the open ones, as a server that went away. */
    async stop() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** A loopback port with nothing listening on it. */
async function unusedPort(): Promise<number> {
  const proxy = await startProxy(new URL('postgres://127.0.0.1:1'));
  await proxy.stop();
  return proxy.port;
}

describe('database faults', () => {
  it('stops start-up against an unreachable server with a message naming DATABASE_URL, not the password', async () => {
    const port = await unusedPort();
    const databaseUrl = `postgres://samen:s3cret-pw@127.0.0.1:${port}/samen`;
    const error = await openDatabase({ databaseUrl, dataDir: 'unused' }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    const message = (error as Error).message;
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain(`postgres://samen:***@127.0.0.1:${port}/samen`);
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('s3cret-pw');
  });

  describe.skipIf(!TEST_DATABASE_URL)('while running (postgres)', () => {
    it('fails requests clearly while the server is away and reconnects when it is back', async () => {
      const space = await freshSpace('postgres');
      let proxy = await startProxy(new URL(TEST_DATABASE_URL!));
      const viaProxy = new URL(TEST_DATABASE_URL!);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      const db = await openDatabase({ ...space.options, databaseUrl: viaProxy.toString() });
      try {
        await migrate(db);
        const t = (await createStore(db)).tenant({ platform: 'teams', tenantId: 'T1' });
        await t.conversations.save('conv-1', { up: true });

        await proxy.stop();
        const error = await t.conversations.get('conv-1').catch((err: unknown) => err);
        expect(error).toBeInstanceOf(DatabaseUnavailableError);
        expect((error as Error).message).toMatch(/DATABASE_URL.*unavailable/);
        await expect(db.ping()).rejects.toThrow(DatabaseUnavailableError);
        await expect(t.transaction(async (tx) => tx.conversations.list())).rejects.toThrow(DatabaseUnavailableError);

        proxy = await startProxy(new URL(TEST_DATABASE_URL!), proxy.port);
        expect(await t.conversations.get('conv-1')).toEqual({ up: true });
      } finally {
        await db.close();
        await proxy.stop();
      }
    });

    it('gives every session a statement timeout, so the server cancels a runaway statement', async () => {
      const db = await (await freshSpace('postgres')).open();
      expect(await db.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '30s' }]);
      // Inside a transaction too: it is the session's setting, not one query's.
      expect(await db.transaction((tx) => tx.query('SHOW statement_timeout'))).toEqual([{ statement_timeout: '30s' }]);
    });

    it('replaces connections the server terminated', async () => {
      const space = await freshSpace('postgres');
      const db = await space.open();
      const admin = await openDatabase({ databaseUrl: TEST_DATABASE_URL, dataDir: 'unused' });
      try {
        const [{ pid }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        // Wait until the backend is gone, so the pool has been told its connection died.
        for (let i = 0; i < 50; i++) {
          const rows = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
          if (rows.length === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
        const [{ pid: newPid }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        expect(newPid).not.toBe(pid);
      } finally {
        await admin.close();
      }
    });
  });
});
