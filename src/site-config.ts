import siteJson from '../content/site.json' with { type: 'json' };
import * as z from './quiz/zod.ts';

/** Whether the runtime knows a time zone by this IANA name. */
function isTimeZone(name: string): boolean {
  // The canonical names first: listing them costs about 1 ms, where a formatter for a zone loads the time-zone data
  // (about 20 ms at every Lambda cold start). An alias (Asia/Calcutta) is still accepted through the formatter.
  if (Intl.supportedValuesOf('timeZone').includes(name)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The consultancy's identity and policies: edit `content/site.json` to rebrand the whole site. */
/** A name that can stand in an email's From header as it is (quoted, no encoding). */
const PLAIN_NAME = /^[A-Za-z0-9 .,&'-]{1,60}$/;

export const SiteConfigSchema = z.strictObject({
  /** The consultancy's name, shown in the header, titles and emails. */
  name: z.string().check(z.minLength(1)),
  /** A short line under the name. */
  tagline: z.string().check(z.minLength(1)),
  /** The default meta description of the site. */
  description: z.string().check(z.minLength(1), z.maxLength(200)),
  /** The public origin of the site, without a trailing slash: canonical URLs, links in emails. */
  url: z.url({ protocol: /^https?$/ }).check(z.refine((u) => !u.endsWith('/'), 'must not end with a slash')),
  /** BCP 47 language tag of the content. */
  locale: z.string().check(z.minLength(2)),
  /** Where contact messages and leads are sent; shown on the site. */
  contactAddress: z.email(),
  /** The From address of every email the site sends (an address of the verified SES domain). */
  senderAddress: z.email(),
  /**
   * The name emails come from ("Paradigm AI <hello@…>"); the site's name when left out. Plain letters, digits,
   * spaces and . , & ' - only, so it can be written in the From header as it is.
   */
  senderName: z.optional(
    z.string().check(z.regex(PLAIN_NAME, "Use plain letters, digits, spaces and . , & ' - for the sender name (at most 60).")),
  ),
  /** ISO 4217 code of the currency used in the cost calculator. */
  currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as GBP.')),
  /** How long submissions and messages are kept, in days; stated in the privacy notice. */
  retentionDays: z.int().check(z.gte(1), z.lte(3650)),
  /** How many days after an assessment the follow-up email is sent (only with consent). */
  followUpDelayDays: z.int().check(z.gte(1), z.lte(60)),
  /** The consultancy's time zone (IANA, e.g. `Europe/London`): its weeks and hours for the weekly digest. */
  timeZone: z.string().check(z.refine(isTimeZone, 'Use an IANA time zone such as Europe/London or America/New_York.')),
  /** Whether the consultancy gets a weekly digest of leads and the funnel, on Mondays at 08:00 in `timeZone`. */
  digest: z.boolean(),
  /**
   * How many others must have taken the assessment before a result is compared with theirs ("ahead of 62% of
   * the 140 organisations..."); below it, no comparison is shown.
   */
  benchmarkMinimum: z._default(z.int().check(z.gte(1), z.lte(100_000)), 30),
  /**
   * A page where visitors book a call (Cal.com, Calendly or any https URL). For the lead grades named, the
   * results page and email make booking the first action, with name, email and the results link filled in.
   */
  booking: z.optional(
    z.strictObject({
      url: z.url({ protocol: /^https$/, error: 'Use the https:// address of the booking page.' }),
      provider: z.enum(['cal.com', 'calendly', 'other']),
      grades: z._default(z.array(z.string().check(z.minLength(1))).check(z.minLength(1)), ['A', 'B']),
    }),
  ),
  /**
   * The firm's postal address, in one line, at the foot of every email (anti-spam rules such as CAN-SPAM and PECR
   * ask for it in marketing email, the follow-up): fill it in before going live.
   */
  postalAddress: z.optional(z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[^\n\r]*$/, 'Write the address on one line.'))),
  /**
   * How a visitor agrees to the follow-up email: `single`, ticking the box (the default); or `confirmed`, ticking the
   * box and then pressing "Yes, send me the follow-up" in the results email (double opt-in, as German and Austrian
   * practice expects), so only an inbox's owner can ask for it.
   */
  followUpConsent: z._default(z.enum(['single', 'confirmed']), 'single'),
  /** Links to the consultancy's profiles elsewhere. */
  social: z.array(z.strictObject({ label: z.string().check(z.minLength(1)), url: z.url() })),
});

/** The site configuration, as validated from `content/site.json`. */
/**
 * The From header of every email: the sender name (or the site's name, when it is plain enough to be written as it
 * is) quoted before the address, or the bare address.
 * @example fromHeader({ name: 'Paradigm AI', senderAddress: 'hello@paradigmai.co' }) // '"Paradigm AI" <hello@paradigmai.co>'
 */
export function fromHeader(site: Pick<SiteConfig, 'name' | 'senderName'>, address: string): string {
  const name = site.senderName ?? (PLAIN_NAME.test(site.name) ? site.name : undefined);
  return name ? `"${name}" <${address}>` : address;
}

export type SiteConfig = z.output<typeof SiteConfigSchema>;

/**
 * Validates raw site configuration and explains every bad field.
 * @example parseSiteConfig({ ...site, url: 'paradigmai.co' }) // throws: "url: Invalid URL"
 */
export function parseSiteConfig(raw: unknown, source = 'content/site.json'): SiteConfig {
  const result = SiteConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${source} is not a valid site configuration:\n${problems.join('\n')}\nFix these fields and build again.`);
  }
  return result.data;
}

/** The validated site configuration of this build. */
export const siteConfig: SiteConfig = parseSiteConfig(siteJson);

/**
 * Days the weekly digest's report is kept: long enough for its email's every retry, short enough that the names
 * and addresses it lists are not a second copy of the leads (erasing a person also removes them from it).
 */
export const WEEKLY_DIGEST_KEPT_DAYS = 14;

/**
 * Days the site's access logs are kept (CloudFront's standard logs: each request's network address, time, address
 * and browser; a results link's address carries its key). Long enough to look into abuse, short enough that the keys
 * they hold do not outlive their use; stated in the privacy notice.
 */
export const ACCESS_LOG_DAYS = 14;

/** Days the table's continuous backup (point-in-time recovery) reaches back; stated in the privacy notice. */
export const BACKUP_DAYS = 35;

/**
 * How long after expiry the database deletes a record at the latest, as a notice can promise it: DynamoDB's expiry
 * deletes in the background, "typically within a few days" (expired records are never read or shown meanwhile).
 */
export const EXPIRY_DELETION_DAYS = 7;

/** The site's domain, derived from its URL (for example `paradigmai.co`). */
export const siteDomain: string = new URL(siteConfig.url).hostname;
