import { describe, expect, it } from 'vitest';
import { emailKinds } from '../../../../src/lambda/email/registry.ts';
import { submissionBody } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { jsonPost } from '../../../helpers/events.ts';
import { runTogether } from '../../../helpers/run-together.ts';

describe('the email registry', () => {
  it('sends every kind it lists, each to the audience it declares, with every value escaped', async () => {
    // Prepare: a submission with consent and a contact message, from a visitor whose name and company are markup.
    const { backend, mailer, clock } = fakeBackend();
    const contact = { name: '<script>alert(1)</script>', email: 'eve@example.com', company: '<img src=x onerror=alert(1)>', consent: true };
    // Act
    await backend.submissions(jsonPost('/api/submissions', submissionBody({ contact })));
    await backend.contact(jsonPost('/api/contact', { ...contact, consent: undefined, message: 'Hi <b>there</b>' }));
    clock.advance(3 * 86_400_000);
    await backend.sweep();
    // Monday morning: the digest of the week, which names the lead.
    await backend.digest();
    // Assess: one email per kind, to whom the kind says, none carrying raw markup.
    expect(mailer.sent).toHaveLength(Object.keys(emailKinds).length);
    for (const email of mailer.sent) {
      const toVisitor = email.to[0] === 'eve@example.com';
      expect(toVisitor ? email.replyTo : email.to).toEqual(['hello@paradigmai.co']);
      if (!toVisitor && !email.subject.includes('weekly')) expect(email.replyTo).toEqual(['eve@example.com']);
      expect(email.html).not.toMatch(/<script>|<img src=x|<b>there/);
      expect(runTogether(email.html)).toEqual([]);
      expect(email.from).toBe('"Paradigm AI" <hello@paradigmai.co>');
    }
    const audiences = Object.values(emailKinds).map((k) => k.audience);
    expect(mailer.sent.filter((e) => e.to[0] === 'eve@example.com')).toHaveLength(audiences.filter((a) => a === 'visitor').length);
  });
});
