import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fakeBackend } from '../../../helpers/backend.ts';
import { apiEvent, formPost, jsonPost } from '../../../helpers/events.ts';

const parse = (body: string | undefined) => JSON.parse(body ?? '{}');

describe('sendContactMessage', () => {
  it('stores one message and emails the consultancy once, with Reply-To the sender', async () => {
    const { backend, stores, mailer } = fakeBackend();
    const id = randomUUID();
    const response = await backend.contact(
      jsonPost('/api/contact', { id, name: 'Ada', email: 'ada@example.com', company: 'Acme', message: 'Hello' }),
    );
    expect(response.statusCode).toBe(201);
    expect(parse(response.body)).toEqual({ id, status: 'received' });
    expect(await stores.messages.get(id)).toMatchObject({ name: 'Ada', company: 'Acme', message: 'Hello' });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({
      to: ['hello@paradigmai.co'],
      replyTo: ['ada@example.com'],
      subject: 'Website enquiry: Ada (Acme)',
    });
  });

  it.each([
    ['a missing email', { name: 'Ada', message: 'Hello' }, 'email'],
    ['an invalid email', { name: 'Ada', email: 'ada-at-example', message: 'Hello' }, 'email'],
    ['a line break in the name', { name: 'Ada\r\nBcc: victim@example.com', email: 'ada@example.com', message: 'Hello' }, 'name'],
    ['a LF in the company', { name: 'Ada', company: 'Acme\nX', email: 'ada@example.com', message: 'Hello' }, 'company'],
    ['an empty message', { name: 'Ada', email: 'ada@example.com', message: '   ' }, 'message'],
    ['a link in the name', { name: 'Prize at https://evil.example', email: 'ada@example.com', message: 'Hello' }, 'name'],
    ['an unknown field', { name: 'Ada', email: 'ada@example.com', message: 'Hello', admin: true }, 'admin'],
  ])('refuses %s with 400 naming the field, storing and sending nothing', async (_case, body, field) => {
    const { backend, stores, mailer } = fakeBackend();
    const response = await backend.contact(jsonPost('/api/contact', { id: randomUUID(), ...body }));
    expect(response.statusCode).toBe(400);
    expect(parse(response.body).error.problems.map((p: { field: string }) => p.field)).toContain(field);
    expect(stores.messages.shelf.kept.size).toBe(0);
    expect(mailer.sent).toEqual([]);
  });

  it('stores one message and sends one email when the same id arrives 20 times at once', async () => {
    const { backend, stores, mailer } = fakeBackend();
    const body = { id: randomUUID(), name: 'Grace', email: 'grace@example.com', message: 'Twenty copies' };
    const responses = await Promise.all(Array.from({ length: 20 }, () => backend.contact(jsonPost('/api/contact', body))));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(stores.messages.shelf.kept.size).toBe(1);
    expect(mailer.sent).toHaveLength(1);
  });

  it('answers 409 when the same id comes back with a different message', async () => {
    const { backend } = fakeBackend();
    const id = randomUUID();
    await backend.contact(jsonPost('/api/contact', { id, name: 'Ada', email: 'ada@example.com', message: 'First' }));
    const response = await backend.contact(jsonPost('/api/contact', { id, name: 'Ada', email: 'ada@example.com', message: 'Second' }));
    expect(response.statusCode).toBe(409);
  });

  it('answers a plain HTML form with a redirect, and stores a double click once', async () => {
    const { backend, stores, mailer } = fakeBackend();
    const fields = { name: 'Form', email: 'form@example.com', company: '', message: 'No JS here', website: '' };
    const first = await backend.contact(formPost('/api/contact', fields));
    const second = await backend.contact(formPost('/api/contact', fields));
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    expect(first.headers?.location).toBe('/contact/thanks/');
    expect(stores.messages.shelf.kept.size).toBe(1);
    expect(mailer.sent).toHaveLength(1);
  });

  it('answers a plain HTML form with errors as a readable page linking back to the form', async () => {
    const { backend } = fakeBackend();
    const response = await backend.contact(formPost('/api/contact', { name: '', email: 'x', message: 'Hi' }));
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('Enter an email address like name@example.com.');
    expect(response.body).toContain('href="/contact/"');
  });

  it('refuses, naming the field, a message holding a terminal escape sequence or a direction override, and stores nothing', async () => {
    const { backend, stores, mailer } = fakeBackend();
    for (const message of ['Hello\u001b]0;pwned\u0007', 'Hi\r\u001b[1AGrade A', 'Refund \u202Egnp.exe']) {
      const response = await backend.contact(jsonPost('/api/contact', { name: 'Ada', email: 'ada@example.com', message }));
      expect(response.statusCode).toBe(400);
      expect(JSON.parse(response.body ?? '{}').error.problems).toEqual([
        { field: 'message', message: 'Use plain text: control characters and text-direction overrides are not allowed here.' },
      ]);
    }
    // Lines, tabs and a soft hyphen pasted with the text stay allowed.
    const plain = await backend.contact(
      jsonPost('/api/contact', { name: 'Ada', email: 'ada@example.com', message: 'One\r\n\tTwo\u00ADthree' }),
    );
    expect(plain.statusCode).toBe(201);
    expect(stores.messages.shelf.kept.size).toBe(1);
    expect(mailer.sent).toHaveLength(1);
  });

  it('pretends success to a bot that filled the honeypot, and stores and sends nothing', async () => {
    const { backend, stores, mailer } = fakeBackend();
    const response = await backend.contact(
      jsonPost('/api/contact', { id: randomUUID(), name: 'Bot', email: 'bot@example.com', message: 'Buy', website: 'http://spam' }),
    );
    expect(response.statusCode).toBe(201);
    expect(stores.messages.shelf.kept.size).toBe(0);
    expect(mailer.sent).toEqual([]);
  });

  it.each([
    ['a GET', apiEvent({ method: 'GET', path: '/api/contact' }), 405],
    ['a body in another format', apiEvent({ path: '/api/contact', body: '<xml/>', contentType: 'text/xml' }), 415],
    ['a 20 KB body', jsonPost('/api/contact', { name: 'Ada', email: 'ada@example.com', message: 'x'.repeat(20 * 1024) }), 413],
  ])('answers %s with %i', async (_case, event, status) => {
    const { backend } = fakeBackend();
    const response = await backend.contact(event);
    expect(response.statusCode).toBe(status);
    if (status === 405) expect(response.headers?.allow).toBe('POST');
  });
});
