import type { Assessment } from '../../quiz/assessment.ts';
import { previousOf } from '../../quiz/progress.ts';
import { NotFoundError } from '../errors.ts';
import { type ApiEvent, refererParam } from '../http/request.ts';
import type { StoredSubmission } from '../records.ts';
import { findSubmissionByToken } from '../submissions/results-token.ts';
import type { Submissions } from '../submissions/submissions.ts';

/**
 * The result a retake follows, from the `retakeOf` token the quiz sends or, for a form sent without JavaScript
 * (`plainForm`), the `?retake=` of the page the form was on (its Referer). Only a token that opens a stored result
 * of the same assessment version links the two (scores of another version are not comparable); anything else
 * (forged, mistyped, expired) is ignored and the answers are a first attempt.
 */
export async function retakeOf(
  retakeToken: string | undefined,
  plainForm: ApiEvent | undefined,
  assessment: Pick<Assessment, 'id' | 'version'>,
  submissions: Pick<Submissions, 'get'>,
): Promise<StoredSubmission['previous']> {
  const token = retakeToken ?? (plainForm && refererParam(plainForm, 'retake'));
  if (!token) return undefined;
  try {
    const previous = await findSubmissionByToken(token, submissions);
    if (previous.assessmentId !== assessment.id || previous.assessmentVersion !== assessment.version) return undefined;
    return { id: previous.id, ...previousOf(previous.result, previous.createdAt) };
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
