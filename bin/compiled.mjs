#!/usr/bin/env node
// node bin/compiled.mjs cli/ask.js [arguments]: runs a command of src/ compiled to JavaScript in dist/, compiling
// first when a source changed since the last time. Through tsx a one-shot `npm run ask` spent most of its 8–20 s
// starting tsx and transpiling the import graph; compiled, it starts as plain Node.
//
// Transpiled only, file by file (TypeScript's transpileModule, as tsx does with esbuild): `npm run typecheck` checks
// the types. dist/ mirrors src/ (dist/cli/ask.js for src/cli/ask.ts, the other files copied), so every path the code
// finds from its own place (knowledge/, prompts/, the migrations) is the same compiled or not.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');
const STAMP = join(dist, '.sources');

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('Usage: node bin/compiled.mjs cli/ask.js [arguments]');
  process.exit(2);
}

const files = walk(src);
// What the compiled copy was made from: every source's path, size and modification time.
const sources = createHash('sha256')
  .update(
    files
      .map((f) => {
        const { size, mtimeMs } = statSync(f);
        return `${relative(src, f)} ${size} ${mtimeMs}`;
      })
      .join('\n'),
  )
  .digest('hex');
if (readOr(STAMP) !== sources) await compile(files);

// The command reads its arguments from process.argv as if it had been started itself.
process.argv = [process.argv[0], join(dist, command), ...args];
await import(pathToFileURL(join(dist, command)).href);

async function compile(paths) {
  process.stderr.write('Compiling src/ into dist/ for the command-line tools (after every change to the code, a few seconds)…\n');
  const { default: ts } = await import('typescript');
  for (const file of paths) {
    if (file.endsWith('.d.ts')) continue; // types only
    const out = join(dist, relative(src, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    if (file.endsWith('.ts')) {
      const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
        fileName: file,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      });
      writeAtomically(out, outputText);
    } else {
      copyFileSync(file, out);
    }
  }
  writeAtomically(STAMP, sources);
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

function readOr(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

// Two commands compiling at once each write whole files: a reader never sees half of one.
function writeAtomically(file, text) {
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, text);
  renameSync(partial, file);
}
