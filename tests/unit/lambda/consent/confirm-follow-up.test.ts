import { describe, expect, it } from 'vitest';
import type { OutgoingEmail } from '../../../../src/lambda/ports.ts';
import { submissionBody } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { apiEvent, jsonPost } from '../../../helpers/events.ts';

const DAY = 86_400_000;
const isFollowUp = (e: OutgoingEmail) => e.headers?.some((h) => h.name === 'List-Unsubscribe') === true;
const isResults = (e: OutgoingEmail) => e.subject === 'Your Integration Readiness results';

async function consented(followUpConsent: 'single' | 'confirmed') {
  const setup = fakeBackend({ site: { followUpConsent } });
  const body = submissionBody({ contact: { name: 'Ada Lovelace', email: 'ada@example.com', consent: true } });
  await setup.backend.submissions(jsonPost('/api/submissions', body));
  return { ...setup, id: body.submissionId as string };
}

/** The confirmation link of the results email (the button's address in the text version). */
const confirmLink = (sent: OutgoingEmail[]) => sent.find(isResults)?.text.match(/Yes, send me the follow-up: (\S+)/)?.[1];

describe('confirmed consent to the follow-up (double opt-in)', () => {
  it('sends the follow-up only once the visitor confirms from the results email, records when and how, and never twice', async () => {
    // Prepare: the owner asks for double opt-in; a visitor ticks the box.
    const { backend, mailer, clock, stores, id } = await consented('confirmed');
    const link = confirmLink(mailer.sent);
    expect(link).toMatch(/^https:\/\/paradigmai\.co\/api\/follow-up\?t=/);
    const lead = mailer.sent.find((e) => e.subject.startsWith('[A] Lead'));
    expect(lead?.text).toContain('it goes once they confirm from their inbox (double opt-in)');
    // Unconfirmed: days pass, no follow-up.
    clock.advance(4 * DAY);
    await backend.sweep();
    expect(mailer.sent.filter(isFollowUp)).toEqual([]);

    // A link scanner (or the visitor) opens the link: a page with a button; nothing changes.
    const url = new URL(link ?? '');
    const event = (method: 'GET' | 'POST') => ({
      ...apiEvent({ method, path: url.pathname, query: { t: url.searchParams.get('t') ?? '' } }),
      ...(method === 'POST' && { body: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    });
    const shown = await backend['follow-up-consent'](event('GET'));
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('<button class="button" type="submit">Yes, send me the follow-up</button>');
    expect((await stores.submissions.get(id))?.contact?.consent).not.toHaveProperty('confirmed');

    // Act: the visitor presses the button, twice.
    const confirmed = await backend['follow-up-consent'](event('POST'));
    await backend['follow-up-consent'](event('POST'));
    // Assess
    expect(confirmed.body).toContain('Your follow-up is on its way');
    expect((await stores.submissions.get(id))?.contact?.consent.confirmed).toEqual({
      at: clock.now().toISOString(),
      how: 'the "Yes, send me the follow-up" button of the results email',
    });
    clock.advance(3 * DAY);
    await backend.sweep();
    await backend.sweep();
    expect(mailer.sent.filter(isFollowUp)).toHaveLength(1);
    expect(mailer.sent.filter(isFollowUp)[0]?.to).toEqual(['ada@example.com']);
  });

  it('asks nothing more where the owner keeps single opt-in (the default): no button, the follow-up when due', async () => {
    const { backend, mailer, clock } = await consented('single');
    expect(confirmLink(mailer.sent)).toBeUndefined();
    clock.advance(3 * DAY);
    await backend.sweep();
    expect(mailer.sent.filter(isFollowUp)).toHaveLength(1);
  });

  it('sends nothing to an address that unsubscribed before confirming, whatever the link is pressed afterwards', async () => {
    const { backend, mailer, clock } = await consented('confirmed');
    const link = new URL(confirmLink(mailer.sent) ?? '');
    const t = link.searchParams.get('t') ?? '';
    const form = { body: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    await backend.unsubscribe({ ...apiEvent({ method: 'POST', path: '/api/unsubscribe', query: { t } }), ...form });
    const answer = await backend['follow-up-consent']({ ...apiEvent({ method: 'POST', path: link.pathname, query: { t } }), ...form });
    expect(answer.body).toContain('You are unsubscribed');
    clock.advance(4 * 86_400_000);
    await backend.sweep();
    expect(mailer.sent.filter(isFollowUp)).toEqual([]);
  });

  it('confirms nothing for results that did not ask for a follow-up, nor for a link that is not ours', async () => {
    const { backend, mailer, clock } = fakeBackend({ site: { followUpConsent: 'confirmed' } });
    const answer = await backend.submissions(
      jsonPost('/api/submissions', submissionBody({ contact: { name: 'Bo', email: 'bo@example.com', consent: false } })),
    );
    const { token } = JSON.parse(answer.body ?? '{}');
    const post = {
      ...apiEvent({ method: 'POST', path: '/api/follow-up', query: { t: token } }),
      body: '',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
    expect((await backend['follow-up-consent'](post)).body).toContain('No follow-up was asked for');
    expect(confirmLink(mailer.sent)).toBeUndefined();
    clock.advance(4 * DAY);
    await backend.sweep();
    expect(mailer.sent.filter(isFollowUp)).toEqual([]);
    const missing = await backend['follow-up-consent']({ ...post, queryStringParameters: { t: 'nobody.x' } });
    expect(missing.statusCode).toBe(404);
  });
});
