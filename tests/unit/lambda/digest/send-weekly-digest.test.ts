import { describe, expect, it } from 'vitest';
import { assessment } from '../../../../src/assessment.ts';
import { lastWeek } from '../../../../src/lambda/owner/week.ts';
import { strongestAnswers, submissionBody, weakestAnswers } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { jsonPost } from '../../../helpers/events.ts';
import { ManualClock, ScriptedMailer } from '../../../helpers/fakes.ts';

const DAY = 86_400_000;
const version = assessment.version;
const article = 'article:integration-is-not-a-technical-problem';

/** A week with two leads, one assessment without details, a funnel, and an email that failed. */
async function busyWeek(mailer = new ScriptedMailer()) {
  // Tuesday 17 November 2026, in the week of Monday 16 to Sunday 22 (London is on UTC in November).
  const clock = new ManualClock(new Date('2026-11-17T10:00:00Z'));
  const setup = fakeBackend({ clock, mailer });
  const { backend, stores } = setup;
  const lead = (name: string, email: string, answers: Record<string, string>, company?: string) =>
    backend.submissions(
      jsonPost('/api/submissions', submissionBody({ answers, contact: { name, email, ...(company && { company }), consent: false } })),
    );
  await lead('Ada Lovelace', 'ada@example.com', strongestAnswers, 'Analytical Ltd');
  await lead('Bo Weak', 'bo@example.com', weakestAnswers);
  await backend.submissions(jsonPost('/api/submissions', submissionBody()));
  // The funnel: the browser's steps, counted on the days they happened.
  const count = async (day: string, step: string, times: number, entry = article) => {
    for (let i = 0; i < times; i += 1) await stores.funnel.count({ day, assessmentVersion: version, entry, step });
  };
  await count('2026-11-17', 'view', 9);
  await count('2026-11-18', 'view', 1, 'direct');
  await count('2026-11-17', 'start', 6);
  await count('2026-11-17', 'question-1', 6);
  await count('2026-11-17', 'question-2', 5);
  await count('2026-11-17', 'question-3', 2);
  await count('2026-11-10', 'view', 12); // the week before
  // An email the outbox gave up on.
  const failed = { kind: 'results-email', owner: { type: 'submission' as const, id: 'gone' } };
  await stores.outbox.enqueue(failed, clock.now());
  await stores.outbox.claim(failed, 'c', new Date(clock.now().getTime() + 60_000));
  await stores.outbox.finish(failed, 'c', 'failed', 'MessageRejected: address blacklisted');
  // Monday 23 November: one more lead, this week's, then the schedule fires at 08:00.
  clock.advance(6 * DAY - 2 * 3_600_000);
  await lead('Cy Late', 'cy@example.com', strongestAnswers);
  return setup;
}

