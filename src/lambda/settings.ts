import * as z from '../quiz/zod.ts';

/**
 * The environment every function of the backend reads, once, at cold start (backend.ts): one schema for all, each
 * function's definition (functions/) giving its logic only the settings it uses.
 */
export const SettingsSchema = z
  .object({
    /** The DynamoDB table of submissions, messages and the outbox. */
    TABLE_NAME: z.string().check(z.minLength(1)),
    /** The public origin of the site (links in emails), e.g. https://paradigmai.co. */
    SITE_URL: z.url().check(z.refine((u) => !u.endsWith('/'), 'must not end with a slash')),
    /** Level of the structured log. */
    LOG_LEVEL: z._default(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']), 'INFO'),
    /** The From address of every email. */
    SENDER_ADDRESS: z.email(),
    /** The consultancy's inbox for leads and messages. */
    LEAD_RECIPIENT: z.email(),
    /** Days a record is kept before it expires. */
    RETENTION_DAYS: z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(3650))),
    /** Send attempts after which an email is marked failed. */
    MAX_SEND_ATTEMPTS: z._default(z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(20))), 8),
    /** Days after an assessment when the follow-up is sent (only with consent). */
    FOLLOW_UP_DELAY_DAYS: z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(60))),
    /** Assessments one IP may submit per hour. */
    SUBMISSIONS_PER_IP_PER_HOUR: z._default(z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(100_000))), 30),
    /** Contact messages, contact details and unsubscribes one network may send per hour (each counted on its own). */
    FORM_POSTS_PER_IP_PER_HOUR: z._default(z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(100_000))), 20),
    /** Answers sent sooner than this after the first question are marked in the lead email as possibly automated. */
    MIN_COMPLETION_SECONDS: z._default(z.coerce.number().check(z.gte(0), z.lte(600)), 20),
    /**
     * The secret of the keyed hash (HMAC) that indexes each person's records by their address, so `npm run leads`
     * finds a person without scanning and nobody can look addresses up without the key. In AWS, from Secrets Manager.
     */
    PERSON_KEY: z.optional(z.string().check(z.minLength(32))),
    /** The SES configuration set (reputation metrics, suppression); unset locally. */
    SES_CONFIGURATION_SET: z.optional(z.string().check(z.minLength(1))),
    /**
     * Secret header value CloudFront adds to every /api request; requests without it are refused, so the
     * API's own URL cannot bypass the CDN and its WAF. Unset locally and on the sweep (no HTTP).
     */
    ORIGIN_SECRET: z.optional(z.string().check(z.minLength(16))),
    /**
     * Where the backend POSTs its events (`lead.created`, `lead.contact_added`, `person.unsubscribed`), signed per
     * the Standard Webhooks specification; unset: no webhooks. A CRM's catch hook, or Zapier's. Every function
     * that queues events reads it; the sweep sends them.
     */
    WEBHOOK_URL: z.optional(z.url({ protocol: /^https?$/ })),
    /**
     * The signing secret shared with the receiver (`whsec_` and base64). Only the function that sends events (the
     * sweep; locally, the one process) needs it; in AWS, from Secrets Manager.
     */
    WEBHOOK_SECRET: z.optional(
      z
        .string()
        .check(
          z.regex(
            /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/,
            'must be a Standard Webhooks secret: whsec_ followed by at least 24 random bytes in base64',
          ),
        ),
    ),
    /** Endpoint override for DynamoDB (the local stand-in); unset in AWS. */
    DYNAMODB_ENDPOINT: z.optional(z.url()),
    /** Endpoint override for SES (the local stand-in); unset in AWS. */
    SES_ENDPOINT: z.optional(z.url()),
  })
  .check(
    z.refine((settings) => settings.WEBHOOK_SECRET === undefined || settings.WEBHOOK_URL !== undefined, {
      message: 'a signing secret without WEBHOOK_URL signs nothing: set WEBHOOK_URL too, or remove it',
      path: ['WEBHOOK_SECRET'],
    }),
  );
/** The backend's settings. */
export type Settings = z.output<typeof SettingsSchema>;

/** Settings only the local stack sets; a deployed function never has them. */
export const LOCAL_ONLY_SETTINGS = ['DYNAMODB_ENDPOINT', 'SES_ENDPOINT'] as const;

/** A deploy or local stack handed the backend bad or missing settings. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * The person-index key, for a function that writes the index (routes.ts: it writes `person`); only those are given it.
 * @example new DynamoPersonIndex(aws.table, personKeyOf(aws.settings))
 */
export function personKeyOf(settings: Settings): string {
  if (settings.PERSON_KEY) return settings.PERSON_KEY;
  throw new ConfigError(
    "This function is misconfigured, so it refuses to start:\n  - PERSON_KEY: required by the functions that store a person's address (contact, submissions, results-contact)\nSet it (the CDK stack does, from Secrets Manager) and deploy again.",
  );
}

/**
 * Reads the settings from an environment once, at cold start, and fails loudly naming each bad key.
 * @example loadSettings(process.env).TABLE_NAME
 */
export function loadSettings(env: Record<string, string | undefined>): Settings {
  const keys = Object.keys(SettingsSchema.shape);
  const picked = Object.fromEntries(keys.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const result = SettingsSchema.safeParse(picked);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(
    `This function is misconfigured, so it refuses to start:\n${lines.join('\n')}\nSet these environment variables (see the configuration table in README.md) and deploy again.`,
  );
}
