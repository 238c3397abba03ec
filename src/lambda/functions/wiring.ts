import type { Assessment } from '../../quiz/assessment.ts';
import { fromHeader } from '../../site-config.ts';
import type { Base, Ports } from '../backend.ts';
import type { Comparison } from '../comparison/compare.ts';
import type { EmailContext, EmailKinds } from '../email/kind.ts';
import type { EmailSending, RecordReader } from '../email/send-emails.ts';
import type { RouteOptions } from '../http/api-handler.ts';
import type { Delivery } from '../outbox/deliver.ts';
import type { BookingOffer } from '../submissions/shown-result.ts';
import type { WebhookQueueing } from '../webhook/events.ts';

/**
 * The small pieces of wiring several functions share. Plain functions over the base and the ports: importing this
 * module brings no feature's code into a bundle.
 */

/** How an API route is answered besides its logic. */
export const routeOptions = (base: Base, methods: string[], backHref?: string): RouteOptions => ({
  methods,
  ...(backHref && { backHref }),
  originSecret: base.settings.ORIGIN_SECRET,
  siteUrl: base.settings.SITE_URL,
  log: base.log,
});

/** The consultancy's booking page, when it has one, offered with results of this assessment. */
export const bookingOffer = (base: Base, assessment: Pick<Assessment, 'resultName'>): BookingOffer | undefined =>
  base.site.booking && { ...base.site.booking, resultName: assessment.resultName };

/** What composing an email reads besides its record. */
export const emailContext = (base: Base, assessment?: Assessment): EmailContext => ({
  siteUrl: base.settings.SITE_URL,
  siteName: base.site.name,
  ...(base.site.postalAddress && { postalAddress: base.site.postalAddress }),
  timeZone: base.site.timeZone,
  ...(assessment && { assessment }),
  ...(assessment && base.site.booking && { booking: bookingOffer(base, assessment) }),
  minCompletionSeconds: base.settings.MIN_COMPLETION_SECONDS,
  followUpDelayDays: base.settings.FOLLOW_UP_DELAY_DAYS,
});

/** Queueing and sending the emails of `kinds`, composed from the records `records` reads. */
export const emailSending = (
  base: Base,
  ports: Pick<Ports, 'outbox' | 'limits' | 'mailer'> & Partial<Pick<Ports, 'funnel'>>,
  kinds: EmailKinds,
  records: RecordReader,
  assessment?: Assessment,
): EmailSending => ({
  kinds,
  outbox: ports.outbox,
  addresses: ports.limits,
  mailer: ports.mailer,
  records,
  ...(ports.funnel && { funnel: ports.funnel }),
  clock: base.clock,
  log: base.log,
  context: emailContext(base, assessment),
  from: fromHeader(base.site, base.settings.SENDER_ADDRESS),
  consultancy: base.settings.LEAD_RECIPIENT,
});

/** Comparing a result with everyone counted so far. */
export const comparison = (base: Base, histograms: Ports['histograms']): Comparison => ({
  histograms,
  benchmarkMinimum: base.site.benchmarkMinimum,
  log: base.log,
});

/** Delivering outbox items, without saying yet how each is prepared. */
export const delivery = (base: Base, outbox: Ports['outbox']): Omit<Delivery, 'prepare'> => ({
  outbox,
  maxAttempts: base.settings.MAX_SEND_ATTEMPTS,
  clock: base.clock,
  log: base.log,
});

/** Queueing webhook events, when a receiver is configured. */
export const webhookQueueing = (base: Base, outbox: Ports['outbox']): WebhookQueueing => ({
  enabled: base.settings.WEBHOOK_URL !== undefined,
  outbox,
  clock: base.clock,
});
