import { mostStopped, reachByQuestion, stepTotal } from '../../quiz/funnel.ts';
import type { Funnel, FunnelCount } from '../funnel/funnel.ts';
import { addDays } from './week.ts';

/**
 * The funnel as the consultancy reads it, in the weekly digest and in `npm run leads -- funnel`: the counters of a
 * range of UTC days, and what each step is called.
 */

/** The steps shown, in the order a visitor goes through them, with their labels (questions come between start and finish). */
export const FUNNEL_STEP_LABELS: readonly (readonly [step: string, label: string])[] = [
  ['view', 'Opened the assessment'],
  ['start', 'Started'],
  ['completed', 'Finished'],
  ['completed-without-script', 'Finished without JavaScript (not in the steps above)'],
  ['contact', 'Left their details'],
  ['results', 'Opened their results again'],
  ['follow-up-sent', 'Follow-ups sent'],
  ['unsubscribed', 'Unsubscribed'],
  ['talk', 'Clicked to talk'],
  ['book', 'Clicked to book a call'],
];

/** The most questions an assessment version is taken to have (the funnel refuses a question past the served ones). */
const MAX_QUESTIONS = 100;

/** The highest question number counted. */
const highestQuestion = (counts: readonly FunnelCount[]) =>
  Math.max(0, ...counts.filter((c) => c.step.startsWith('question-')).map((c) => Number(c.step.slice('question-'.length)) || 0));

/** Every funnel counter of the UTC days from `firstDay` to `lastDay` (`YYYY-MM-DD`, both included). */
export async function funnelBetween(funnel: Pick<Funnel, 'countsOn'>, firstDay: string, lastDay: string): Promise<FunnelCount[]> {
  const days: string[] = [];
  for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) days.push(day);
  return (await Promise.all(days.map((day) => funnel.countsOn(day)))).flat();
}

/** Each step's total over some counters (questions left out: see `mostStopped`). */
export function stepTotals(counts: readonly FunnelCount[]): Record<string, number> {
  const steps = [...new Set(counts.map((c) => c.step).filter((step) => !step.startsWith('question-')))];
  return Object.fromEntries(steps.map((step) => [step, stepTotal(counts, step)]));
}

/** One step of a version's funnel as the consultancy reads it: a question's with how many stopped before it. */
export interface FunnelRow {
  label: string;
  count: number;
  /** For a question: its number, how many fewer reached it than the one before, and its words (current version only). */
  question?: { number: number; drop: number; prompt: string };
  /** Of those who opened the assessment, the share that reached this step (not for the opening itself). */
  ofViews?: number;
}

/** An entry's totals: a campaign or the article that sent visitors. */
export interface EntryTotals {
  entry: string;
  views: number;
  started: number;
  completed: number;
  contact: number;
}

/** The funnel of one assessment version over some days. */
export interface VersionFunnel {
  version: string;
  rows: FunnelRow[];
  mostStopped: { question: number; stopped: number } | null;
  entries: EntryTotals[];
  /** How many more finished than started: answers sent to the API without the page (a script, a bot, \`npm run seed\`). */
  finishedUnseen: number;
}

/** Each entry's totals over some counters, by entry name. */
export function entryTotals(counts: readonly FunnelCount[]): EntryTotals[] {
  return [...new Set(counts.map((c) => c.entry))].sort().map((entry) => {
    const mine = counts.filter((c) => c.entry === entry);
    const total = (step: string) => stepTotal(mine, step);
    return { entry, views: total('view'), started: total('start'), completed: total('completed'), contact: total('contact') };
  });
}

/**
 * The funnel per assessment version, newest version first: every step in order, each question reached with the drop
 * from the one before (named in the words of `prompts` for the version they belong to), where most stopped, and the
 * totals per entry.
 * @param prompts the questions of the current version, in order, and that version
 */
export function funnelByVersion(counts: readonly FunnelCount[], prompts: { version: string; questions: string[] }): VersionFunnel[] {
  return [...new Set(counts.map((c) => c.assessmentVersion))]
    .sort()
    .reverse()
    .map((version) => {
      const mine = counts.filter((c) => c.assessmentVersion === version);
      const total = (step: string) => stepTotal(mine, step);
      const views = total('view');
      // The current version asks a known number of questions; an older one, as many as were counted.
      const current = version === prompts.version;
      const asked = current ? prompts.questions.length : Math.min(MAX_QUESTIONS, highestQuestion(mine));
      const reach = reachByQuestion(mine, asked);
      const questions: FunnelRow[] = reach.map((count, i) => {
        const drop = i > 0 ? (reach[i - 1] ?? 0) - count : 0;
        const prompt = current ? (prompts.questions[i] ?? '') : '';
        return { label: `question ${i + 1}`, count, question: { number: i + 1, drop, prompt } };
      });
      const rows = FUNNEL_STEP_LABELS.flatMap(([step, label]) => {
        // A share is a claim about the visits that opened the page: none is made for a step some reached without it
        // (answers sent to the API directly, by \`npm run seed\` or a script, are stored and counted as finished).
        const share = step !== 'view' && views > 0 && total(step) <= views && { ofViews: total(step) / views };
        const row: FunnelRow = { label, count: total(step), ...share };
        return step === 'completed' ? [...questions, row] : [row];
      });
      const unseen = Math.max(0, total('completed') - total('start'));
      return { version, rows, mostStopped: mostStopped(mine, asked), entries: entryTotals(mine), finishedUnseen: unseen };
    });
}

/** The UTC days `days` long up to and including `today`'s. */
export function lastDays(days: number, today: Date): { firstDay: string; lastDay: string } {
  const lastDay = today.toISOString().slice(0, 10);
  return { firstDay: addDays(lastDay, 1 - days), lastDay };
}
