import { type Histogram, RESPONDENTS } from '../../quiz/benchmark.ts';
import type { Table } from '../adapters/table.ts';
import { keyPrefixes } from '../table-design.ts';
import type { Histograms } from './histograms.ts';

/**
 * | item                                   | pk                  | sk           |
 * | the histogram of an assessment version | `BENCH#<version>`   | `HISTOGRAM`  |
 *
 * One attribute per bucket, each a count; never expires (it holds counts only).
 */
const keyOf = (assessmentVersion: string) => ({ pk: `${keyPrefixes.benchmark}${assessmentVersion}`, sk: 'HISTOGRAM' });

/** The DynamoDB histograms. */
export class DynamoHistograms implements Histograms {
  constructor(private readonly table: Table) {}

  async countRespondent(assessmentVersion: string, buckets: string[]): Promise<void> {
    const names = Object.fromEntries([RESPONDENTS, ...buckets].map((name, i) => [`#b${i}`, name]));
    await this.table.update(keyOf(assessmentVersion), {
      // One write adds to every bucket at once: concurrent submissions are each counted once.
      expression: `ADD ${Object.keys(names)
        .map((name) => `${name} :one`)
        .join(', ')}`,
      names,
      values: { ':one': 1 },
    });
  }

  async histogram(assessmentVersion: string): Promise<Histogram> {
    const item = (await this.table.get(keyOf(assessmentVersion), { eventually: true })) ?? {};
    return Object.fromEntries(Object.entries(item).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  }
}
