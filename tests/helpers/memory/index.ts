import type { Ports } from '../../../src/lambda/backend.ts';
import type { Clock } from '../../../src/lambda/ports.ts';
import { MemoryConsentConfirmations } from './confirmations.ts';
import { MemoryFunnel, MemoryHistograms } from './counts.ts';
import { MemoryLimits } from './limits.ts';
import { MemoryMessages } from './messages.ts';
import { MemoryOutbox } from './outbox.ts';
import { MemoryPeople } from './people.ts';
import { MemoryReports } from './reports.ts';
import { MemorySubmissions } from './submissions.ts';

/** Every store, in memory, one fake per port as the backend slices them; the unit tests' stand-in for DynamoDB. */
export function memoryStores(clock: Clock, retentionDays = 30) {
  const people = new MemoryPeople();
  const submissions = new MemorySubmissions(clock, retentionDays, people);
  return {
    submissions,
    confirmations: new MemoryConsentConfirmations(submissions),
    messages: new MemoryMessages(clock, retentionDays, people),
    people,
    limits: new MemoryLimits(),
    funnel: new MemoryFunnel(),
    histograms: new MemoryHistograms(),
    outbox: new MemoryOutbox(clock, retentionDays),
    reports: new MemoryReports(clock),
  } satisfies Omit<Ports, 'mailer' | 'webhooks'>;
}

/** The in-memory stores of a backend built on fakes. */
export type MemoryStores = ReturnType<typeof memoryStores>;
