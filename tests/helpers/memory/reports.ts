import type { Clock } from '../../../src/lambda/ports.ts';
import type { ReadOptions } from '../../../src/lambda/records.ts';
import type { Reports } from '../../../src/lambda/reports/reports.ts';
import { type WeeklyReport, WeeklyReportSchema } from '../../../src/lambda/reports/weekly-report.ts';
import { WEEKLY_DIGEST_KEPT_DAYS } from '../../../src/site-config.ts';
import { Shelf } from './shelf.ts';

/** The weekly reports, in memory, with DynamoReports' contract. */
export class MemoryReports implements Reports {
  readonly shelf: Shelf<WeeklyReport>;

  constructor(clock: Clock) {
    this.shelf = new Shelf(clock, (v) => WeeklyReportSchema.parse(v), WEEKLY_DIGEST_KEPT_DAYS);
  }

  async save(report: WeeklyReport) {
    return this.shelf.save(report.id, report);
  }
  async get(week: string, options?: ReadOptions) {
    return this.shelf.get(week, options);
  }
  async replace(report: WeeklyReport) {
    const kept = this.shelf.kept.get(report.id);
    if (kept) kept.value = structuredClone(report);
  }
}
