import { describe, expect, it } from 'vitest';
import { calculateManualCost, EXAMPLE_INPUT, parseManualCostInput } from '../../../src/calculator/manual-cost.ts';

describe('calculateManualCost', () => {
  it.each([
    // tasks, minutes, perWeek, people, cost, error%, rework min, overhead% → naive h, true h, naive cost, true cost
    [{ ...EXAMPLE_INPUT }, 306.67, 834.13, 13_800, 37_536],
    [{ ...EXAMPLE_INPUT, errorRate: 0, overheadRate: 0 }, 306.67, 306.67, 13_800, 13_800],
    [
      { ...EXAMPLE_INPUT, people: 1, perWeek: 5, minutes: 30, hourlyCost: 60, errorRate: 10, reworkMinutes: 60, overheadRate: 50 },
      115,
      195.5,
      6_900,
      11_730,
    ],
  ])('costs %o', (input, naiveHours, trueHours, naiveCost, trueCost) => {
    const cost = calculateManualCost(input);
    expect(cost.naiveHours).toBeCloseTo(naiveHours, 1);
    expect(cost.trueHours).toBeCloseTo(trueHours, 1);
    expect(cost.naiveCost).toBeCloseTo(naiveCost, 0);
    expect(cost.trueCost).toBeCloseTo(trueCost, 0);
    // The rows add up: task time, time around it and rework make the true cost.
    expect(cost.naiveCost + cost.overheadCost + cost.reworkCost).toBeCloseTo(cost.trueCost, 6);
  });

  it('shows the worked example at about three times the usual estimate', () => {
    expect(calculateManualCost(EXAMPLE_INPUT).multiple).toBeCloseTo(2.72, 2);
  });

  it('handles zero time without dividing by zero', () => {
    const cost = calculateManualCost({ ...EXAMPLE_INPUT, minutes: 0, errorRate: 0 });
    expect(cost).toMatchObject({ naiveHours: 0, trueHours: 0, trueCost: 0, multiple: null });
  });

  it('stays finite for the largest accepted inputs', () => {
    const cost = calculateManualCost({
      tasks: 1000,
      minutes: 1440,
      perWeek: 10_000,
      people: 100_000,
      hourlyCost: 10_000,
      errorRate: 100,
      reworkMinutes: 10_000,
      overheadRate: 1000,
    });
    expect(Number.isFinite(cost.trueCost)).toBe(true);
  });
});

describe('parseManualCostInput', () => {
  it('accepts numbers typed with thousands separators', () => {
    expect(parseManualCostInput({ hourlyCost: '1,200' })).toEqual({ ok: true, input: { ...EXAMPLE_INPUT, hourlyCost: 1200 } });
  });

  it.each([
    [{ minutes: 'ten' }, 'Minutes per task: enter a number.'],
    [{ minutes: '' }, 'Minutes per task: enter a number.'],
    [{ errorRate: '150' }, 'Error rate: enter a number from 0 to 100.'],
    [{ people: '-1' }, 'People: enter a number from 0 to 100,000.'],
    [{ tasks: 'Infinity' }, 'Number of tasks: enter a number.'],
    [{ hourlyCost: '1e9' }, 'Hourly cost: enter a number from 0 to 10,000.'],
  ])('explains %o instead of calculating NaN', (raw, message) => {
    const parsed = parseManualCostInput(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.message)).toEqual([message]);
  });
});
