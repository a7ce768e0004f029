// npm start: Samen's server (main.ts). Says so at once: loading its code takes seconds before main.ts can say anything.
process.stdout.write('Starting Samen (loading its code)…\n');
await import('./main.js');
