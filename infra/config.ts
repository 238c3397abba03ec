import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { siteConfig } from '../src/site-config.ts';

const domainName = z
  .string()
  .regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/, 'must be a lower-case domain name such as example.com');

/**
 * One deployment stage (`infra/stages/<name>.json`), validated at synthesis. Defaults come from
 * `content/site.json`, so a rebrand needs only the domain here.
 */
export const StageConfigSchema = z
  .object({
    /** The stage's name: prefixes the stacks (`production` → `ProductionData`, `ProductionSite`). */
    name: z.string().regex(/^[a-z][a-z0-9-]{0,20}$/, 'must be lower-case letters, digits and dashes'),
    /** The AWS account to deploy to; the CLI's current account when omitted. */
    account: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
      .optional(),
    /** The region of the table, the API and the functions (the WAF and CloudFront alarms live in us-east-1). */
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-2'),
    /** The site's domain; also the SES sending domain. */
    domain: domainName,
    /**
     * A Route 53 hosted zone for the domain: with it, the stacks create the site's certificate in us-east-1 (validated
     * through the zone), its alias records and the email records; without it, name a `certificateArn`.
     */
    hostedZone: z
      .object({ id: z.string().min(1), name: domainName })
      .strict()
      .optional(),
    /**
     * An ACM certificate in us-east-1 covering the domain, made by the owner: needed when there is no `hostedZone`
     * (with one, the stacks make it), so CloudFront answers the domain every email links to.
     */
    certificateArn: z
      .string()
      .regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/[\w-]+$/, 'must be an ACM certificate ARN in us-east-1')
      .optional(),
    /** The From address of every email (an address of the domain). */
    senderAddress: z.email().default(siteConfig.senderAddress),
    /** Where leads and messages go. */
    leadRecipient: z.email().default(siteConfig.contactAddress),
    /** Days before records expire. */
    retentionDays: z.int().min(1).max(3650).default(siteConfig.retentionDays),
    /** Days after an assessment when the follow-up goes out. */
    followUpDelayDays: z.int().min(1).max(60).default(siteConfig.followUpDelayDays),
    /**
     * Where the backend posts its signed events (a CRM's or Zapier's catch hook), and the name of the Secrets
     * Manager secret holding the signing secret (`whsec_…`, created by the owner, shared with the receiver).
     */
    webhook: z
      .object({
        url: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }),
        secretName: z.string().min(1),
      })
      .strict()
      .optional(),
    /** Who receives alarm emails. */
    alarmEmail: z.email(),
    /**
     * The monthly AWS spend (USD) the owner expects at most: an AWS Budgets alarm emails `alarmEmail` when the month's
     * actual cost passes 80 % of it, or its forecast passes 100 %.
     */
    monthlyBudgetUsd: z.number().positive().max(100_000).default(25),
  })
  .strict()
  .refine((c) => c.senderAddress.endsWith(`@${c.domain}`), {
    message: 'must be an address of the domain (SES sends only from it)',
    path: ['senderAddress'],
  })
  .refine((c) => !c.hostedZone || c.domain === c.hostedZone.name || c.domain.endsWith(`.${c.hostedZone.name}`), {
    message: 'must contain the domain',
    path: ['hostedZone', 'name'],
  })
  .refine((c) => c.hostedZone || c.certificateArn, {
    message:
      'CloudFront answers the domain only with a certificate for it, and every email links to it. Add "hostedZone" ({ "id", "name" } of the Route 53 zone: the stacks then create and validate the certificate), or "certificateArn" (an ACM certificate for the domain you made in us-east-1)',
    path: ['certificateArn'],
  });

/** A validated stage configuration. */
export type StageConfig = z.output<typeof StageConfigSchema>;

/** Synthesis stops with this when the stage configuration is missing or invalid. */
export class StageConfigError extends Error {
  override readonly name = 'StageConfigError';
}

/**
 * Validates a stage configuration and explains every bad key.
 * @example parseStageConfig({ name: 'production', region: 'eu-west-2', domain: 'example.com', alarmEmail: 'ops@example.com' })
 */
export function parseStageConfig(raw: unknown, source: string): StageConfig {
  const result = StageConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new StageConfigError(
    `The stage configuration in ${source} is not valid:\n${lines.join('\n')}\nFix these keys and run the command again.`,
  );
}

/** Reads `infra/stages/<stage>.json` (the stage from `-c stage=<name>`, default `production`). */
export function loadStageConfig(stage: string, root = resolve(import.meta.dirname, '..')): StageConfig {
  if (!/^[a-z][a-z0-9-]*$/.test(stage))
    throw new StageConfigError(`"${stage}" is not a stage name. Use -c stage=<name> with a file infra/stages/<name>.json.`);
  const file = resolve(root, 'infra/stages', `${stage}.json`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new StageConfigError(
      `There is no stage file infra/stages/${stage}.json. Create it (see README.md, Deploy) or pick another stage with -c stage=<name>.`,
    );
  }
  try {
    return parseStageConfig(JSON.parse(text), `infra/stages/${stage}.json`);
  } catch (error) {
    if (error instanceof SyntaxError) throw new StageConfigError(`infra/stages/${stage}.json is not valid JSON: ${error.message}`);
    throw error;
  }
}
