import type { ReadOptions, Saved } from '../records.ts';
import type { WeeklyReport } from './weekly-report.ts';

/** Where each week's report for the weekly digest is kept (WEEKLY_DIGEST_KEPT_DAYS), computed once. */
export interface Reports {
  /** Stores a week's report unless one for that week exists; then returns the stored one. */
  save(report: WeeklyReport): Promise<Saved<WeeklyReport>>;
  /** Reads a week's report (null when missing or, unless asked, past its retention). */
  get(week: string, options?: ReadOptions): Promise<WeeklyReport | null>;
  /** Replaces a stored week's report (to take an erased person's line out of it); keeps its expiry. */
  replace(report: WeeklyReport): Promise<void>;
}
