import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoStore } from '../../../src/lambda/adapters/dynamo-store.ts';
import { SesMailer } from '../../../src/lambda/adapters/ses-mailer.ts';
import { type ContactDeps, createContactHandler } from '../../../src/lambda/contact.ts';
import { apiEvent, formPost, jsonPost, memoryLog } from '../../helpers/events.ts';
import { type InboxEmail, readInbox, waitForEmails } from '../../helpers/inbox.ts';
import { createTestTable, standInClients } from '../../helpers/stand-ins.ts';

const endpoints = { dynamoEndpoint: inject('dynamoEndpoint'), sesEndpoint: inject('sesEndpoint') };
const clients = standInClients(endpoints);
let tableName = '';
let handler: ReturnType<typeof createContactHandler>;

beforeAll(async () => {
  tableName = await createTestTable(endpoints.dynamoEndpoint, 'contact');
  const store = new DynamoStore(clients.dynamo, tableName);
  const deps: ContactDeps = {
    store,
    outbox: store,
    mailer: new SesMailer(clients.ses),
    clock: { now: () => new Date() },
    log: memoryLog(),
    maxAttempts: 3,
    senderAddress: 'hello@paradigmai.co',
    leadRecipient: 'hello@paradigmai.co',
    siteName: 'Paradigm AI',
    retentionDays: 30,
  };
  handler = createContactHandler(deps);
});

/** Every item stored for a contact message id: the message and its outbox entry. */
async function itemsFor(id: string) {
  const { Items = [] } = await clients.doc.send(
    new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CONTACT#${id}` } }),
  );
  return Items;
}

const fromSender = (marker: string) => (email: InboxEmail) => email.subject.includes(marker);

