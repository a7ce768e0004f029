import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadReflectionPrompts, promptsForWeek, readPromptsFile } from '../../src/reminders/prompts.js';

const knowledge = loadKnowledge();

describe('reflection prompts', () => {
  it('every finding id they rest on exists', () => {
    const ids = new Set(knowledge.findings.map((f) => f.id));
    const file = readPromptsFile(knowledge.dir);
    expect(file.prompts.length).toBeGreaterThanOrEqual(8);
    for (const p of file.prompts) for (const id of p.findings) expect(ids, `${p.id}: ${id}`).toContain(id);
    expect(() => loadReflectionPrompts(knowledge)).not.toThrow();
  });
  it('cover the reflection topics and rest on the reflection findings', () => {
    const prompts = loadReflectionPrompts(knowledge);
    const ids = prompts.flatMap((p) => p.findingIds);
    for (const id of ['fmcp-t1-mack-2017-helps', 'fmcp-t1-prince-2005-helps', 'fmcp-t1-kothari-2022-hinders', 'fmcp-att-unclear-roles-n7']) {
      expect(ids).toContain(id);
    }
    for (const p of prompts) expect(p.citation.en.sourceTitle).toBeTruthy();
  });
  it('three per week, deterministic, and consecutive weeks share none', () => {
    const prompts = loadReflectionPrompts(knowledge);
    for (let w = 2700; w < 2900; w += 1) {
      const a = promptsForWeek(prompts, w).map((p) => p.id);
      const b = promptsForWeek(prompts, w + 1).map((p) => p.id);
      expect(a).toHaveLength(3);
      expect(new Set(a).size).toBe(3);
      expect(a.filter((id) => b.includes(id))).toEqual([]);
      expect(promptsForWeek(prompts, w).map((p) => p.id)).toEqual(a);
    }
  });
});
