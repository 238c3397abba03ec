import { describe, expect, it } from 'vitest';
import { submissionBody } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { apiEvent, jsonPost } from '../../../helpers/events.ts';
import { ScriptedWebhooks } from '../../../helpers/fakes.ts';

const parse = (body: string | undefined) => JSON.parse(body ?? '{}');

describe('webhook events to the consultancy’s CRM', () => {
  it('sends lead.created with the contact, the score, the grade and the source when the details come with the answers', async () => {
    // Prepare
    const webhooks = new ScriptedWebhooks();
    const { backend } = fakeBackend({ webhooks });
    const body = submissionBody({ contact: { name: 'Ada Lovelace', email: 'ada@example.com', company: 'Analytical', consent: true } });
    // Act
    await backend.submissions(jsonPost('/api/submissions', body));
    await backend.submissions(jsonPost('/api/submissions', body));
    const duringRequests = webhooks.attempts.length;
    await backend.sweep();
    await backend.sweep();
    // Assess: sent by the sweep (never during the visitor's request), once whatever the repeat, and no
    // contact_added (lead.created had the details).
    expect(duringRequests).toBe(0);
    expect(webhooks.delivered).toHaveLength(1);
    const [event] = webhooks.delivered;
    expect(event).toMatchObject({
      id: `msg_${body.submissionId}_lead.created`,
      type: 'lead.created',
      data: {
        submissionId: body.submissionId,
        email: 'ada@example.com',
        name: 'Ada Lovelace',
        company: 'Analytical',
        followUpConsent: true,
        grade: 'A',
        overallPercent: expect.any(Number),
        source: { utm_source: 'newsletter', utm_campaign: 'winter' },
        resultsUrl: expect.stringMatching(/^https:\/\/paradigmai.co\/results\/\?t=/),
      },
    });
    expect(event?.timestamp).toBe(event?.data.createdAt);
  });

  it('sends nothing for answers without details, lead.contact_added when details are left later, person.unsubscribed once', async () => {
    // Prepare
    const webhooks = new ScriptedWebhooks();
    const { backend, clock } = fakeBackend({ webhooks });
    const { token } = parse((await backend.submissions(jsonPost('/api/submissions', submissionBody()))).body);
    await backend.sweep();
    // Act: a minute later, on the results page, with consent; then two unsubscribes, with a sweep after each step
    clock.advance(60_000);
    await backend['results-contact']({
      ...jsonPost(`/api/results/${token}/contact`, { name: 'Bo', email: 'bo@example.com', consent: true }),
      pathParameters: { token },
    });
    await backend.sweep();
    for (let i = 0; i < 2; i += 1) await backend.unsubscribe(apiEvent({ method: 'POST', path: '/api/unsubscribe', query: { t: token } }));
    await backend.sweep();
    // Assess
    expect(webhooks.delivered.map((e) => [e.type, e.data.email, e.data.followUpConsent ?? null])).toEqual([
      ['lead.contact_added', 'bo@example.com', true],
      ['person.unsubscribed', 'bo@example.com', null],
    ]);
  });

  it('never tells the CRM that someone who unsubscribed consents, even when an earlier event arrives late', async () => {
    // Prepare: the receiver is down when the lead is created.
    const webhooks = new ScriptedWebhooks(['deferred']);
    const { backend, clock } = fakeBackend({ webhooks });
    const body = submissionBody({ contact: { name: 'Cy', email: 'cy@example.com', consent: true } });
    const { token } = parse((await backend.submissions(jsonPost('/api/submissions', body))).body);
    await backend.sweep();
    // Act: they unsubscribe before the retry
    await backend.unsubscribe(apiEvent({ method: 'POST', path: '/api/unsubscribe', query: { t: token } }));
    clock.advance(60_000);
    await backend.sweep();
    // Assess
    const created = webhooks.delivered.find((e) => e.type === 'lead.created');
    expect(created?.data).toMatchObject({ followUpConsent: false, unsubscribedAt: expect.any(String) });
    expect(webhooks.delivered.map((e) => e.type).sort()).toEqual(['lead.created', 'person.unsubscribed']);
  });

  it('retries a receiver that fails with backoff, under the same id, and delivers once', async () => {
    // Prepare: the receiver answers 500 twice.
    const webhooks = new ScriptedWebhooks(['deferred', 'deferred']);
    const { backend, clock } = fakeBackend({ webhooks });
    // Act
    await backend.submissions(
      jsonPost('/api/submissions', submissionBody({ contact: { name: 'Di', email: 'di@example.com', consent: false } })),
    );
    await backend.sweep();
    await backend.sweep(); // not due again yet: nothing
    clock.advance(60_000);
    await backend.sweep();
    clock.advance(2 * 60_000);
    await backend.sweep();
    await backend.sweep();
    // Assess
    expect(webhooks.attempts.map((a) => a.answer)).toEqual(['deferred', 'deferred', 'ok']);
    expect(new Set(webhooks.attempts.map((a) => a.id)).size).toBe(1);
    expect(webhooks.delivered).toHaveLength(1);
  });

  it('gives up on a receiver that refuses, leaving it listed as failed for a retry', async () => {
    const webhooks = new ScriptedWebhooks(['rejected']);
    const { backend, stores } = fakeBackend({ webhooks });
    await backend.submissions(
      jsonPost('/api/submissions', submissionBody({ contact: { name: 'Di', email: 'di@example.com', consent: false } })),
    );
    await backend.sweep();
    expect((await stores.outbox.failed()).map((e) => [e.kind, e.lastError])).toEqual([
      ['webhook:lead.created', expect.stringContaining('410 Gone')],
    ]);
  });

  it('never delays an email: the sweep sends every email due before any webhook event, even one due earlier', async () => {
    // Prepare: lead.created is due at once; the follow-up three days later; the receiver is down until then.
    const webhooks = new ScriptedWebhooks(['deferred']);
    const { backend, mailer, clock } = fakeBackend({ webhooks });
    await backend.submissions(
      jsonPost('/api/submissions', submissionBody({ contact: { name: 'Di', email: 'di@example.com', consent: true } })),
    );
    await backend.sweep();
    clock.advance(3 * 86_400_000);
    const emailsBefore = mailer.sent.length;
    const sentWhenCalled: number[] = [];
    const send = webhooks.send.bind(webhooks);
    webhooks.send = async (webhook) => {
      sentWhenCalled.push(mailer.sent.length);
      return send(webhook);
    };
    // Act
    await backend.sweep();
    // Assess: the follow-up went out before the older webhook event was tried again.
    expect(mailer.sent.slice(emailsBefore).map((e) => e.subject)).toEqual([expect.stringMatching(/./)]);
    expect(sentWhenCalled).toEqual([emailsBefore + 1]);
    expect(webhooks.delivered).toHaveLength(1);
  });

  it('queues nothing when no receiver is configured', async () => {
    const { backend, stores } = fakeBackend();
    await backend.submissions(
      jsonPost('/api/submissions', submissionBody({ contact: { name: 'Cy', email: 'cy@example.com', consent: false } })),
    );
    expect([...stores.outbox.shelf.kept.values()].map((e) => e.value.kind)).not.toContainEqual(expect.stringMatching(/^webhook:/));
  });
});
