import { describe, expect, it } from 'vitest';
import { mkdtempSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KNOWLEDGE_DIR, KnowledgeError, loadKnowledge } from '../../src/knowledge/load.js';
import { roleOf } from '../../src/knowledge/structure.js';

const k = loadKnowledge();
const byId = new Map(k.findings.map((f) => [f.id, f]));

describe('the factor map (knowledge/factors)', () => {
  it('links each factor to passages that state it across studies, and each finding to at most three factors', () => {
    expect(k.factors.length).toBeGreaterThanOrEqual(30);
    for (const factor of k.factors) {
      const lead = byId.get(factor.synthesis[0])!;
      // The first passage of a factor states it (a synthesis or a Table 2 row), not one study's result.
      expect(['synthesis', 'table-row'], `${factor.id} leads with ${lead.id}`).toContain(roleOf(lead, k.sources.get(lead.source)!.kind));
    }
    const memberships = new Map<string, number>();
    for (const f of k.factors) for (const id of new Set([...f.synthesis, ...f.supporting])) memberships.set(id, (memberships.get(id) ?? 0) + 1);
    expect([...memberships].filter(([, n]) => n > 3)).toEqual([]);
  });

  it('draws on both reviews', () => {
    const both = k.factors.filter((f) => new Set([...f.synthesis, ...f.supporting].map((id) => byId.get(id)!.source)).size === 2);
    expect(both.length).toBeGreaterThan(k.factors.length / 3);
  });

  it('refuses a factor that links a finding that does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samen-factors-'));
    cpSync(KNOWLEDGE_DIR, dir, { recursive: true, filter: (src) => !src.includes('/index') });
    writeFileSync(
      join(dir, 'factors', 'zz-broken.yaml'),
      'factors:\n  - id: broken\n    name: { nl: "x", en: "x" }\n    asks: { nl: ["wat nu?"], en: ["what now?"] }\n    synthesis: [no-such-finding]\n',
    );
    expect(() => loadKnowledge(dir)).toThrow(KnowledgeError);
    expect(() => loadKnowledge(dir)).toThrow(/no-such-finding/);
  });
});
