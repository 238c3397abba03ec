/**
 * `npm test`: every check in one command, in the order that fails fastest. Ends with the line
 * `N passed, N failed, N skipped` (vitest's tests plus each static check) and exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const env = {
  ...process.env,
  PATH: `${join(root, 'node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}`,
  ASTRO_TELEMETRY_DISABLED: '1',
};

/** The site must build in this many seconds on these machines (a budget, checked at every run). */
const BUILD_BUDGET_SECONDS = 30;

interface Step {
  name: string;
  command: string[];
  /** Fails the step when it takes longer. */
  budgetSeconds?: number;
}

const staticSteps: Step[] = [
  { name: 'format and lint (Biome, with import boundaries)', command: ['biome', 'check', '.'] },
  { name: 'Astro types (astro sync)', command: ['astro', 'sync'] },
  { name: 'Astro check', command: ['astro', 'check', '--minimumSeverity', 'warning'] },
  { name: 'TypeScript (tsc --noEmit)', command: ['tsc', '--noEmit'] },
  { name: 'site build (astro build)', command: ['astro', 'build'], budgetSeconds: BUILD_BUDGET_SECONDS },
];

function run(step: Step): boolean {
  console.log(`\n▶ ${step.name}`);
  const started = Date.now();
  const [command = '', ...args] = step.command;
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  const seconds = (Date.now() - started) / 1000;
  let ok = result.status === 0;
  if (ok && step.budgetSeconds !== undefined && seconds > step.budgetSeconds) {
    console.log(`Budget broken: ${step.name} took ${seconds.toFixed(1)} s, over its ${step.budgetSeconds} s budget.`);
    ok = false;
  }
  console.log(
    `${ok ? '✔' : '✘'} ${step.name} (${seconds.toFixed(1)} s${step.budgetSeconds ? ` of a ${step.budgetSeconds} s budget` : ''})`,
  );
  return ok;
}

let staticPassed = 0;
let staticFailed = 0;
for (const step of staticSteps) {
  if (run(step)) staticPassed += 1;
  else staticFailed += 1;
}

const reportFile = join(root, 'reports/vitest.json');
mkdirSync(join(root, 'reports'), { recursive: true });
rmSync(reportFile, { force: true });
const filters = process.argv.slice(2);
const testsOk = run({
  name: 'tests (unit, integration, infra, e2e)',
  command: [
    'vitest',
    'run',
    '--config',
    'tests/vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
    ...filters,
  ],
});

let passed = staticPassed;
let failed = staticFailed;
let skipped = 0;
if (existsSync(reportFile)) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numTotalTests: number;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  if (!testsOk && report.numFailedTests === 0) failed += 1; // e.g. a global setup or a suite failed to load
  if (report.numTotalTests === 0) {
    console.error('No test ran: that is a failure, not a pass.');
    failed += 1;
  }
} else {
  failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
