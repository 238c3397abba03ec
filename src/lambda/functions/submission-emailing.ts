import { assessment } from '../../assessment.ts';
import type { Base, Ports } from '../backend.ts';
import { type RecordEmails, recordEmails } from '../email/send-emails.ts';
import { submissionEmails } from '../email/submission-emails.ts';
import { delivery, emailSending } from './wiring.ts';

/**
 * A submission's emails, queued and the due ones sent at once: what the submissions route and contact details left
 * after the results both do (in a module of its own, so only their bundles carry the emails of a submission).
 */
export const submissionEmailing = (
  base: Base,
  ports: Pick<Ports, 'submissions' | 'outbox' | 'limits' | 'mailer' | 'funnel'>,
): RecordEmails =>
  recordEmails(
    emailSending(base, ports, submissionEmails, { submission: (id) => ports.submissions.get(id) }, assessment),
    delivery(base, ports.outbox),
  );
