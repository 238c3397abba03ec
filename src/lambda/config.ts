import * as z from 'zod';

/** Settings every API function reads. */
const CommonSettings = {
  /** The DynamoDB table of submissions, messages and the outbox. */
  TABLE_NAME: z.string().min(1),
  /** The public origin of the site (links in emails), e.g. https://paradigmai.co. */
  SITE_URL: z.url().refine((u) => !u.endsWith('/'), 'must not end with a slash'),
  /** Level of the structured log. */
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  /** Endpoint override for DynamoDB (the local stand-in); unset in AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /**
   * Secret header value CloudFront adds to every /api request; requests without it are refused, so the
   * API's own URL cannot bypass the CDN and its WAF. Unset locally.
   */
  ORIGIN_SECRET: z.string().min(16).optional(),
};

/** Settings of functions that send email. */
const MailSettings = {
  /** The From address of every email. */
  SENDER_ADDRESS: z.email(),
  /** The consultancy's inbox for leads and messages. */
  LEAD_RECIPIENT: z.email(),
  /** The SES configuration set (reputation metrics, suppression); unset locally. */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** Endpoint override for SES (the local stand-in); unset in AWS. */
  SES_ENDPOINT: z.url().optional(),
  /** Days a record is kept before it expires. */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650),
  /** Send attempts after which an email is marked failed. */
  MAX_SEND_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
};

/** Settings of the assessment's functions. */
const LeadSettings = {
  /** Days after an assessment when the follow-up is sent (only with consent). */
  FOLLOW_UP_DELAY_DAYS: z.coerce.number().int().min(1).max(60),
  /** Assessments one IP may submit per hour. */
  SUBMISSIONS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Answers submitted sooner than this after the page loaded are treated as automated. */
  MIN_COMPLETION_SECONDS: z.coerce.number().min(0).max(600).default(20),
};

/** Environment of the assessment's functions (submissions, results, contact details, unsubscribe). */
export const LeadConfigSchema = z.object({ ...CommonSettings, ...MailSettings, ...LeadSettings });
/** Assessment function settings. */
export type LeadConfig = z.output<typeof LeadConfigSchema>;

/** Environment of the contact function. */
export const ContactConfigSchema = z.object({ ...CommonSettings, ...MailSettings });
/** Contact function settings. */
export type ContactConfig = z.output<typeof ContactConfigSchema>;

/** A deploy or local stack handed a function bad or missing settings. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads a function's settings from the environment once, at cold start, and fails loudly naming each bad key.
 * @example loadConfig(ContactConfigSchema, process.env)
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: Record<string, string | undefined>): z.output<S> {
  // In Lambda, stack traces point at the TypeScript sources (the bundles ship source maps).
  if (env.AWS_LAMBDA_FUNCTION_NAME) process.setSourceMapsEnabled(true);
  const keys = Object.keys(schema.shape);
  const picked = Object.fromEntries(keys.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const result = schema.safeParse(picked);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(
    `This function is misconfigured, so it refuses to start:\n${lines.join('\n')}\nSet these environment variables (see the configuration table in README.md) and deploy again.`,
  );
}
