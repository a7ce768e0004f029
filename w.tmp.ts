import { PGlite } from '@electric-sql/pglite';
const pg = await PGlite.create(process.argv[2]);
await pg.exec('create table if not exists t (id serial primary key, v text not null, n int not null)');
console.log('ready');
let i = 0;
for (;;) { i++; await pg.transaction(async (tx) => { await tx.query('insert into t (v, n) values ($1, $2)', ['x'.repeat(500), i]); await tx.query('insert into t (v, n) values ($1, $2)', ['y', -i]); }); if (i % 50 === 0) console.log('n', i); }
