import { describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KNOWLEDGE_DIR, loadKnowledge } from '../../src/knowledge/load.js';
import { ingestFile, extractCitations } from '../../src/knowledge/ingest.js';
import { groundingProblems } from '../../src/knowledge/verify.js';
import { loadIndex } from '../../src/retrieval/index.js';
import { Engine } from '../../src/answer/engine.js';
import { patient } from '../helpers/time.js';

const root = resolve(__dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
// The run's prepared index (tests/helpers/global-setup.ts): the commands load it instead of building their own.
const indexDir = inject('preparedIndexDir');
// spawnSync blocks the test's own time-out: a command that hangs is killed by this one instead.
const run = (args: string[], input?: string) =>
  spawnSync(tsx, args, { cwd: root, input, encoding: 'utf8', env: { ...process.env, SAMEN_INDEX_DIR: indexDir }, timeout: patient(60_000) });

describe('ask', () => {
  it('prints one JSON object in the stable contract for a question', () => {
    const out = run(['src/cli/ask.ts', '--json', 'Wat helpt bij onduidelijke rollen?']);
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(Object.keys(json)).toEqual(['question', 'language', 'found', 'answer', 'citations']);
    expect(json).toMatchObject({ question: 'Wat helpt bij onduidelijke rollen?', language: 'nl', found: true });
    expect(Object.keys(json.citations[0])).toEqual(['n', 'id', 'source', 'sourceTitle', 'location', 'studies', 'quote', 'text', 'score']);
    expect(json.citations.map((c: { n: number }) => c.n)).toEqual(json.citations.map((_: unknown, i: number) => i + 1));
  });

  it('reads one question per line from standard input and prints one JSON object per line', () => {
    const out = run(['src/cli/ask.ts', '--json'], 'What helps with unclear roles?\n\nWhat is the capital of France?\n');
    const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ language: 'en', found: true });
    expect(lines[1]).toMatchObject({ found: false, citations: [] });
  });

  it('prints a readable answer with sources for a person', () => {
    const out = run(['src/cli/ask.ts', 'How does cross-training affect placement stability for adolescents?']);
    expect(out.stdout).toContain('Sources:');
    expect(out.stdout).toMatch(/\[1\]/);
  });

  it('warns about client personal data in the terminal as in every channel, and never repeats it', () => {
    const question = 'Wat helpt bij onduidelijke rollen? Moeder Fatima El Amrani, BSN 123456782';
    const out = run(['src/cli/ask.ts', '--json', question]);
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.question).toBe('Wat helpt bij onduidelijke rollen? Moeder [name], BSN [bsn]');
    // The answer field is the text a person gets from `npm run ask` (renderText).
    expect(json.answer).toContain('Zet geen cliëntgegevens in je vragen');
    for (const secret of ['Fatima', 'Amrani', '123456782']) expect(out.stdout).not.toContain(secret);
  });

  it('npm run ask runs a compiled copy that prints exactly what the sources print, on the same index', { timeout: patient(120_000) }, () => {
    const questions = 'Wat helpt bij onduidelijke rollen?\nWhat gets in the way of sharing information?\nWhat is the capital of France?\n';
    const fromSources = run(['src/cli/ask.ts', '--json'], questions);
    // `npm run ask` is `node bin/compiled.mjs cli/ask.js`: dist/ is compiled first when a source changed.
    const compiled = spawnSync(process.execPath, ['bin/compiled.mjs', 'cli/ask.js', '--json'], {
      cwd: root,
      input: questions,
      encoding: 'utf8',
      env: { ...process.env, SAMEN_INDEX_DIR: indexDir },
      timeout: patient(90_000),
    });
    expect(compiled.status, compiled.stderr).toBe(0);
    expect(compiled.stdout.trim().split('\n')).toHaveLength(3);
    expect(compiled.stdout).toBe(fromSources.stdout);
    // The compiled code reads the index the sources wrote: the two would otherwise rebuild it by turns.
    expect(compiled.stderr).not.toContain('Building the search index');
  });

  it('runs the terminal chat from standard input', () => {
    const out = run(['src/cli/chat.ts'], 'Wat helpt bij onduidelijke rollen?\n\n');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('Wat helpt');
    expect(out.stdout).toContain('Bronnen:');
  });
});

