/**
 * Which part of Samen may import which (issue 19): the layers below the channels import no
 * channel, production code never imports the tests, the platform stand-ins in src/support are
 * for the tests and the load benchmark only, and settings are read from the environment in
 * src/config.ts alone. Checked on the source text, so a new file is covered without a list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** Every module a file imports (static, dynamic and re-exports), resolved to a path relative to the repository. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => relative(ROOT, join(file, '..', s)));
}

const rel = (file: string) => relative(ROOT, file);

describe('import boundaries', () => {
  it('finds the imports it checks (the check is real)', () => {
    expect(imports(join(SRC, 'server', 'index.ts'))).toEqual(expect.arrayContaining(['src/channels/slack/app.js', 'src/config.js']));
    expect(imports(join(SRC, 'cli', 'bench-load.ts'))).toEqual(expect.arrayContaining(['src/support/fake-slack.js']));
  });

  it('no file in src/ imports from tests/', () => {
    const offending = sources(SRC).flatMap((f) => imports(f).filter((i) => i.startsWith('tests/')).map((i) => `${rel(f)} → ${i}`));
    expect(offending).toEqual([]);
  });

  it('the layers below the channels import no channel', () => {
    const below = ['answer', 'cards', 'conversation', 'evaluation', 'goals', 'knowledge', 'privacy', 'reminders', 'retrieval', 'shared', 'storage'];
    const files = [join(SRC, 'config.ts'), ...below.flatMap((d) => sources(join(SRC, d)))];
    const offending = files.flatMap((f) => imports(f).filter((i) => i.startsWith('src/channels/')).map((i) => `${rel(f)} → ${i}`));
    expect(offending).toEqual([]);
  });

  it('the layers below the server import nothing from it: the server composes them, not the other way round', () => {
    const below = ['answer', 'cards', 'channels', 'conversation', 'evaluation', 'goals', 'knowledge', 'privacy', 'reminders', 'retrieval', 'shared', 'storage'];
    const offending = below.flatMap((d) => sources(join(SRC, d))).flatMap((f) => imports(f).filter((i) => i.startsWith('src/server/')).map((i) => `${rel(f)} → ${i}`));
    expect(offending).toEqual([]);
  });

  it('the shared kernel (src/shared: the reply model, Language, language detection) imports no other part of Samen', () => {
    const offending = sources(join(SRC, 'shared')).flatMap((f) => imports(f).filter((i) => !i.startsWith('src/shared/')).map((i) => `${rel(f)} → ${i}`));
    expect(offending).toEqual([]);
  });

  it('the data path runs one way: knowledge and retrieval import neither the answer, the conversation layer nor the server', () => {
    const files = ['knowledge', 'retrieval', 'privacy', 'storage'].flatMap((d) => sources(join(SRC, d)));
    const upward = /^src\/(answer|conversation|server|channels|goals|reminders)\//;
    const offending = files.flatMap((f) => imports(f).filter((i) => upward.test(i)).map((i) => `${rel(f)} → ${i}`));
    expect(offending).toEqual([]);
  });

  it('only the load benchmark imports the platform stand-ins of src/support', () => {
    const outside = sources(SRC).filter((f) => !rel(f).startsWith('src/support/'));
    const importers = outside.filter((f) => imports(f).some((i) => i.startsWith('src/support/'))).map(rel);
    expect(importers).toEqual(['src/cli/bench-load.ts']);
  });

  it('settings are read from the environment in src/config.ts only', () => {
    const readers = sources(SRC)
      .filter((f) => /\bprocess\.env\b/.test(readFileSync(f, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '')))
      .map(rel);
    expect(readers).toEqual(['src/config.ts']);
  });
});
