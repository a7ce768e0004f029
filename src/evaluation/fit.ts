/**
 * Fitting the tuned constants (src/retrieval/tuning.ts, src/answer/tuning.ts) on judged question sets, instead of
 * setting them one at a time by hand: coordinate ascent over a grid of values per constant. Each round tries every
 * value of every constant with the others held, keeps a value only when it raises the objective by more than
 * `minGain`, and stops when a round changes nothing. `npm run fit` runs it on the judged sets (src/cli/fit.ts).
 */

export interface Tunable {
  /** Where the constant lives, as written in its tuning file ("RETRIEVAL.rrfK"). */
  name: string;
  /** The values to try; the current value is kept unless another one is better. */
  values: number[];
  get(): number;
  set(value: number): void;
}

/** A constant (or constants that move together, such as a field's Dutch and English weights) of a tuning object. */
export function tunable(name: string, owner: object, keys: string[], values: number[]): Tunable {
  const o = owner as Record<string, number>;
  return {
    name,
    values,
    get: () => o[keys[0]],
    set: (v) => {
      for (const k of keys) o[k] = v;
    },
  };
}

export interface FitStep {
  name: string;
  from: number;
  to: number;
  objective: number;
}

export interface FitResult {
  start: number;
  best: number;
  steps: FitStep[];
  rounds: number;
}

export function coordinateAscent(
  tunables: Tunable[],
  objective: () => number,
  options: { rounds?: number; minGain?: number; onStep?: (s: FitStep) => void; onRound?: (round: number, best: number) => void } = {},
): FitResult {
  const rounds = options.rounds ?? 3;
  // A gain this small is one question's worth of noise on a set of about forty, not a better setting.
  const minGain = options.minGain ?? 0.002;
  const start = objective();
  let best = start;
  const steps: FitStep[] = [];
  let round = 0;
  while (round < rounds) {
    round += 1;
    let changed = false;
    for (const t of tunables) {
      const from = t.get();
      let bestValue = from;
      for (const v of t.values) {
        if (v === from) continue;
        t.set(v);
        const o = objective();
        if (o > best + minGain) {
          best = o;
          bestValue = v;
        }
      }
      t.set(bestValue);
      if (bestValue !== from) {
        changed = true;
        const step = { name: t.name, from, to: bestValue, objective: best };
        steps.push(step);
        options.onStep?.(step);
      }
    }
    options.onRound?.(round, best);
    if (!changed) break;
  }
  return { start, best, steps, rounds: round };
}
