import followUpJson from '../../../content/emails/follow-up.json' with { type: 'json' };
import { firstName, singleLineText } from '../../quiz/fields.ts';
import { resultsUrl } from '../../quiz/render-results.ts';
import { type AssessmentResult, weakestCategory } from '../../quiz/score.ts';
import * as z from '../../quiz/zod.ts';
import { followUpAgreed } from '../consent/consent.ts';
import { formatToken, unsubscribeUrl } from '../submissions/results-token.ts';
import type { SubmissionEmailKind } from './kind.ts';
import { copyParagraph as paragraph, type RenderedEmail, renderEmail } from './layout.ts';

const followUpBody = z.strictObject({ subject: singleLineText(120), paragraphs: z.array(paragraph).check(z.minLength(1), z.maxLength(6)) });

/** Copy of the follow-up email, by weakest category. */
export const FollowUpCopySchema = z.strictObject({
  greeting: singleLineText(40),
  signOff: paragraph,
  unsubscribeLabel: singleLineText(80),
  /** Used when no category has a score. */
  fallback: followUpBody,
  /** By category id. */
  byCategory: z.record(z.string(), followUpBody),
});
/** Follow-up copy. */
export type FollowUpCopy = z.output<typeof FollowUpCopySchema>;

/** The copy from `content/emails/follow-up.json`, checked once at cold start. */
const copy = FollowUpCopySchema.parse(followUpJson);

/** Renders the follow-up, keyed to the visitor's weakest category, with a visible unsubscribe link. */
export function renderFollowUp(options: {
  name: string;
  result: AssessmentResult;
  token: string;
  unsubscribeUrl: string;
  siteUrl: string;
  siteName: string;
  postalAddress?: string;
  /** What a result of the assessment is called ("Integration Readiness"), to remind the visitor what this is about. */
  resultName: string;
  copy: FollowUpCopy;
}): RenderedEmail {
  const { copy } = options;
  const weakest = weakestCategory(options.result);
  const content = (weakest && copy.byCategory[weakest.id]) || copy.fallback;
  return renderEmail(
    {
      // The subject says what it is about and from whom, days after the visitor last heard of us.
      subject: `${content.subject} (your ${options.resultName} result, ${options.siteName})`,
      blocks: [
        { paragraph: `${copy.greeting} ${options.name},` },
        ...content.paragraphs.map((p) => ({ paragraph: p })),
        { button: { href: resultsUrl(options.siteUrl, options.token), label: 'Review your results' } },
        { paragraph: copy.signOff },
      ],
      footer: { link: options.unsubscribeUrl, text: copy.unsubscribeLabel },
    },
    options,
  );
}

/**
 * One follow-up, days later, only with consent; a later consent replaces a pending one. It speaks of the visitor's
 * latest attempt (a retake taken from the consenting result, with or without the address) and its weakest category,
 * and is skipped when that attempt has no category left below 100 %.
 */
export const followUp: SubmissionEmailKind = {
  owner: 'submission',
  audience: 'visitor',
  wanted: (submission) => followUpAgreed(submission.contact?.consent),
  latestPerAddressOnly: true,
  aboutLatestAttempt: true,
  countsAs: 'follow-up-sent',
  delayMs: (context) => context.followUpDelayDays * 86_400_000,
  compose: (submission, context, latest) => {
    const attempt = latest ?? submission;
    if (weakestCategory(attempt.result)?.percent === 100) {
      return { skip: `the latest attempt (${attempt.id}) scored 100 % in every category: nothing is left to follow up on` };
    }
    // Unsubscribing is the consenting submission's; the results linked are the latest attempt's.
    const unsubscribe = unsubscribeUrl(context.siteUrl, formatToken(submission));
    return {
      ...renderFollowUp({
        // A visitor is greeted by first name only: the rest of what they typed never reaches an inbox.
        name: firstName(submission.contact?.name ?? ''),
        result: attempt.result,
        token: formatToken(attempt),
        unsubscribeUrl: unsubscribe,
        siteUrl: context.siteUrl,
        siteName: context.siteName,
        ...(context.postalAddress && { postalAddress: context.postalAddress }),
        resultName: context.assessment?.resultName ?? 'assessment',
        copy,
      }),
      // RFC 8058 one-click unsubscribe, which mail clients show as their own button.
      headers: [
        { name: 'List-Unsubscribe', value: `<${unsubscribe}>` },
        { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      ],
    };
  },
};
