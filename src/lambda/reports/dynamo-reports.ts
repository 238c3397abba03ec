import { WEEKLY_DIGEST_KEPT_DAYS } from '../../site-config.ts';
import type { Item, Table } from '../adapters/table.ts';
import type { ReadOptions } from '../records.ts';
import { recordKey } from '../table-design.ts';
import type { Reports } from './reports.ts';
import { type WeeklyReport, WeeklyReportSchema } from './weekly-report.ts';

/**
 * | item                            | pk                     | sk        |
 * | a week's report for the digest  | `DIGEST#<ISO week>`    | `REPORT`  |
 *
 * The digest's outbox item is kept under the same pk (see outbox/).
 */
const keyOf = (week: string) => ({ pk: recordKey({ type: 'week', id: week }), sk: 'REPORT' });
/**
 * A report's failed items are stored as `failedEmails`, the name every version before this one wrote and reads, so a
 * function running an earlier version during a deploy, or after a rollback, reads what this one writes.
 */
const toItem = ({ failedItems, ...rest }: WeeklyReport) => ({ ...rest, failedEmails: failedItems });
const parse = (item: Item) => {
  const { failedEmails, ...rest } = item;
  return WeeklyReportSchema.parse({ failedItems: failedEmails, ...rest });
};

/** The DynamoDB weekly reports. */
export class DynamoReports implements Reports {
  constructor(private readonly table: Table) {}

  save(report: WeeklyReport) {
    return this.table.save(parse, keyOf(report.id), toItem(report), WEEKLY_DIGEST_KEPT_DAYS);
  }

  get(week: string, options?: ReadOptions) {
    return this.table.read(parse, keyOf(week), options);
  }

  async replace(report: WeeklyReport): Promise<void> {
    const stored = await this.table.get(keyOf(report.id), { withExpired: true });
    if (!stored) return;
    await this.table.put({ ...stored, ...toItem(report), ...keyOf(report.id) });
  }
}
