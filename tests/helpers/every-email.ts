import type { OutgoingEmail } from '../../src/lambda/ports.ts';
import type { SiteConfig } from '../../src/site-config.ts';
import { mixedAnswers, strongestAnswers, submissionBody, weakestAnswers } from '../fixtures/answers.ts';
import { fakeBackend } from './backend.ts';
import { jsonPost } from './events.ts';

const DAY = 86_400_000;

/**
 * Every email the backend sends, as it sends them: the visitor's results in each band (one with a booking page
 * offered), the consultancy's lead for each, the follow-up, a contact message's notification and the weekly digest.
 * `site` changes content/site.json (e.g. a postal address, or confirmed consent).
 */
export async function everyEmail(site: Partial<SiteConfig> = {}): Promise<OutgoingEmail[]> {
  const { backend, mailer, clock } = fakeBackend({
    site: { booking: { url: 'https://cal.com/paradigm/intro', provider: 'cal.com', grades: ['A'] }, ...site },
  });
  const people = [
    { answers: weakestAnswers, name: 'Wendy Weak', email: 'wendy.weak@example.com' },
    {
      answers: mixedAnswers,
      name: 'Maximilian Montgomery-Worthington',
      email: 'maximilian.montgomery-worthington@procurement.example-holdings.co.uk',
    },
    { answers: strongestAnswers, name: 'Sam Strong', email: 'sam@example.com' },
  ];
  for (const person of people) {
    await backend.submissions(
      jsonPost(
        '/api/submissions',
        submissionBody({
          answers: person.answers,
          contact: { name: person.name, email: person.email, company: 'Acme Ltd', consent: true },
        }),
      ),
    );
  }
  await backend.contact(
    jsonPost('/api/contact', {
      id: crypto.randomUUID(),
      name: 'Ada Lovelace',
      email: 'ada.lovelace@analytical-engines.example.org',
      company: 'Analytical Engines',
      message: 'We are choosing a CRM and an ERP next quarter.\nCan we talk before we sign anything?',
    }),
  );
  clock.advance(4 * DAY);
  await backend.sweep();
  // Tuesday 1 December: the digest of the week the answers came in.
  await backend.digest();
  return mailer.sent;
}
