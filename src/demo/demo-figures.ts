/**
 * The figures a numeric target is reported with over the demo year: a plausible end-of-year figure
 * that meets the target, falls just short or clearly short, and a path towards it — year-to-date
 * totals that only grow for cumulative figures, a level drifting from where the year started for
 * the others. Every figure suits the target's measure, or the decider would refuse it.
 */
import type { NumericTarget } from '../domain/indicator/target';
import type { DemoPeriod } from './demo-periods';
import type { DemoRandom } from './demo-random';

export type DemoOutcome = 'met' | 'near' | 'short';

export function drawOutcome(random: DemoRandom): DemoOutcome {
  const draw = random.next();
  return draw < 0.7 ? 'met' : draw < 0.9 ? 'near' : 'short';
}

export interface DemoFigure extends DemoPeriod {
  value: number;
}

export function figuresOf(target: NumericTarget, periods: readonly DemoPeriod[], outcome: DemoOutcome, random: DemoRandom): DemoFigure[] {
  const final = finalFigure(target, outcome, random);
  const start = startOfYear(target, final, random);
  let previous = 0;
  return periods.map((p) => {
    let value: number;
    if (p.fraction >= 1) value = final;
    else if (target.accumulation === 'cumulative') value = Math.max(previous, final * p.fraction ** 1.15 * random.between(0.95, 1.04));
    else value = start + (final - start) * p.fraction + (final - start) * random.between(-0.12, 0.12);
    value = suited(target, value);
    if (target.accumulation === 'cumulative') value = Math.min(Math.max(previous, value), final);
    previous = value;
    return { ...p, value };
  });
}

/** Rounds and bounds a figure as the measure takes it: whole counts and ranks, shares within 0–100. */
export function suited(target: NumericTarget, value: number): number {
  switch (target.measure) {
    case 'count':
      return Math.max(0, Math.round(value));
    case 'rank':
      return Math.max(1, Math.round(value));
    case 'share':
      return Math.min(100, Math.max(0, round1(value)));
    case 'amount':
      return Math.max(0, round1(value));
    case 'growth':
      return round1(value);
    default: {
      const unknown: never = target.measure;
      throw new Error(`Unknown measure ${String(unknown)}`);
    }
  }
}

function finalFigure(target: NumericTarget, outcome: DemoOutcome, random: DemoRandom): number {
  const v = target.value ?? 0;
  const whole = target.measure === 'count' || target.measure === 'rank';
  switch (target.comparator) {
    case '>=':
    case '>': {
      const strict = target.comparator === '>';
      if (target.measure === 'share' && v >= 95) {
        const room = 100 - v;
        if (outcome === 'met') return suited(target, v + (strict ? 0.1 : 0) + room * random.between(0.2, 0.9));
        return suited(target, v - (outcome === 'near' ? random.between(0.2, 0.8) : random.between(1.5, 4)));
      }
      const factor = outcome === 'met' ? random.between(1.0, 1.06) : outcome === 'near' ? random.between(0.95, 0.99) : random.between(0.82, 0.93);
      const figure = suited(target, v * factor);
      if (outcome === 'met' && strict && figure <= v) return v + (whole ? 1 : 0.1);
      return figure;
    }
    case '<':
    case '<=':
      if (v === 0) return outcome === 'met' ? 0 : whole ? random.int(1, 2) : 0.5;
      return suited(target, v * (outcome === 'met' ? random.between(0.8, 0.97) : random.between(1.02, 1.12)));
    case '=':
      if (outcome === 'met') return v;
      return suited(target, v + random.pick([-1, 1]) * (outcome === 'near' ? random.between(0.1, 0.3) : random.between(0.5, 1.5)));
    case 'between': {
      const min = target.min ?? 0;
      const max = target.max ?? min;
      if (outcome === 'met') return random.int(Math.ceil(min), Math.floor(max));
      return suited(target, outcome === 'near' ? min - random.int(1, 3) : min * 0.8);
    }
    case 'top_group':
      return outcome === 'met' ? random.int(1, v) : outcome === 'near' ? v + 1 : v + random.int(2, 4);
    default: {
      const unknown: never = target.comparator;
      throw new Error(`Unknown comparator ${String(unknown)}`);
    }
  }
}

/** Where a level figure stood when the year began: below a "more is better" target, above a "less is better" one. */
function startOfYear(target: NumericTarget, final: number, random: DemoRandom): number {
  if (target.accumulation === 'cumulative') return 0;
  if (target.measure === 'growth') return final * random.between(0.55, 0.8);
  if (target.comparator === '=') return final + random.between(-0.8, 0.8);
  const lowerIsBetter = target.comparator === '<' || target.comparator === '<=' || target.comparator === 'top_group';
  const spread = target.measure === 'share' ? (final >= 98 ? random.between(0.3, 1.5) : random.between(1, 4)) : Math.max(1, final * random.between(0.05, 0.2));
  return lowerIsBetter ? final + spread : final - spread;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