describe('POST /api/contact', () => {
  it('stores one message and emails the consultancy once, with Reply-To the visitor and the HTML escaped', async () => {
    // Prepare
    const id = randomUUID();
    const marker = `Ada ${id.slice(0, 8)}`;
    // Act
    const result = await handler(
      jsonPost('/api/contact', {
        id,
        name: marker,
        email: 'ada@example.com',
        company: '<b>Acme</b>',
        message: 'Hi <script>alert(1)</script>',
      }),
    );
    // Assess
    expect(result.statusCode).toBe(201);
    expect(JSON.parse(result.body ?? '')).toEqual({ id, status: 'received' });
    const items = await itemsFor(id);
    expect(items.filter((i) => i.sk === 'MESSAGE')).toHaveLength(1);
    expect(items.find((i) => i.sk.startsWith('EMAIL#'))?.state).toBe('sent');
    const emails = await waitForEmails(endpoints.sesEndpoint, fromSender(marker));
    expect(emails).toHaveLength(1);
    const [email] = emails as [InboxEmail];
    expect(email.destination.to).toEqual(['hello@paradigmai.co']);
    expect(email.replyTo).toEqual(['ada@example.com']);
    expect(email.subject).toBe(`Website enquiry: ${marker} (<b>Acme</b>)`);
    expect(email.body.html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.body.html).toContain('&lt;b&gt;Acme&lt;/b&gt;');
    expect(email.body.html).not.toContain('<script>');
    expect(email.body.text).toContain('Hi <script>alert(1)</script>');
  });

  it.each([
    ['a missing email', { name: 'Ada', message: 'Hello' }, 'email'],
    ['an invalid email', { name: 'Ada', email: 'ada-at-example', message: 'Hello' }, 'email'],
    ['a line break in the name', { name: 'Ada\r\nBcc: victim@example.com', email: 'ada@example.com', message: 'Hello' }, 'name'],
    ['a LF in the company', { name: 'Ada', company: 'Acme\nX', email: 'ada@example.com', message: 'Hello' }, 'company'],
    ['an unknown field', { name: 'Ada', email: 'ada@example.com', message: 'Hello', admin: true }, 'admin'],
  ])('refuses %s with 400 naming the field, storing and sending nothing', async (_case, body, field) => {
    const id = randomUUID();
    const before = (await readInbox(endpoints.sesEndpoint)).length;
    const result = await handler(jsonPost('/api/contact', { id, ...body }));
    expect(result.statusCode).toBe(400);
    const problems = JSON.parse(result.body ?? '').error.problems as { field: string; message: string }[];
    expect(problems.map((p) => p.field)).toContain(field);
    expect(await itemsFor(id)).toEqual([]);
    expect((await readInbox(endpoints.sesEndpoint)).length).toBe(before);
  });

  it('refuses a 20 KB body with 413 before reading it', async () => {
    const id = randomUUID();
    const result = await handler(jsonPost('/api/contact', { id, name: 'Ada', email: 'ada@example.com', message: 'x'.repeat(20 * 1024) }));
    expect(result.statusCode).toBe(413);
    expect(JSON.parse(result.body ?? '').error.message).toMatch(/larger than 16384 bytes/);
    expect(await itemsFor(id)).toEqual([]);
  });

  it('stores one item and sends one email when the same id arrives 20 times at once', async () => {
    const id = randomUUID();
    const marker = `Grace ${id.slice(0, 8)}`;
    const event = () => jsonPost('/api/contact', { id, name: marker, email: 'grace@example.com', message: 'Twenty copies' });
    const results = await Promise.all(Array.from({ length: 20 }, () => handler(event())));
    expect(results.map((r) => r.statusCode).sort()).toEqual([...Array(19).fill(200), 201]);
    expect((await itemsFor(id)).filter((i) => i.sk === 'MESSAGE')).toHaveLength(1);
    await waitForEmails(endpoints.sesEndpoint, fromSender(marker), 2, 500);
    expect(await readInbox(endpoints.sesEndpoint, fromSender(marker))).toHaveLength(1);
  });

  it('answers 409 when the same id comes back with a different message', async () => {
    const id = randomUUID();
    await handler(jsonPost('/api/contact', { id, name: 'Ada', email: 'ada@example.com', message: 'First' }));
    const result = await handler(jsonPost('/api/contact', { id, name: 'Ada', email: 'ada@example.com', message: 'Second' }));
    expect(result.statusCode).toBe(409);
  });

  it('answers a plain HTML form with a redirect to the thank-you page', async () => {
    const marker = `Form ${randomUUID().slice(0, 8)}`;
    const result = await handler(
      formPost('/api/contact', { name: marker, email: 'form@example.com', company: '', message: 'No JS here', website: '' }),
    );
    expect(result.statusCode).toBe(303);
    expect(result.headers?.location).toBe('/contact/thanks/');
    expect(await waitForEmails(endpoints.sesEndpoint, fromSender(marker))).toHaveLength(1);
  });

  it('answers a plain HTML form with errors as a readable page', async () => {
    const result = await handler(formPost('/api/contact', { name: '', email: 'x', message: 'Hi' }));
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toMatch(/text\/html/);
    expect(result.body).toContain('Enter an email address like name@example.com.');
    expect(result.body).toContain('href="/contact/"');
  });

  it('pretends success to a bot that filled the honeypot, and stores and sends nothing', async () => {
    const id = randomUUID();
    const before = (await readInbox(endpoints.sesEndpoint)).length;
    const result = await handler(
      jsonPost('/api/contact', { id, name: 'Bot', email: 'bot@example.com', message: 'Buy', website: 'http://spam' }),
    );
    expect(result.statusCode).toBe(201);
    expect(await itemsFor(id)).toEqual([]);
    expect((await readInbox(endpoints.sesEndpoint)).length).toBe(before);
  });

  it('answers 405 naming the allowed method for a GET', async () => {
    const result = await handler(apiEvent({ method: 'GET', path: '/api/contact' }));
    expect(result.statusCode).toBe(405);
    expect(result.headers?.allow).toBe('POST');
  });

  it('answers 415 for a body in another format', async () => {
    const result = await handler(apiEvent({ path: '/api/contact', body: '<xml/>', contentType: 'text/xml' }));
    expect(result.statusCode).toBe(415);
  });
});
