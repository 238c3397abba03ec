import { randomUUID } from 'node:crypto';
import { articleTitle } from '../../articles/articles.ts';
import type { ResultsBody } from '../../quiz/api-contract.ts';
import type { Assessment } from '../../quiz/assessment.ts';
import { gradeLead } from '../../quiz/lead.ts';
import { type AssessmentResult, scoreAssessment } from '../../quiz/score.ts';
import { answerProblems, type Submission, SubmissionSchema } from '../../quiz/submission.ts';
import { type Comparison, compareBeforeStoring, countRespondent } from '../comparison/compare.ts';
import { type FollowUpConsent, recordConsent } from '../consent/consent.ts';
import type { RecordEmails } from '../email/send-emails.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { countStep } from '../funnel/count-step.ts';
import type { Funnel } from '../funnel/funnel.ts';
import { type ApiEvent, parseWith, readBody, refererParam, viewerIp } from '../http/request.ts';
import { type ApiResult, json, seeOther } from '../http/response.ts';
import { enforceHourlyLimit, networkOf } from '../limits/hourly-limit.ts';
import type { RequestLimits } from '../limits/limits.ts';
import type { Clock, Log } from '../ports.ts';
import { hashPayload, type StoredSubmission } from '../records.ts';
import { newSecret } from '../submissions/results-token.ts';
import { type BookingOffer, bookingFor, resultsBody, resultsPath, type ShownSubmission } from '../submissions/shown-result.ts';
import type { Submissions } from '../submissions/submissions.ts';
import { queueWebhooks, type WebhookQueueing } from '../webhook/events.ts';
import { retakeOf } from './retake.ts';

/** What taking submissions needs. */
export interface Submitting {
  /** The assessment it scores against. */
  assessment: Assessment;
  submissions: Pick<Submissions, 'save' | 'get'>;
  limits: RequestLimits;
  /** Assessments one network may submit per hour (`SUBMISSIONS_PER_IP_PER_HOUR`). */
  perHour: number;
  /** Answers sent faster are possibly automated, and not counted in the comparison (`MIN_COMPLETION_SECONDS`). */
  minCompletionSeconds: number;
  comparison: Comparison;
  funnel: Pick<Funnel, 'count'>;
  emails: RecordEmails;
  webhooks: WebhookQueueing;
  /** The booking page offered to some grades first, if any. */
  booking?: BookingOffer;
  /** How consent to the follow-up is asked (content/site.json `followUpConsent`). */
  followUpConsent: FollowUpConsent;
  clock: Clock;
  log: Log;
}

const DIFFERENT_PAYLOAD = 'A different response was already sent with this id. Reload the page to take the assessment again.';

/**
 * `POST /api/submissions`: parse → score → per-IP limit → store (and count) → queue emails → send → respond with the result
 * and its token (a plain form gets a 303 to the results page). A repeat of the same submission is answered from
 * the stored record, and finishes queueing and sending whatever an interrupted first attempt left undone.
 */
