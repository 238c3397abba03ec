import { describe, expect, it } from 'vitest';
import { submissionBody } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { apiEvent, jsonPost } from '../../../helpers/events.ts';

const parse = (body: string | undefined) => JSON.parse(body ?? '{}');
const booking = { url: 'https://cal.com/acme/intro', provider: 'cal.com' as const, grades: ['A', 'B'] };
/** Qualifying answers that grade C whatever the score. */
const earlyStage = { role: 'researching', 'company-size': '1-10', timeline: 'exploring' };

describe('Book a call', () => {
  it('makes booking the first action for the grades chosen, the result’s reference in the note, on JSON, the page and the email', async () => {
    const { backend, mailer } = fakeBackend({ site: { booking } });
    const contact = { name: 'Zoë Example', email: 'zoe+ops@example.com' };
    const body = submissionBody({ contact });
    const answer = parse((await backend.submissions(jsonPost('/api/submissions', body))).body);
    expect(answer.booking.provider).toBe('cal.com');
    // The note names the result by a reference only the consultancy opens (npm run leads -- show <id>), never its token.
    const note = `My Integration Readiness result: ${body.submissionId}`;
    expect(new URL(answer.booking.url).searchParams.get('notes')).toBe(note);
    expect(answer.booking.url).not.toContain(answer.token.split('.')[1]);
    expect(new URL(answer.booking.url).searchParams.has('email')).toBe(false);

    const page = await backend.results({
      ...apiEvent({ method: 'GET', path: `/api/results/${answer.token}`, headers: { accept: 'text/html' } }),
      pathParameters: { token: answer.token },
    });
    expect(page.body).toMatch(/<a class="button" href="https:\/\/cal\.com\/acme\/intro\?notes=[^"]+" data-book>Book a call<\/a>/);
    expect(page.body).toContain(`href="/contact/?result=${encodeURIComponent(answer.token)}" data-talk>or write to us`);

    // The email's link carries neither the token nor the name and address: a booking page keeps what its link says.
    const email = mailer.to('zoe+ops@example.com')[0];
    const href = email?.html.match(/href="(https:\/\/cal\.com[^"]+)"/)?.[1]?.replaceAll('&amp;', '&');
    expect(href).toBeDefined();
    const filled = new URL(href ?? '').searchParams;
    expect([filled.get('name'), filled.get('email'), filled.get('notes')]).toEqual([null, null, note]);
    expect(email?.text).toContain('Book a call (your results come with it): https://cal.com/acme/intro?');
  });

  it('offers other grades "Talk to us" with the result, and no booking at all without a booking page', async () => {
    for (const [site, qualifying] of [
      [{ booking }, earlyStage],
      [{}, undefined],
    ] as const) {
      const { backend, mailer } = fakeBackend({ site });
      const body = submissionBody({ contact: { name: 'Ada', email: 'ada@example.com' }, ...(qualifying && { qualifying }) });
      const answer = parse((await backend.submissions(jsonPost('/api/submissions', body))).body);
      expect(answer).not.toHaveProperty('booking');
      const page = await backend.results({
        ...apiEvent({ method: 'GET', path: `/api/results/${answer.token}`, headers: { accept: 'text/html' } }),
        pathParameters: { token: answer.token },
      });
      expect(page.body).not.toContain('data-book');
      expect(page.body).toContain(`<a class="button" href="/contact/?result=${encodeURIComponent(answer.token)}" data-talk>Talk to us</a>`);
      expect(mailer.to('ada@example.com')[0]?.html).not.toContain('Book a call');
    }
  });
});

describe('Talk to us, carrying the result', () => {
  const message = { name: 'Ada', email: 'ada@example.com', message: 'Can we talk about this?' };

  it('links the result in the consultancy’s email, from the JSON form or, without JavaScript, from the page it was sent on', async () => {
    const { backend, mailer } = fakeBackend();
    const { token } = parse((await backend.submissions(jsonPost('/api/submissions', submissionBody()))).body);
    const link = `https://paradigmai.co/results/?t=${encodeURIComponent(token)}`;

    await backend.contact(jsonPost('/api/contact', { id: crypto.randomUUID(), ...message, result: token }));
    const referer = `https://paradigmai.co/contact/?result=${encodeURIComponent(token)}`;
    await backend.contact({
      ...apiEvent({ method: 'POST', path: '/api/contact', headers: { 'content-type': 'application/x-www-form-urlencoded', referer } }),
      body: new URLSearchParams({ ...message, message: 'From the plain form' }).toString(),
    });
    expect(mailer.sent).toHaveLength(2);
    for (const email of mailer.sent) {
      expect(email.text).toMatch(/Their assessment: lead grade [ABC] · result \d+%/);
      expect(email.text).toContain(link);
      expect(email.html).toContain(`href="${link}"`);
    }
  });

  it('sends a message with a forged, mistyped or expired result as any other, without error', async () => {
    const { backend, mailer, clock } = fakeBackend();
    const { token } = parse((await backend.submissions(jsonPost('/api/submissions', submissionBody()))).body);
    clock.advance(31 * 86_400_000);
    for (const result of [`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, 'not-a-token', token]) {
      const response = await backend.contact(jsonPost('/api/contact', { id: crypto.randomUUID(), ...message, result }));
      expect(response.statusCode).toBe(201);
    }
    expect(mailer.sent).toHaveLength(3);
    for (const email of mailer.sent) expect(email.text).not.toContain('Their assessment');
  });
});
