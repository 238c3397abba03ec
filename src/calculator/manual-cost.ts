/** Pure arithmetic of the manual-cost calculator, shared by the article's worked example and its custom element. */

/** The calculator's inputs, in the units people think in. */
export interface ManualCostInput {
  /** How many similar recurring tasks. */
  tasks: number;
  /** Minutes one occurrence takes, as people estimate it. */
  minutes: number;
  /** Occurrences per person per week. */
  perWeek: number;
  /** People who do it. */
  people: number;
  /** Loaded cost of an hour of their time (salary plus employment costs and overheads). */
  hourlyCost: number;
  /** Percentage of occurrences that go wrong and need rework. */
  errorRate: number;
  /** Minutes to find and fix one error. */
  reworkMinutes: number;
  /** Time around the task (finding the work, checking, hand-offs) as a percentage of the task time. */
  overheadRate: number;
}

/** One field's limits and the words used for it in messages. */
interface FieldRule {
  label: string;
  min: number;
  max: number;
}

/** Limits of every input; values outside them are refused with a message, never shown as nonsense. */
export const FIELD_RULES: Record<keyof ManualCostInput, FieldRule> = {
  tasks: { label: 'Number of tasks', min: 1, max: 1000 },
  minutes: { label: 'Minutes per task', min: 0, max: 1440 },
  perWeek: { label: 'Times per week', min: 0, max: 10_000 },
  people: { label: 'People', min: 0, max: 100_000 },
  hourlyCost: { label: 'Hourly cost', min: 0, max: 10_000 },
  errorRate: { label: 'Error rate', min: 0, max: 100 },
  reworkMinutes: { label: 'Minutes to fix an error', min: 0, max: 10_000 },
  overheadRate: { label: 'Time around the task', min: 0, max: 1000 },
};

/** Working weeks in a year (holidays and leave taken out). */
export const WORKING_WEEKS = 46;

/** The article's worked example: one ordinary task, measured honestly. */
export const EXAMPLE_INPUT: ManualCostInput = {
  tasks: 1,
  minutes: 10,
  perWeek: 20,
  people: 2,
  hourlyCost: 45,
  errorRate: 8,
  reworkMinutes: 90,
  overheadRate: 100,
};

/** The calculated cost. */
export interface ManualCost {
  occurrencesPerYear: number;
  /** The estimate people give: the task time only. */
  naiveHours: number;
  naiveCost: number;
  /** Time around the task. */
  overheadHours: number;
  overheadCost: number;
  /** Finding and fixing errors. */
  reworkHours: number;
  reworkCost: number;
  trueHours: number;
  trueCost: number;
  /** True cost ÷ naive estimate, or null when the estimate is zero. */
  multiple: number | null;
}

/** A problem with one input. */
export interface InputProblem {
  field: keyof ManualCostInput;
  message: string;
}

/**
 * Validates raw inputs (numbers or strings from a form or URL) and explains each bad one.
 * @example parseManualCostInput({ ...EXAMPLE_INPUT, minutes: 'ten' }) // { ok: false, problems: [{ field: 'minutes', ... }] }
 */
export function parseManualCostInput(
  raw: Partial<Record<keyof ManualCostInput, unknown>>,
): { ok: true; input: ManualCostInput } | { ok: false; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const input = { ...EXAMPLE_INPUT };
  for (const field of Object.keys(FIELD_RULES) as (keyof ManualCostInput)[]) {
    const rule = FIELD_RULES[field];
    const value = raw[field];
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value.trim().replace(/,/g, '') : value;
    const number = typeof text === 'number' ? text : text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(number)) {
      problems.push({ field, message: `${rule.label}: enter a number.` });
    } else if (number < rule.min || number > rule.max) {
      problems.push({ field, message: `${rule.label}: enter a number from ${rule.min} to ${rule.max.toLocaleString('en-GB')}.` });
    } else {
      input[field] = number;
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, input };
}

/**
 * The yearly cost of a manual task: the naive estimate (time × frequency × people × hourly cost) and the
 * fuller one that adds the time around the task and error rework.
 * @example calculateManualCost(EXAMPLE_INPUT).multiple // ≈ 2.7
 */
export function calculateManualCost(input: ManualCostInput): ManualCost {
  const occurrencesPerYear = input.tasks * input.perWeek * input.people * WORKING_WEEKS;
  const naiveHours = (occurrencesPerYear * input.minutes) / 60;
  const overheadHours = naiveHours * (input.overheadRate / 100);
  const reworkHours = (occurrencesPerYear * (input.errorRate / 100) * input.reworkMinutes) / 60;
  const trueHours = naiveHours + overheadHours + reworkHours;
  return {
    occurrencesPerYear,
    naiveHours,
    naiveCost: naiveHours * input.hourlyCost,
    overheadHours,
    overheadCost: overheadHours * input.hourlyCost,
    reworkHours,
    reworkCost: reworkHours * input.hourlyCost,
    trueHours,
    trueCost: trueHours * input.hourlyCost,
    multiple: naiveHours > 0 ? trueHours / naiveHours : null,
  };
}

/** Formats a whole number the way the article does (1,234). */
export const formatWhole = (n: number) => Math.round(n).toLocaleString('en-GB');
