import type { Table } from '../adapters/table.ts';
import { keyPrefixes } from '../table-design.ts';
import type { Funnel, FunnelCount, FunnelCounter } from './funnel.ts';

/**
 * | item              | pk              | sk                          |
 * | a funnel counter  | `FUNNEL#<day>`  | `<version>#<entry>#<step>`  |
 *
 * One partition per day, so a day's counters are one query.
 */
const keyOf = (counter: FunnelCounter) => ({
  pk: `${keyPrefixes.funnel}${counter.day}`,
  sk: `${counter.assessmentVersion}#${counter.entry}#${counter.step}`,
});

/** The parts of a counter's sort key (an entry may hold `#`; the version and the step never do). */
function partsOf(sk: string): Omit<FunnelCounter, 'day'> {
  const [assessmentVersion = '', ...rest] = sk.split('#');
  const step = rest.pop() ?? '';
  return { assessmentVersion, entry: rest.join('#'), step };
}

/** Counts hold nothing about a visitor: kept a little over a year, for comparisons with last year. */
const KEPT_DAYS = 400;

/** The DynamoDB funnel counters. */
export class DynamoFunnel implements Funnel {
  constructor(private readonly table: Table) {}

  async count(counter: FunnelCounter): Promise<void> {
    await this.table.update(keyOf(counter), {
      expression: 'ADD #count :one SET expiresAt = if_not_exists(expiresAt, :exp)',
      names: { '#count': 'count' },
      values: { ':one': 1, ':exp': this.table.expiresIn(KEPT_DAYS) },
    });
  }

  async countsOn(day: string): Promise<FunnelCount[]> {
    const items = await this.table.query({ expression: 'pk = :pk', values: { ':pk': `${keyPrefixes.funnel}${day}` } });
    return items.map((item) => ({ day, ...partsOf(String(item.sk)), count: Number(item.count ?? 0) }));
  }
}
