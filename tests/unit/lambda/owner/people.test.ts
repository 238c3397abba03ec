import { describe, expect, it } from 'vitest';
import { erasePerson, exportPerson, personRecords } from '../../../../src/lambda/owner/people.ts';
import { submissionBody } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { jsonPost } from '../../../helpers/events.ts';
import { ScriptedWebhooks } from '../../../helpers/fakes.ts';

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

describe('erasing a person', () => {
  it('leaves nothing that points to them: linked attempts both ways, pending webhooks, reservations, the latest-email pointer', async () => {
    // Prepare: Ada answers without details, retakes with them, retakes anonymously, retakes again under another spelling
    // of her address; Bo retakes from her result's link with his own. No sweep has run: her webhook events are pending.
    const webhooks = new ScriptedWebhooks();
    const { backend, stores, clock } = fakeBackend({ webhooks });
    const send = async (body: Parameters<typeof submissionBody>[0]) =>
      JSON.parse((await backend.submissions(jsonPost('/api/submissions', submissionBody(body)))).body ?? '{}') as { token: string };
    const ada = { name: 'Ada', consent: true };
    const a0 = await send({});
    const a1 = await send({ retakeOf: a0.token, contact: { ...ada, email: 'ada+tag@example.com' } });
    const a2 = await send({ retakeOf: a1.token });
    const b = await send({ retakeOf: a1.token, contact: { name: 'Bo', email: 'bo@example.com', consent: false } });
    const a3 = await send({ retakeOf: a2.token, contact: { ...ada, email: 'ADA@example.com' } });
    const idOf = (sent: { token: string }) => sent.token.split('.')[0] ?? '';
    const adas = [a0, a1, a2, a3].map(idOf);

    // Act
    const found = await personRecords('ada+other@example.com', stores);
    const erased = await erasePerson('ada+other@example.com', stores, clock.now(), 'Europe/London');
    await backend.sweep();

    // Assess: every attempt of hers found and gone, Bo's kept without the copy of her result.
    expect(found.addresses).toEqual(['ADA@example.com', 'ada+tag@example.com']);
    expect(found.submissions.map((s) => s.id).sort()).toEqual([...adas].sort());
    expect([...stores.submissions.shelf.kept.keys()]).toEqual([idOf(b)]);
    expect((await stores.submissions.get(idOf(b)))?.previous).toBeUndefined();
    for (const id of adas) expect(await stores.outbox.itemsOf({ type: 'submission', id })).toEqual([]);
    // Only Bo's lead event is sent: hers, pending at the erase, are gone with her.
    expect(webhooks.delivered.map((event) => event.data.submissionId)).toEqual([idOf(b)]);
    expect([...stores.limits.reservations.values()].filter((holder) => adas.some((id) => holder.endsWith(id)))).toEqual([]);
    expect([...stores.limits.latest.keys()].filter((key) => key.includes('ada@'))).toEqual([]);
    expect(await stores.people.ownersOf('ada@example.com')).toEqual([]);
    expect(erased.filter((line) => line.includes('left without details, linked by a retake'))).toHaveLength(2);
    expect(erased).toContain(`the copy of their result in submission ${idOf(b)} (a retake that left another address)`);
    expect(erased).toContain('the pointer to their latest follow-up');
  });

  it("never changes another person's records: the result they retook keeps its own history, and a forged link is ignored", async () => {
    // Prepare: Bo answers and retakes his own result; Ada retakes from Bo's link with her own details. Vic answers
    // without details, and someone forges a link from Ada's result to Vic's (a save under Vic's id that is refused).
    const { backend, stores, clock } = fakeBackend();
    const send = async (body: Parameters<typeof submissionBody>[0]) =>
      JSON.parse((await backend.submissions(jsonPost('/api/submissions', submissionBody(body)))).body ?? '{}') as { token: string };
    const bo = { name: 'Bo', email: 'bo@example.com', consent: false };
    const b0 = await send({ contact: bo });
    const b1 = await send({ retakeOf: b0.token, contact: bo });
    const a1 = await send({ retakeOf: b1.token, contact: { name: 'Ada', email: 'ada@example.com', consent: false } });
    const v = await send({});
    const idOf = (sent: { token: string }) => sent.token.split('.')[0] ?? '';
    const vic = await stores.submissions.get(idOf(v));
    const forged = vic && { ...vic, previous: { id: idOf(a1), at: vic.createdAt, overall: null, categories: {} } };
    if (forged) expect((await stores.submissions.save(forged)).created).toBe(false);
    // Act
    const erased = await erasePerson('ada@example.com', stores, clock.now(), 'Europe/London');
    // Assess
    expect(erased.filter((line) => line.includes('copy of their result'))).toEqual([]);
    expect((await stores.submissions.get(idOf(b1)))?.previous?.id).toBe(idOf(b0));
    expect(await stores.submissions.get(idOf(v))).not.toBeNull();
    expect(await stores.submissions.get(idOf(a1))).toBeNull();
  });
});
