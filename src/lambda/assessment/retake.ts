import { previousOf } from '../../quiz/progress.ts';
import { NotFoundError } from '../errors.ts';
import { type ApiEvent, header } from '../http/request.ts';
import type { BackendContext } from '../ports.ts';
import type { StoredSubmission } from '../records.ts';
import { findSubmissionByToken } from './results-token.ts';

/**
 * The result a retake follows, from the `retakeOf` token the quiz sends or, for a form sent without JavaScript, the
 * `?retake=` of the page the form was on (its Referer). Only a token that opens a stored result of the same
 * assessment links the two; anything else (forged, mistyped, expired) is ignored and the answers are a first attempt.
 */
export async function retakeOf(
  retakeToken: string | undefined,
  event: ApiEvent,
  assessmentId: string,
  context: BackendContext,
): Promise<StoredSubmission['previous']> {
  const token = retakeToken ?? retakeOfReferer(event);
  if (!token) return undefined;
  try {
    const previous = await findSubmissionByToken(token, context.store);
    if (previous.assessmentId !== assessmentId) return undefined;
    return { id: previous.id, ...previousOf(previous.result, previous.createdAt) };
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

function retakeOfReferer(event: ApiEvent): string | undefined {
  const referer = header(event, 'referer');
  return (referer && URL.canParse(referer) ? new URL(referer).searchParams.get('retake') : null) ?? undefined;
}