describe('eval', () => {
  it('passes a question file that meets the floors and fails one that does not, naming the miss', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samen-eval-'));
    const good = join(dir, 'good.jsonl');
    writeFileSync(
      good,
      [
        { id: 'g1', lang: 'en', q: 'What helps with unclear roles?', expect_any: ['Darlington', 'Janssens', 'Hood', 'Sloper', 'Atkinson'] },
        { id: 'g2', lang: 'en', q: 'What is the capital of France?', expect_abstain: true },
      ]
        .map((o) => JSON.stringify(o))
        .join('\n'),
    );
    const passed = run(['src/cli/eval.ts', good]);
    expect(passed.stdout).toContain('success@5 1.000');
    expect(passed.stdout).toContain('declined 1/1');
    expect(passed.status).toBe(0);

    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, JSON.stringify({ id: 'b1', lang: 'en', q: 'What helps with unclear roles?', expect_abstain: true }));
    const failed = run(['src/cli/eval.ts', bad]);
    expect(failed.stdout).toContain('miss b1');
    expect(failed.stdout).toContain('BELOW FLOOR');
    expect(failed.status).toBe(1);
  });
});

describe('ingest', () => {
  it('adds an organisation document whose passages are found and cited like findings', () => {
    const kdir = mkdtempSync(join(tmpdir(), 'samen-ingest-'));
    cpSync(KNOWLEDGE_DIR, kdir, { recursive: true, filter: (src) => !src.startsWith(join(KNOWLEDGE_DIR, 'index')) });
    const doc = join(kdir, 'protocol.md');
    writeFileSync(
      doc,
      '# Protocol buurtnetwerk Zuiderpark\n\n## Overleg\n\nHet wijkteam en de school houden elke zes weken een zorgbuurt-\noverleg over gezinnen, zoals Kothari et al. (2022) aanbeveelt (zie ook Mack et al., 2017).\n\n## Privacy\n\nGegevens worden alleen gedeeld met schriftelijke toestemming van de ouders.\n',
    );
    const { findings } = ingestFile(doc, { knowledgeDir: kdir, id: 'zuiderpark', title: 'Protocol Zuiderpark' });
    expect(findings).toHaveLength(2);
    expect(findings[0].quote).toContain('zorgbuurtoverleg');
    expect(findings[0].studies).toEqual(['Kothari et al. (2022)', 'Mack et al. (2017)']);
    const k = loadKnowledge(kdir);
    expect(groundingProblems(k)).toEqual([]);
    const engine = new Engine(k, loadIndex(k, join(kdir, 'index')));
    const reply = engine.answer('Hoe vaak houden wijkteam en school een zorgbuurtoverleg?');
    const cited = reply.citations.find((c) => c.id === 'zuiderpark-p001');
    expect(cited).toMatchObject({ sourceTitle: 'Protocol Zuiderpark', location: 'Overleg', studies: ['Kothari et al. (2022)', 'Mack et al. (2017)'] });
  });

  it('extracts author-year citations in the usual forms', () => {
    expect(extractCitations('Zoals Darlington en Feeney (2007) en (Hood et al., 2017; Sloper, 2004) lieten zien.')).toEqual([
      'Darlington & Feeney (2007)',
      'Hood et al. (2017)',
      'Sloper (2004)',
    ]);
  });

  it('refuses a file type it cannot read, with a clear message', () => {
    const out = spawnSync(tsx, ['src/cli/ingest.ts', 'package-lock.json'], { cwd: root, encoding: 'utf8' });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('Only plain text and Markdown');
  });
});
