import type { ZodType, z } from 'zod';
import { type WeeklyReport, WeeklyReportSchema } from '../../src/lambda/digest/weekly-report.ts';
import type { Clock, FunnelCount, Store } from '../../src/lambda/ports.ts';
import {
  type EmailOwner,
  type EmailRef,
  normaliseAddress,
  type OutboxEmail,
  OutboxEmailSchema,
  type Saved,
  type StoredContact,
  type StoredContactMessage,
  StoredContactMessageSchema,
  type StoredSubmission,
  StoredSubmissionSchema,
} from '../../src/lambda/records.ts';
import { RESPONDENTS } from '../../src/quiz/benchmark.ts';
import { WEEKLY_DIGEST_KEPT_DAYS } from '../../src/site-config.ts';

interface Kept<T> {
  value: T;
  /** Epoch ms after which reads no longer see it (as DynamoDB's TTL plus the store's read filter). */
  expiresAt: number;
}

/**
 * An in-memory store with the same contract as the DynamoDB one: conditional creates, claims and attaches that
 * exactly one caller wins, reads that hide expired records (which still block a create until removed) and parse
 * what they return with the same schemas, and copies in and out so nothing is shared by reference.
 * tests/integration/lambda/store-contract.test.ts runs the same contract against both.
 */
export class MemoryStore implements Store {
  readonly submissions = new Map<string, Kept<StoredSubmission>>();
  readonly messages = new Map<string, Kept<StoredContactMessage>>();
  readonly emails = new Map<string, Kept<OutboxEmail>>();
  readonly counters = new Map<string, number>();
  readonly reservations = new Map<string, string>();
  readonly latest = new Map<string, { owner: EmailOwner; givenAt: string }>();
  readonly suppressed = new Set<string>();
  /** Funnel counts by `day|version|entry|step`. */
  readonly funnel = new Map<string, number>();
  readonly reports = new Map<string, Kept<WeeklyReport>>();

  constructor(
    private readonly clock: Clock,
    private readonly retentionDays = 30,
  ) {}

