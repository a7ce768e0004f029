import { describe, expect, it } from 'vitest';
import { coordinateAscent, tunable } from '../../src/evaluation/fit.js';

describe('fitting tuned constants by coordinate ascent', () => {
  it('moves each constant to the grid value that serves the objective best, and reports each change', () => {
    const settings = { weight: 1, depth: 10 };
    const steps: string[] = [];
    const result = coordinateAscent(
      [tunable('weight', settings, ['weight'], [0.5, 1, 2, 3]), tunable('depth', settings, ['depth'], [5, 10, 15])],
      () => -((settings.weight - 2) ** 2) - (settings.depth - 5) ** 2 / 100,
      { onStep: (s) => steps.push(`${s.name} ${s.from}→${s.to}`) },
    );
    expect(settings).toEqual({ weight: 2, depth: 5 });
    expect(steps).toEqual(['weight 1→2', 'depth 10→5']);
    expect(result.best).toBeGreaterThan(result.start);
    // The second round changed nothing, so the fit stopped there.
    expect(result.rounds).toBe(2);
  });

  it('keeps the current value when another is better only by noise', () => {
    const settings = { cutoff: 0.5 };
    coordinateAscent([tunable('cutoff', settings, ['cutoff'], [0.4, 0.5, 0.6])], () => (settings.cutoff === 0.6 ? 0.001 : 0), { minGain: 0.002 });
    expect(settings.cutoff).toBe(0.5);
  });

  it('moves constants that belong together as one (a field weight in both languages)', () => {
    const boost = { kwnl: 1.5, kwen: 1.5 };
    coordinateAscent([tunable('keywords', boost, ['kwnl', 'kwen'], [1, 1.5, 3])], () => boost.kwnl + boost.kwen);
    expect(boost).toEqual({ kwnl: 3, kwen: 3 });
  });
});
