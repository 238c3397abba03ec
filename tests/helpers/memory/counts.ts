import type { Histograms } from '../../../src/lambda/comparison/histograms.ts';
import type { Funnel, FunnelCount, FunnelCounter } from '../../../src/lambda/funnel/funnel.ts';
import { RESPONDENTS } from '../../../src/quiz/benchmark.ts';

/** The funnel's daily counters, in memory, by `day|version|entry|step`. */
export class MemoryFunnel implements Funnel {
  readonly counts = new Map<string, number>();

  async count(counter: FunnelCounter) {
    const key = `${counter.day}|${counter.assessmentVersion}|${counter.entry}|${counter.step}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  async countsOn(day: string): Promise<FunnelCount[]> {
    return [...this.counts.entries()].flatMap(([key, count]) => {
      const [at = '', assessmentVersion = '', entry = '', step = ''] = key.split('|');
      return at === day ? [{ day, assessmentVersion, entry, step, count }] : [];
    });
  }
}

/** The histograms of scores, in memory, by assessment version. */
export class MemoryHistograms implements Histograms {
  readonly histograms = new Map<string, Record<string, number>>();

  async countRespondent(assessmentVersion: string, buckets: string[]) {
    const histogram = this.histograms.get(assessmentVersion) ?? {};
    for (const name of [RESPONDENTS, ...buckets]) histogram[name] = (histogram[name] ?? 0) + 1;
    this.histograms.set(assessmentVersion, histogram);
  }
  async histogram(assessmentVersion: string) {
    return { ...this.histograms.get(assessmentVersion) };
  }
}
