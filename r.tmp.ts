import { PGlite } from '@electric-sql/pglite';
const t0 = Date.now();
const pg = await PGlite.create(process.argv[2]);
console.log(Date.now()-t0, await pg.query('select count(*), sum(n) from t'));
await pg.close();