describe('the weekly digest', () => {
  it('tells the consultancy last week: its leads hottest first, the funnel against the week before, where most stopped, the articles, failed emails', async () => {
    // Prepare
    const { backend, mailer } = await busyWeek();
    const before = mailer.sent.length;
    // Act
    const run = await backend.digest();
    // Assess: one email, to the consultancy, with nobody to reply to.
    const digests = mailer.sent.slice(before);
    expect(run).toEqual({ week: '2026-W47', computed: true, outcome: 'sent' });
    expect(digests).toHaveLength(1);
    const [digest] = digests;
    expect(digest?.to).toEqual(['hello@paradigmai.co']);
    expect(digest?.replyTo).toBeUndefined();
    expect(digest?.subject).toBe('Paradigm AI weekly: 2 leads, 3 assessments (2026-11-16 to 2026-11-22)');
    const text = digest?.text ?? '';
    const leads = text.slice(text.indexOf('Leads (2):'), text.indexOf('The assessment:'));
    expect(leads).toMatch(/- A · Ada Lovelace \(Analytical Ltd\) <ada@example.com> · 100% \(https:\/\/paradigmai.co\/results\/\?t=/);
    // Both are grade A; Bo has more of the grading's points (a weak result means they need the help).
    expect(leads.indexOf('Bo Weak')).toBeLessThan(leads.indexOf('Ada Lovelace'));
    expect(leads).not.toContain('Cy Late');
    expect(text).toContain('- Opened the assessment: 10 (week before: 12, −2)');
    expect(text).toContain('- Started: 6 (week before: 0, +6)');
    expect(text).toContain('- Finished: 3 (week before: 0, +3)');
    expect(text).toContain(`Most stopped after question 2 (3 did not go on): ${assessment.questions[1]?.prompt}`);
    expect(text).toContain(
      '- Integration is not a technical problem: 9 opened the assessment, 0 finished (https://paradigmai.co/articles/integration-is-not-a-technical-problem/)',
    );
    expect(text).toContain('- results-email about submission gone: MessageRejected: address blacklisted');
    expect(digest?.html).toMatch(/<a href="https:\/\/paradigmai.co\/results\/\?t=[^"]+"[^>]*>Ada Lovelace<\/a> \(Analytical Ltd\)/);
    expect(digest?.html).toMatch(/<a href="mailto:ada@example.com"[^>]*>ada@<wbr>example<wbr>.com<\/a>/);
  });

  it('is sent once however often it runs, and a failed send is retried by the sweep, still once', async () => {
    // Prepare: the mail service is throttling when the digest first goes out.
    const mailer = new ScriptedMailer();
    const { backend, clock } = await busyWeek(mailer);
    const before = mailer.sent.length;
    // Act
    mailer.script.push('deferred');
    const first = await backend.digest();
    const again = await backend.digest();
    clock.advance(2 * 60_000);
    await backend.sweep();
    await backend.sweep();
    await backend.digest();
    // Assess
    expect(first.outcome).toBe('retry');
    expect(again).toEqual({ week: '2026-W47', computed: false, outcome: 'not-claimed' });
    expect(mailer.sent.slice(before).filter((e) => e.subject.includes('weekly'))).toHaveLength(1);
  });

  it('keeps the numbers it first computed, so a retry sends the same digest', async () => {
    const { backend, stores, clock, mailer } = await busyWeek();
    mailer.script.push('deferred');
    await backend.digest();
    // A submission stored late for last week (as a slow retry might be) does not change the stored report.
    const [stored] = await stores.submissions.createdBetween(new Date(0), clock.now());
    if (!stored) throw new Error('busyWeek stored no submission.');
    await stores.submissions.save({
      ...stored,
      id: 'late',
      createdAt: '2026-11-20T10:00:00.000Z',
    });
    clock.advance(2 * 60_000);
    await backend.sweep();
    expect(mailer.sent.at(-1)?.subject).toContain('2 leads, 3 assessments');
  });

  it('counts a lead in the week they left their details, even when they answered the week before', async () => {
    // Prepare: answers on Sunday evening, details on the results page on Monday, after that morning's digest.
    const clock = new ManualClock(new Date('2026-11-22T20:00:00Z'));
    const { backend, mailer } = fakeBackend({ clock });
    const { token } = JSON.parse((await backend.submissions(jsonPost('/api/submissions', submissionBody()))).body ?? '{}');
    clock.advance(12 * 3_600_000);
    await backend.digest();
    clock.advance(2 * 3_600_000);
    await backend['results-contact']({
      ...jsonPost(`/api/results/${token}/contact`, { name: 'Di Later', email: 'di@example.com', consent: false }),
      pathParameters: { token },
    });
    // Act: the next Monday
    clock.advance(7 * DAY);
    await backend.digest();
    // Assess
    const digests = mailer.sent.filter((e) => e.subject.includes('weekly'));
    expect(digests.map((e) => e.subject)).toEqual([
      'Paradigm AI weekly: 0 leads, 1 assessment (2026-11-16 to 2026-11-22)',
      'Paradigm AI weekly: 1 lead, 0 assessments (2026-11-23 to 2026-11-29)',
    ]);
    expect(digests[1]?.text).toContain('Di Later <di@example.com>');
  });

  it('lists one lead per person: several attempts from one inbox are the latest, with how many there were', async () => {
    const clock = new ManualClock(new Date('2026-11-17T10:00:00Z'));
    const { backend, mailer } = fakeBackend({ clock });
    const attempt = (answers: Record<string, string>, email: string) =>
      backend.submissions(jsonPost('/api/submissions', submissionBody({ answers, contact: { name: 'Eve Again', email, consent: false } })));
    await attempt(weakestAnswers, 'eve@example.com');
    clock.advance(2 * 3_600_000);
    await attempt(strongestAnswers, 'Eve+second@Example.com');
    clock.advance(6 * DAY - 4 * 3_600_000);
    await backend.digest();
    const digest = mailer.sent.find((e) => e.subject.includes('weekly'));
    expect(digest?.subject).toBe('Paradigm AI weekly: 1 lead, 2 assessments (2026-11-16 to 2026-11-22)');
    expect(digest?.text).toMatch(/Eve Again <Eve\+second@example\.com> · 100% \(latest of 2 attempts\)/);
  });

  it('counts a retake without details as the same person: the retake stands for the lead, with both attempts counted', async () => {
    // Prepare: details left with a weak result, then "Take it again" with strong answers and no details.
    const clock = new ManualClock(new Date('2026-11-17T10:00:00Z'));
    const { backend, mailer } = fakeBackend({ clock });
    const first = await backend.submissions(
      jsonPost(
        '/api/submissions',
        submissionBody({ answers: weakestAnswers, contact: { name: 'Fay Retake', email: 'fay@example.com', consent: false } }),
      ),
    );
    clock.advance(3_600_000);
    const { token } = JSON.parse(first.body ?? '{}');
    await backend.submissions(jsonPost('/api/submissions', submissionBody({ answers: strongestAnswers, retakeOf: token })));
    // Act
    clock.advance(6 * DAY);
    await backend.digest();
    // Assess
    const digest = mailer.sent.find((e) => e.subject.includes('weekly'));
    expect(digest?.subject).toBe('Paradigm AI weekly: 1 lead, 2 assessments (2026-11-16 to 2026-11-22)');
    expect(digest?.text).toMatch(/Fay Retake <fay@example\.com> · 100% \(latest of 2 attempts\)/);
  });

  it('counts an attempt without details that was then retaken with them, among many anonymous answers it never reads out', async () => {
    const clock = new ManualClock(new Date('2026-11-17T10:00:00Z'));
    const { backend, mailer, stores } = fakeBackend({ clock });
    const first = JSON.parse(
      (await backend.submissions(jsonPost('/api/submissions', submissionBody({ answers: weakestAnswers })))).body ?? '{}',
    );
    for (let i = 0; i < 30; i += 1) await backend.submissions(jsonPost('/api/submissions', submissionBody()));
    clock.advance(3_600_000);
    const contact = { name: 'Gil Later', email: 'gil@example.com', consent: false };
    await backend.submissions(jsonPost('/api/submissions', submissionBody({ answers: strongestAnswers, retakeOf: first.token, contact })));
    const read: number[] = [];
    const createdBetween = stores.submissions.createdBetween.bind(stores.submissions);
    stores.submissions.createdBetween = async (...args) => {
      const found = await createdBetween(...args);
      read.push(found.length);
      return found;
    };
    clock.advance(6 * DAY);
    await backend.digest();
    const digest = mailer.sent.find((e) => e.subject.includes('weekly'));
    expect(digest?.subject).toBe('Paradigm AI weekly: 1 lead, 32 assessments (2026-11-16 to 2026-11-22)');
    expect(digest?.text).toMatch(/Gil Later <gil@example\.com> · 100% \(latest of 2 attempts\)/);
    // Of 32 answers, only the one with details was read out in bulk (its first attempt was fetched on its own).
    expect(read).toEqual([1]);
  });

  it('names only articles the site publishes, by their title: words typed into a link never reach it', async () => {
    const clock = new ManualClock(new Date('2026-11-17T10:00:00Z'));
    const { backend, stores, mailer } = fakeBackend({ clock });
    const junk = 'Your invoice 4471 is overdue call 0800 123 456';
    // A submission whose browser claimed it came from an article that is none, and counters stored before beacons
    // were checked against the site's articles.
    await backend.submissions(jsonPost('/api/submissions', submissionBody({ source: { article: junk } })));
    for (const entry of [`article:${junk}`, 'article:what-a-parallel-run-looks-like', 'article:the-hidden-cost-of-doing-it-manually']) {
      await stores.funnel.count({ day: '2026-11-17', assessmentVersion: version, entry, step: 'view' });
    }
    clock.advance(6 * DAY - 2 * 3_600_000);
    await backend.digest();
    const text = mailer.sent.at(-1)?.text ?? '';
    const articles = text.slice(text.indexOf('Articles that sent visitors'));
    expect(articles).toContain('- The hidden cost of doing it manually: 1 opened the assessment, 0 finished');
    expect(articles).not.toMatch(/invoice|parallel run/i);
    expect(text).not.toContain('0800');
  });

  it('says when more finished than started, and why, instead of letting the numbers speak wrongly', async () => {
    const clock = new ManualClock(new Date('2026-11-17T10:00:00Z'));
    const { backend, mailer } = fakeBackend({ clock });
    // Answers sent to the API without the page: no beacon ever said they started.
    for (let i = 0; i < 3; i += 1) await backend.submissions(jsonPost('/api/submissions', submissionBody()));
    clock.advance(6 * DAY);
    await backend.digest();
    const text = mailer.sent.at(-1)?.text ?? '';
    expect(text).toContain('- Started: 0');
    expect(text).toContain('- Finished: 3');
    expect(text).toContain('3 more finished than started: answers sent without the assessment page (a script or a bot)');
  });

  it('says so plainly in a quiet week', async () => {
    const { backend, mailer } = fakeBackend({ clock: new ManualClock(new Date('2026-11-23T08:00:00Z')) });
    await backend.digest();
    expect(mailer.sent[0]?.subject).toBe('Paradigm AI weekly: 0 leads, 0 assessments (2026-11-16 to 2026-11-22)');
    expect(mailer.sent[0]?.text).toContain('- No new leads this week.');
    expect(mailer.sent[0]?.text).toContain('Nobody stopped part-way this week.');
    expect(mailer.sent[0]?.text).not.toContain('Emails still failed');
  });
});

describe('the weeks it reports', () => {
  it('are Monday to Sunday in the consultancy’s time zone, across a change of clocks', () => {
    // London's clocks went back on Sunday 25 October 2026: that week is an hour longer.
    const week = lastWeek(new Date('2026-10-26T08:00:00Z'), 'Europe/London');
    expect(week).toMatchObject({ name: '2026-W43', firstDay: '2026-10-19', lastDay: '2026-10-25' });
    expect(week.from.toISOString()).toBe('2026-10-18T23:00:00.000Z');
    expect(week.to.toISOString()).toBe('2026-10-26T00:00:00.000Z');
    // Late on Sunday in New York is already Monday in UTC: still the week that is ending there.
    expect(lastWeek(new Date('2026-11-30T03:00:00Z'), 'America/New_York').lastDay).toBe('2026-11-22');
    expect(lastWeek(new Date('2027-01-04T09:00:00Z'), 'Europe/London').name).toBe('2026-W53');
  });
});
