import { randomUUID } from 'node:crypto';
import { html } from '../quiz/html.ts';
import { gradeLead } from '../quiz/lead.ts';
import { renderResults } from '../quiz/render-results.ts';
import { scoreAssessment } from '../quiz/score.ts';
import { answerProblems, type Submission, SubmissionSchema } from '../quiz/submission.ts';
import { createApiHandler } from './api-handler.ts';
import { VIEWER_IP_HEADER } from './edge-contract.ts';
import { ConflictError, RateLimitedError, ValidationError } from './errors.ts';
import { type ApiEvent, type ApiResult, header, htmlPage, json, parseWith, readBody, renderPlainPage, seeOther } from './http.ts';
import { hourWindow, type LeadDeps, queueLeadEmails, sendNow } from './lead-emails.ts';
import type { OutboxKey, StoredContact, StoredSubmission } from './ports.ts';
import { formatToken, hashPayload, newSecret } from './tokens.ts';

const DIFFERENT_PAYLOAD = 'A different response was already sent with this id. Reload the page to take the assessment again.';

/** The viewer's IP: from the header CloudFront (or the local server) sets, never from X-Forwarded-For. */
export function viewerIp(event: ApiEvent): string {
  return header(event, VIEWER_IP_HEADER) ?? event.requestContext.http.sourceIp;
}

/** What the API answers with a result: never contact data. */
export function resultBody(submission: Pick<StoredSubmission, 'id' | 'secret' | 'result' | 'contact'>) {
  return { token: formatToken(submission), result: submission.result, contactGiven: submission.contact !== undefined };
}

/** The results as a full page (for browsers without JavaScript), from the same renderer the site uses. */
export function resultsPage(
  submission: Pick<StoredSubmission, 'id' | 'secret' | 'result' | 'contact'>,
  deps: LeadDeps,
  notice?: string,
): ApiResult {
  const body = renderResults({ title: deps.assessment.title, consentLabel: deps.assessment.consent.label }, submission.result, {
    token: formatToken(submission),
    siteUrl: deps.siteUrl,
    contactGiven: submission.contact !== undefined,
  });
  const page = renderPlainPage(
    'Your results',
    html`<h1 class="visually-hidden">Your Integration Readiness results</h1>${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}${body}`,
    deps.siteName,
  );
  return htmlPage(200, page);
}

function contactFrom(submission: Submission, at: string, consentVersion: string): StoredContact | undefined {
  const c = submission.contact;
  if (!c) return undefined;
  return { name: c.name, email: c.email, company: c.company, at, consent: { given: c.consent, textVersion: consentVersion, at } };
}

/**
 * Handles `POST /api/submissions`: validate → score on the server → per-IP limit → queue emails → store → send →
 * respond with the result and its token (a plain form gets a 303 to the results page). Without contact details
 * there is nothing to queue or send, and the limit and the store run side by side.
 */
export async function handleSubmission(event: ApiEvent, deps: LeadDeps): Promise<ApiResult> {
  const body = readBody(event);
  const submission = parseWith(SubmissionSchema, body.value);
  const { assessment } = deps;
  if (submission.assessmentId !== assessment.id) {
    throw new ValidationError([{ field: 'assessmentId', message: `Unknown assessment. This site scores "${assessment.id}".` }]);
  }
  const problems = answerProblems(assessment, submission.answers, submission.qualifying);
  if (problems.length) throw new ValidationError(problems);
  if (submission.assessmentVersion !== assessment.version) {
    throw new ConflictError(
      'The assessment was updated since you opened it. Reload the page and answer again; it only takes a few minutes.',
    );
  }

  const now = deps.clock.now();
  const result = scoreAssessment(assessment, submission.answers);
  const respond = (status: number, stored: Pick<StoredSubmission, 'id' | 'secret' | 'result' | 'contact'>) =>
    body.format === 'form' ? seeOther(`/api/results/${encodeURIComponent(formatToken(stored))}`) : json(status, resultBody(stored));

  // Bots get a normal-looking answer, and nothing is stored or sent.
  const tooFast = submission.elapsedMs !== undefined && submission.elapsedMs < deps.minCompletionMs;
  if (submission.website || tooFast) {
    deps.log.info('submission discarded as automated', { reason: submission.website ? 'honeypot' : 'too fast' });
    return respond(201, { id: randomUUID(), secret: newSecret(), result, contact: undefined });
  }

  const payloadHash = hashPayload({
    v: submission.assessmentVersion,
    a: submission.answers,
    q: submission.qualifying,
    c: submission.contact && { ...submission.contact },
  });
  const id = submission.submissionId ?? payloadHash.slice(0, 32);
  const { start, secondsLeft } = hourWindow(now);
  const refused = () =>
    new RateLimitedError(
      `Too many assessments from your network this hour. Please try again in ${Math.ceil(secondsLeft / 60)} minutes.`,
      secondsLeft,
    );
  // Counted now and awaited below. Without contact details the record is written meanwhile (one round trip
  // instead of two) and withdrawn again if the limit refuses the request, so a refusal still leaves nothing.
  const limit = deps.store.countInWindow(
    `ip#${viewerIp(event)}`,
    start,
    deps.submissionsPerIpPerHour,
    new Date(start.getTime() + 7_200_000),
  );
  limit.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled

  const createdAt = now.toISOString();
  const contact = contactFrom(submission, createdAt, assessment.consent.version);
  let queued: { sendNow: OutboxKey[] } = { sendNow: [] };
  if (contact) {
    // The per-address email limit and the outbox are touched only once the network's limit has allowed the request.
    if (!(await limit)) throw refused();
    queued = await queueLeadEmails(id, contact, deps);
  }
  const stored: StoredSubmission = {
    id,
    secret: newSecret(),
    assessmentId: assessment.id,
    assessmentVersion: assessment.version,
    answers: submission.answers,
    qualifying: submission.qualifying,
    result,
    lead: gradeLead(assessment, submission.qualifying, result),
    source: Object.fromEntries(Object.entries(submission.source).filter((e): e is [string, string] => typeof e[1] === 'string')),
    payloadHash,
    createdAt,
    ...(contact ? { contact } : {}),
  };
  const [counted, save] = await Promise.allSettled([
    limit,
    deps.store.saveSubmission(stored, new Date(now.getTime() + deps.retentionDays * 86_400_000), now),
  ]);
  if (save.status === 'rejected') throw save.reason;
  const saved = save.value;
  if (counted.status === 'rejected' || !counted.value) {
    // Refused, or the limit could not be checked: a record this request wrote is withdrawn. It stays only when a
    // repeat of the same submission was already answered from it, and then this request is answered as stored.
    if (!saved.created || (await deps.store.withdrawSubmission(id, stored.secret))) {
      throw counted.status === 'rejected' ? counted.reason : refused();
    }
  }
  if (!saved.created) {
    if (saved.existing.payloadHash !== payloadHash) {
      throw new ConflictError(DIFFERENT_PAYLOAD);
    }
    return respond(200, saved.existing);
  }
  await sendNow(queued.sendNow, deps);
  return respond(201, stored);
}

/** Builds the Lambda handler of `POST /api/submissions`. */
export function createSubmissionsHandler(deps: LeadDeps, options: { originSecret?: string } = {}) {
  return createApiHandler((event) => handleSubmission(event, deps), {
    methods: ['POST'],
    log: deps.log,
    originSecret: options.originSecret,
    backHref: '/assessment/',
  });
}
