import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { AaaaRecord, ARecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { CloudFrontTarget } from 'aws-cdk-lib/aws-route53-targets';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { siteConfig } from '../../src/site-config.ts';
import type { StageConfig } from '../config.ts';
import { EmailSending } from '../constructs/email-sending.ts';
import { EmailSweep } from '../constructs/email-sweep.ts';
import { Monitoring } from '../constructs/monitoring.ts';
import { SiteApi } from '../constructs/site-api.ts';
import type { SiteFunction } from '../constructs/site-function.ts';
import { StaticSite } from '../constructs/static-site.ts';
import { WeeklyDigest } from '../constructs/weekly-digest.ts';

/** Props of the stateless stack. */
export interface SiteStackProps extends StackProps {
  config: StageConfig;
  /** The table from the stateful stack. */
  table: ITableV2;
  /** The person-index key from the stateful stack. */
  personKey: ISecret;
  /** The WAF web ACL from the us-east-1 stack. */
  webAclArn: string;
  /** The certificate (us-east-1) CloudFront serves the domain with: the stage's own, or the one the edge stack made. */
  certificateArn: string;
  /** The built site (dist/). */
  siteDirectory: string;
}

/** Settings of the deployed functions (see src/lambda/settings.ts). */
const SEND_ATTEMPTS = '8';
const SUBMISSIONS_PER_IP_PER_HOUR = '30';
const FORM_POSTS_PER_IP_PER_HOUR = '20';
const MIN_COMPLETION_SECONDS = '20';

/** The stateless stack: the site, the API and its functions, email sending, the sweep, the weekly digest and the alarms. */
export class SiteStack extends Stack {
  readonly distributionId: string;

  constructor(scope: Construct, id: string, props: SiteStackProps) {
    super(scope, id, props);
    const { config, table } = props;
    const zone = config.hostedZone
      ? HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: config.hostedZone.id, zoneName: config.hostedZone.name })
      : undefined;
    const email = new EmailSending(this, 'Email', { domain: config.domain, hostedZone: zone });
    const originSecret = new Secret(this, 'OriginSecret', {
      description: 'Header value CloudFront sends to the API, so the API refuses requests that bypass CloudFront',
      generateSecretString: { excludePunctuation: true, passwordLength: 48 },
    });
    Validations.of(originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Not rotated: CloudFront and the functions must change it together. It only proves a request came through CloudFront; the WAF rate and size rules and API throttling bound what a leaked value would allow.',
    });

    const environment = {
      TABLE_NAME: table.tableName,
      SITE_URL: `https://${config.domain}`,
      LOG_LEVEL: 'INFO',
      SENDER_ADDRESS: config.senderAddress,
      LEAD_RECIPIENT: config.leadRecipient,
      SES_CONFIGURATION_SET: email.configurationSet.configurationSetName,
      RETENTION_DAYS: String(config.retentionDays),
      MAX_SEND_ATTEMPTS: SEND_ATTEMPTS,
      FOLLOW_UP_DELAY_DAYS: String(config.followUpDelayDays),
      SUBMISSIONS_PER_IP_PER_HOUR,
      FORM_POSTS_PER_IP_PER_HOUR,
      MIN_COMPLETION_SECONDS,
      // Every function that queues webhook events knows where they go; only the sweep sends them (below).
      ...(config.webhook && { WEBHOOK_URL: config.webhook.url }),
    };
    // The signing secret is the owner's (shared with their CRM), referenced by name and resolved at deploy.
    const signing = config.webhook && {
      WEBHOOK_SECRET: Secret.fromSecretNameV2(this, 'WebhookSecret', config.webhook.secretName).secretValue.unsafeUnwrap(),
    };
    // Only the HTTP functions are behind CloudFront, so only they check its secret header.
    const http = { ORIGIN_SECRET: originSecret.secretValue.unsafeUnwrap() };

    const api = new SiteApi(this, 'Api', {
      table,
      environment: { ...environment, ...http },
      // A reference resolved at deploy: the key itself never appears in a template.
      personKey: props.personKey.secretValue.unsafeUnwrap(),
      sesResources: email.sendResources,
      senderAddress: config.senderAddress,
      rateLimit: 50,
    });
    const sweep = new EmailSweep(this, 'Sweep', {
      table,
      environment: { ...environment, ...signing },
      sesResources: email.sendResources,
      senderAddress: config.senderAddress,
    });
    const digest = siteConfig.digest
      ? new WeeklyDigest(this, 'Digest', {
          table,
          environment,
          sesResources: email.sendResources,
          senderAddress: config.senderAddress,
          timeZone: siteConfig.timeZone,
          deadLetterQueue: sweep.deadLetterQueue,
        })
      : undefined;
    const site = new StaticSite(this, 'Site', {
      siteDirectory: props.siteDirectory,
      apiDomainName: api.domainName,
      originSecret: originSecret.secretValue.unsafeUnwrap(),
      webAclArn: props.webAclArn,
      domain: { names: [config.domain], certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn) },
    });
    this.distributionId = site.distribution.distributionId;
    new Monitoring(this, 'Monitoring', {
      alarmEmail: config.alarmEmail,
      functions: [...api.functions.values(), sweep.function, ...(digest ? [digest.function] : [])],
      api: api.api,
      deadLetterQueue: sweep.deadLetterQueue,
      submissions: submissionsFunction(api),
      monthlyBudgetUsd: config.monthlyBudgetUsd,
    });

    // With the zone, the domain points at the distribution; without, the owner points it (README, Deploy).
    if (zone) {
      const target = RecordTarget.fromAlias(new CloudFrontTarget(site.distribution));
      new ARecord(this, 'SiteA', { zone, recordName: config.domain, target });
      new AaaaRecord(this, 'SiteAaaa', { zone, recordName: config.domain, target });
    }
    // The address every email links to (SITE_URL): the distribution answers it, having the domain as an alias.
    new CfnOutput(this, 'SiteUrl', { value: `https://${config.domain}` });
    new CfnOutput(this, 'DistributionDomain', {
      value: site.distribution.distributionDomainName,
      description: 'Point the domain here (CNAME or alias)',
    });
  }
}

/** The submissions function of the API (routes.ts names it; the stack cannot exist without it). */
function submissionsFunction(api: SiteApi): SiteFunction {
  const fn = api.functions.get('submissions');
  if (!fn) throw new Error('The API has no submissions function: see src/lambda/routes.ts.');
  return fn;
}
