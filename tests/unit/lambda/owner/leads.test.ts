import { describe, expect, it } from 'vitest';
import { leadsByPerson, leadsOfPeriod } from '../../../../src/lambda/owner/leads.ts';
import type { StoredSubmission } from '../../../../src/lambda/records.ts';
import { strongestAnswers, submissionBody, weakestAnswers } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { jsonPost } from '../../../helpers/events.ts';

const HOUR = 3_600_000;

/** Stores attempts through the real route, an hour apart; returns them newest first as stored. */
async function attempts(...bodies: ((previousToken: string | undefined) => Record<string, unknown>)[]) {
  const system = fakeBackend();
  let token: string | undefined;
  for (const body of bodies) {
    const answer = JSON.parse((await system.backend.submissions(jsonPost('/api/submissions', submissionBody(body(token))))).body ?? '{}');
    token = answer.token;
    system.clock.advance(HOUR);
  }
  const stored = await system.stores.submissions.newest();
  return { ...system, stored };
}

const contact = (name: string, email: string) => ({ contact: { name, email, consent: false } });

describe('leadsByPerson, the one rule for one lead per person', () => {
  it('groups attempts by inbox however the address is written, and a retake without details by its chain', async () => {
    const { stored } = await attempts(
      () => ({ ...contact('Ada', 'ada@example.com'), answers: weakestAnswers }),
      (token) => ({ retakeOf: token, answers: strongestAnswers }),
      () => contact('Ada', 'ADA+later@Example.com'),
      () => contact('Bo', 'bo@example.com'),
      () => ({}),
    );
    const people = leadsByPerson(stored);
    expect(people.map((p) => [p.contact?.name ?? null, p.attempts.length])).toEqual([
      [null, 1],
      ['Bo', 1],
      ['Ada', 3],
    ]);
    // The person's latest attempt stands, with the latest details they left.
    expect(people[2]?.contact?.email).toBe('ADA+later@example.com');
  });
});

describe('leadsOfPeriod, the leads of a week', () => {
  it("lists a person whose details were left in the period once, their latest attempt in it standing, a retake's included", async () => {
    const { stored } = await attempts(
      () => ({ ...contact('Ada', 'ada@example.com'), answers: weakestAnswers }),
      (token) => ({ retakeOf: token, answers: strongestAnswers }),
    );
    const [retake, first] = stored as [StoredSubmission, StoredSubmission];
    const leads = leadsOfPeriod(stored, new Date(first.createdAt), new Date(Date.parse(retake.createdAt) + 1));
    expect(leads).toHaveLength(1);
    expect(leads[0]?.latest.id).toBe(retake.id);
    expect(leads[0]?.latest.result.percent).toBe(100);
    expect(leads[0]?.contact?.email).toBe('ada@example.com');
    expect(leads[0]?.attempts).toHaveLength(2);
  });

  it('leaves out a person who left their details before the period, even if they retook it in the period', async () => {
    const { stored } = await attempts(
      () => contact('Ada', 'ada@example.com'),
      (token) => ({ retakeOf: token }),
    );
    const [retake] = stored as [StoredSubmission];
    expect(leadsOfPeriod(stored, new Date(retake.createdAt), new Date(Date.parse(retake.createdAt) + 1))).toEqual([]);
  });
});
