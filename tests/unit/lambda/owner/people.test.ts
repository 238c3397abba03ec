import { describe, expect, it } from 'vitest';
import { erasePerson, exportPerson } from '../../../../src/lambda/owner/people.ts';
import { submissionBody } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { jsonPost } from '../../../helpers/events.ts';

const DAY = 86_400_000;

describe("a person's export and erase", () => {
  it('reach what is past its retention but still stored, so nothing is left out or left behind', async () => {
    // Prepare: an assessment with details and a message, then the retention (30 days here) passes; TTL has not run.
    const { backend, stores, clock } = fakeBackend();
    const body = submissionBody({ contact: { name: 'Ada', email: 'ada@example.com', consent: true } });
    await backend.submissions(jsonPost('/api/submissions', body));
    await backend.contact(jsonPost('/api/contact', { name: 'Ada', email: 'Ada+x@example.com', message: 'Hello' }));
    clock.advance(31 * DAY);
    expect(await stores.submissions.get(body.submissionId)).toBeNull();

    // Act
    const exported = await exportPerson('ada@example.com', stores, clock.now(), 'Europe/London');
    const erased = await erasePerson('ada@example.com', stores, clock.now(), 'Europe/London');

    // Assess
    expect(exported.submissions.map((s) => s.id)).toEqual([body.submissionId]);
    expect(exported.messages).toHaveLength(1);
    expect(exported.emails.map((e) => e.kind).sort()).toEqual(['contact-notification', 'follow-up', 'lead-notification', 'results-email']);
    expect(erased).toContain(`submission ${body.submissionId}`);
    expect(stores.submissions.shelf.kept.size + stores.messages.shelf.kept.size + stores.outbox.shelf.kept.size).toBe(0);
    expect(await stores.people.ownersOf('ada@example.com')).toEqual([]);
  });

  it("takes the person's line out of every weekly report still stored, and no one else's", async () => {
    const { backend, stores, clock: time } = fakeBackend();
    for (const [name, email] of [
      ['Ada', 'ada@example.com'],
      ['Bo', 'bo@example.com'],
    ]) {
      await backend.submissions(jsonPost('/api/submissions', submissionBody({ contact: { name, email, consent: false } })));
    }
    time.advance(7 * DAY);
    const { week } = await backend.digest();
    // Three weeks on, the report is past its 14 days but still stored.
    time.advance(21 * DAY);
    await erasePerson('ADA@example.com', stores, time.now(), 'Europe/London');
    const report = await stores.reports.get(week, { withExpired: true });
    expect(report?.leads.map((lead) => lead.email)).toEqual(['bo@example.com']);
  });
});