export async function submitAssessment(event: ApiEvent, deps: Submitting): Promise<ApiResult> {
  const { assessment, submissions, clock, log } = deps;
  const body = readBody(event);
  const submission = parseSubmission(body.value, assessment);
  const result = scoreAssessment(assessment, submission.answers);
  const respond = (status: number, shown: ShownSubmission, emailed?: boolean, booking?: ResultsBody['booking']) =>
    body.format === 'form'
      ? seeOther(resultsPath(shown))
      : json(status, { ...resultsBody(shown, booking), ...(emailed !== undefined && { emailed }) });

  // A filled honeypot (a field hidden from people) gets a normal-looking answer, and nothing is stored or sent.
  // Answers that came very fast are kept like any others, so their link and email form work: the lead email says how
  // long they took.
  if (submission.website) {
    log.info('submission discarded as automated', { reason: 'honeypot' });
    const { answers, qualifying } = submission;
    const createdAt = clock.now().toISOString();
    return respond(201, { id: randomUUID(), secret: newSecret(), createdAt, result, answers, qualifying, contact: undefined });
  }

  const ip = viewerIp(event);
  await enforceHourlyLimit(deps, 'submissions', ip, deps.perHour, 'Too many assessments from your network this hour.');

  const benchmark = await compareBeforeStoring(result, assessment.version, deps.comparison);
  const previous = await retakeOf(submission.retakeOf, body.format === 'form' ? event : undefined, assessment, submissions);
  const record: StoredSubmission = {
    ...toRecord({ ...submission, source: withArticle(submission.source, event) }, result, assessment, clock.now(), deps.followUpConsent),
    ...(benchmark && { benchmark }),
    ...(previous && { previous }),
  };
  const saved = await submissions.save(record);
  if (!saved.created && saved.existing.payloadHash !== record.payloadHash) throw new ConflictError(DIFFERENT_PAYLOAD);
  const stored = saved.created ? record : saved.existing;
  // Counted on the owner's dashboard (a metric filter on `submissionStored`).
  if (saved.created) log.info('submission stored', { submissionStored: 1, submissionId: record.id, withContact: Boolean(record.contact) });

  // A retake is the same organisation again: the comparison counts each one once, by its first result.
  if (saved.created && !record.previous) {
    await countRespondent(record, deps.comparison, {
      ...deps,
      network: networkOf(ip),
      minCompletionSeconds: deps.minCompletionSeconds,
      now: clock.now(),
    });
  }
  // The plain form is answered without JavaScript, so its visitor was never counted opening, starting or reaching a
  // question: counted apart, "Finished" counts the same visitors as "Started".
  if (saved.created) await countStep(deps, body.format === 'form' ? 'completed-without-script' : 'completed', record);
  if (saved.created && record.contact) await countStep(deps, 'contact', record);

  const owned = { type: 'submission' as const, record: stored };
  const queued = await deps.emails.queue(owned);
  await queueWebhooks(stored, deps.webhooks);
  await deps.emails.sendNow(queued.sendNow, owned);
  const emailed = stored.contact ? !queued.heldBack['results-email'] : undefined;
  return respond(saved.created ? 201 : 200, stored, emailed, bookingFor(stored, deps.booking));
}

/**
 * The source with the article that led to the assessment: sent by the quiz script, or, for a form sent without
 * JavaScript, read from the `?from=` of the page the form was on (its Referer). Kept only when it names a published
 * article, so words typed into a link never reach the lead email, the funnel or the digest.
 */
function withArticle({ article: sent, ...source }: Submission['source'], event: ApiEvent): Submission['source'] {
  const article = sent ?? refererParam(event, 'from');
  return article && articleTitle(article) !== undefined ? { ...source, article } : source;
}

/** Validates a body as an answer to this site's assessment, in the version the visitor saw. */
function parseSubmission(value: unknown, assessment: Assessment): Submission {
  const submission = parseWith(SubmissionSchema, value);
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
  return submission;
}

/** The record to store: the server's score and lead grade, the contact with its consent, and a payload hash. */
function toRecord(
  submission: Submission,
  result: AssessmentResult,
  assessment: Assessment,
  now: Date,
  consentMode: FollowUpConsent,
): StoredSubmission {
  const { contact } = submission;
  const payloadHash = hashPayload({ v: submission.assessmentVersion, a: submission.answers, q: submission.qualifying, c: contact });
  const at = now.toISOString();
  return {
    // Without a client id (a plain form), a new id: nobody is ever answered with a record another request made. A
    // double-submitted form stores twice but emails once (email/registry.ts limits the emails, not the records).
    id: submission.submissionId ?? randomUUID(),
    secret: newSecret(),
    assessmentId: assessment.id,
    assessmentVersion: assessment.version,
    answers: submission.answers,
    qualifying: submission.qualifying,
    result,
    grade: gradeLead(assessment, submission.qualifying, result),
    source: Object.fromEntries(Object.entries(submission.source).filter((e): e is [string, string] => typeof e[1] === 'string')),
    payloadHash,
    createdAt: at,
    ...(submission.elapsedMs !== undefined && { elapsedMs: submission.elapsedMs }),
    ...(contact && {
      contact: {
        name: contact.name,
        email: contact.email,
        ...(contact.company && { company: contact.company }),
        at,
        consent: recordConsent(contact.consent, assessment, at, consentMode),
      },
    }),
  };
}