  #expiry = (days = this.retentionDays) => this.clock.now().getTime() + days * 86_400_000;
  #live = <S extends ZodType>(schema: S, kept: Kept<unknown> | undefined): z.output<S> | null =>
    kept && kept.expiresAt > this.clock.now().getTime() ? schema.parse(structuredClone(kept.value)) : null;
  #save<S extends ZodType, T extends { id: string }>(
    schema: S,
    map: Map<string, Kept<T>>,
    record: T,
    keptDays?: number,
  ): Saved<z.output<S>> {
    const kept = map.get(record.id);
    if (!kept) {
      map.set(record.id, { value: structuredClone(record), expiresAt: this.#expiry(keptDays) });
      return { created: true };
    }
    const existing = this.#live(schema, kept);
    if (!existing) throw new Error(`${record.id} exists but has expired; it cannot be stored again until it is removed.`);
    return { created: false, existing };
  }

  async saveSubmission(submission: StoredSubmission) {
    return this.#save(StoredSubmissionSchema, this.submissions, submission);
  }
  async getSubmission(id: string) {
    return this.#live(StoredSubmissionSchema, this.submissions.get(id));
  }
  async attachContact(submissionId: string, contact: StoredContact) {
    const kept = this.submissions.get(submissionId);
    if (!kept || kept.value.contact) return false;
    kept.value.contact = structuredClone(contact);
    return true;
  }
  async markUnsubscribed(submissionId: string) {
    const kept = this.submissions.get(submissionId);
    if (kept) kept.value.unsubscribedAt ??= this.clock.now().toISOString();
  }

  async saveMessage(message: StoredContactMessage) {
    return this.#save(StoredContactMessageSchema, this.messages, message);
  }
  async getMessage(id: string) {
    return this.#live(StoredContactMessageSchema, this.messages.get(id));
  }

  async countRequest(counter: string, subject: string, hourStart: Date, limit: number) {
    const key = `${counter}|${subject}|${hourStart.toISOString()}`;
    const hits = this.counters.get(key) ?? 0;
    if (hits >= limit) return false;
    this.counters.set(key, hits + 1);
    return true;
  }
  async reserveHourlyEmail(kind: string, key: string, hourStart: Date, owner: EmailOwner) {
    const slot = `${kind}|${key}|${hourStart.toISOString()}`;
    const holder = `${owner.type}|${owner.id}`;
    if (!this.reservations.has(slot)) this.reservations.set(slot, holder);
    return this.reservations.get(slot) === holder;
  }
  async markLatestEmail(kind: string, address: string, owner: EmailOwner, givenAt: string) {
    const key = `${kind}|${normaliseAddress(address)}`;
    const current = this.latest.get(key);
    if (!current || current.givenAt <= givenAt) this.latest.set(key, { owner: { ...owner }, givenAt });
  }
  async latestEmailOwner(kind: string, address: string) {
    const current = this.latest.get(`${kind}|${normaliseAddress(address)}`);
    return current ? { ...current.owner } : null;
  }
  /** Histograms by assessment version. */
  readonly histograms = new Map<string, Record<string, number>>();
  async countRespondent(assessmentVersion: string, buckets: string[]) {
    const histogram = this.histograms.get(assessmentVersion) ?? {};
    for (const name of [RESPONDENTS, ...buckets]) histogram[name] = (histogram[name] ?? 0) + 1;
    this.histograms.set(assessmentVersion, histogram);
  }
  async histogram(assessmentVersion: string) {
    return { ...this.histograms.get(assessmentVersion) };
  }
  async countStep(counter: { day: string; assessmentVersion: string; entry: string; step: string }) {
    const key = `${counter.day}|${counter.assessmentVersion}|${counter.entry}|${counter.step}`;
    this.funnel.set(key, (this.funnel.get(key) ?? 0) + 1);
  }
  async suppress(address: string) {
    this.suppressed.add(normaliseAddress(address));
  }
  async isSuppressed(address: string) {
    return this.suppressed.has(normaliseAddress(address));
  }

  #key = (email: EmailRef) => `${email.owner.type}|${email.owner.id}|${email.kind}`;
  async enqueue(email: EmailRef, dueAt: Date) {
    if (this.emails.has(this.#key(email))) return;
    const value: OutboxEmail = {
      ...structuredClone(email),
      state: 'pending',
      dueAt: dueAt.toISOString(),
      attempts: 0,
      createdAt: this.clock.now().toISOString(),
    };
    this.emails.set(this.#key(email), { value, expiresAt: this.#expiry() });
  }
  async claim(email: EmailRef, claimId: string, leaseUntil: Date) {
    const item = this.emails.get(this.#key(email))?.value;
    if (item?.state !== 'pending' || (item.dueAt ?? '') > this.clock.now().toISOString()) return null;
    Object.assign(item, { claimId, dueAt: leaseUntil.toISOString(), attempts: item.attempts + 1 });
    return OutboxEmailSchema.parse(structuredClone(item));
  }
  #held(email: EmailRef, claimId: string): OutboxEmail {
    const item = this.emails.get(this.#key(email))?.value;
    if (!item || item.claimId !== claimId) throw new Error(`Lost the claim on ${this.#key(email)}: its lease ended first.`);
    return item;
  }
  async markSent(email: EmailRef, claimId: string, messageId: string) {
    Object.assign(this.#held(email, claimId), { state: 'sent', messageId, claimId: undefined, dueAt: undefined });
  }
  async retryLater(email: EmailRef, claimId: string, retryAt: Date, error: string) {
    Object.assign(this.#held(email, claimId), { dueAt: retryAt.toISOString(), lastError: error, claimId: undefined });
  }
  async finish(email: EmailRef, claimId: string, state: 'failed' | 'skipped', reason: string) {
    // A failed email keeps, as its due time, when it gave up (the store lists failed emails by it).
    const dueAt = state === 'failed' ? this.clock.now().toISOString() : undefined;
    Object.assign(this.#held(email, claimId), { state, lastError: reason, claimId: undefined, dueAt });
  }
  async listDue(limit: number) {
    const now = this.clock.now().toISOString();
    return [...this.emails.values()]
      .map((kept) => kept.value)
      .filter((item) => item.state === 'pending' && (item.dueAt ?? '') <= now)
      .sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''))
      .slice(0, limit)
      .map(({ kind, owner }) => ({ kind, owner: { ...owner } }));
  }
  async getEmail(email: EmailRef) {
    const item = this.emails.get(this.#key(email))?.value;
    return item ? OutboxEmailSchema.parse(structuredClone(item)) : null;
  }
  async failedEmails() {
    return [...this.emails.values()]
      .map((kept) => kept.value)
      .filter((item) => item.state === 'failed')
      .map((item) => OutboxEmailSchema.parse(structuredClone(item)));
  }

  async submissionsBetween(from: Date, to: Date) {
    return [...this.submissions.values()]
      .flatMap((kept) => this.#live(StoredSubmissionSchema, kept) ?? [])
      .filter((s) => s.createdAt >= from.toISOString() && s.createdAt < to.toISOString())
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
  async funnelCounts(day: string): Promise<FunnelCount[]> {
    return [...this.funnel.entries()].flatMap(([key, count]) => {
      const [at = '', assessmentVersion = '', entry = '', step = ''] = key.split('|');
      return at === day ? [{ day, assessmentVersion, entry, step, count }] : [];
    });
  }
  async saveReport(report: WeeklyReport) {
    return this.#save(WeeklyReportSchema, this.reports, report, WEEKLY_DIGEST_KEPT_DAYS);
  }
  async getReport(week: string) {
    return this.#live(WeeklyReportSchema, this.reports.get(week));
  }
}
