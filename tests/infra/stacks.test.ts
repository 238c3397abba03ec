import { readFileSync } from 'node:fs';
import { App, type Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { parseStageConfig } from '../../infra/config.ts';
import type { SiteApi } from '../../infra/constructs/site-api.ts';
import type { SiteFunction } from '../../infra/constructs/site-function.ts';
import { CONTENT_SECURITY_POLICY } from '../../infra/constructs/static-site.ts';
import { pascal } from '../../infra/names.ts';
import { apiRoutes, scheduledFunctions } from '../../src/lambda/routes.ts';
import { LOCAL_ONLY_SETTINGS, SettingsSchema } from '../../src/lambda/settings.ts';
import { type ItemKind, keyPrefixes } from '../../src/lambda/table-design.ts';
import { ACCESS_LOG_DAYS, BACKUP_DAYS, EXPIRY_DELETION_DAYS, siteConfig } from '../../src/site-config.ts';
import { styleHashSource } from '../../src/styles/content-security-policy.ts';
import { builtPages, distDir, pageHtml } from '../helpers/site.ts';
import { resourcesOf, stageFixture, synthProduction } from '../helpers/synth.ts';

let synth: ReturnType<typeof synthProduction>;
beforeAll(() => {
  synth = synthProduction();
}, 120_000);

/** The site's own functions (CDK's deployment helpers have no TABLE_NAME). */
const siteFunctions = () =>
  resourcesOf(synth.stacks.ProductionSite, 'AWS::Lambda::Function').filter(
    ([, r]) => (r.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.TABLE_NAME !== undefined,
  );
/**
 * Keys a deployed function's environment holds: the settings schema's, minus those only the local stack sets and
 * the webhook's (set only when the stage names one; production's does not).
 */
const deployable = Object.keys(SettingsSchema.shape)
  .filter((k) => !(LOCAL_ONLY_SETTINGS as readonly string[]).includes(k) && !k.startsWith('WEBHOOK_'))
  .sort();

describe('the stateful stack', () => {
  it('keeps one on-demand table with point-in-time recovery, deletion protection and TTL, retained on delete', () => {
    const tables = resourcesOf(synth.stacks.ProductionData, 'AWS::DynamoDB::GlobalTable');
    expect(tables).toHaveLength(1);
    const [, table] = tables[0] ?? [];
    expect(table?.DeletionPolicy).toBe('Retain');
    expect(table?.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      Replicas: [
        expect.objectContaining({
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: BACKUP_DAYS },
        }),
      ],
      GlobalSecondaryIndexes: [expect.objectContaining({ IndexName: 'outbox-due' }), expect.objectContaining({ IndexName: 'recent' })],
    });
  });
});

describe('the stateless stack', () => {
  it('has one function per API route plus the sweep and the digest, all nodejs24.x on arm64', () => {
    const fns = siteFunctions();
    expect(fns).toHaveLength(apiRoutes.length + scheduledFunctions.length);
    for (const [, fn] of fns)
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        ReservedConcurrentExecutions: expect.any(Number),
      });
  });

  it('routes every API path to a function through the HTTP API', () => {
    const routes = resourcesOf(synth.stacks.ProductionSite, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
    expect(routes.sort()).toEqual(apiRoutes.map((r) => `ANY ${r.path}`).sort());
    const integrations = resourcesOf(synth.stacks.ProductionSite, 'AWS::ApiGatewayV2::Integration');
    expect(integrations).toHaveLength(apiRoutes.length);
    synth.stacks.ProductionSite.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });

  it('gives every function exactly the settings the backend reads, the origin secret only to those behind CloudFront', () => {
    const keysOf = (fn: { Properties: Record<string, unknown> }) =>
      Object.keys((fn.Properties.Environment as { Variables: object }).Variables)
        .filter((k) => k !== 'NODE_OPTIONS')
        .sort();
    const envs = siteFunctions().map(([, fn]) => JSON.stringify(keysOf(fn)));
    const without = (...keys: string[]) => JSON.stringify(deployable.filter((k) => !keys.includes(k)));
    // Only the three functions that store an address hold the key of the person index.
    expect(envs.filter((k) => k === JSON.stringify(deployable))).toHaveLength(3);
    expect(envs.filter((k) => k === without('PERSON_KEY'))).toHaveLength(apiRoutes.length - 3);
    // The sweep and the digest are not behind CloudFront, so they have no origin secret; nor do they store addresses.
    expect(envs.filter((k) => k === without('ORIGIN_SECRET', 'PERSON_KEY'))).toHaveLength(scheduledFunctions.length);
  });

  it('starts every function with source maps on, so a stack trace names the TypeScript file', () => {
    for (const [id, fn] of siteFunctions()) {
      expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.NODE_OPTIONS, id).toBe('--enable-source-maps');
    }
  });

  it('gives the person-index key to exactly the functions that write a person pointer', () => {
    const holders = siteFunctions()
      .filter(([, fn]) => 'PERSON_KEY' in (fn.Properties.Environment as { Variables: object }).Variables)
      .map(([id]) => id);
    const writers = apiRoutes.filter((r) => (r.access.writes as readonly string[]).includes('person')).map((r) => r.functionName);
    expect(writers.sort()).toEqual(['contact', 'results-contact', 'submissions']);
    expect(holders).toHaveLength(writers.length);
    for (const name of writers) expect(holders.some((id) => id.toLowerCase().includes(name.replace('-', '')))).toBe(true);
  });

  it('serves /api/* uncached, with every viewer header but Host, from the API', () => {
    const [, distribution] = resourcesOf(synth.stacks.ProductionSite, 'AWS::CloudFront::Distribution')[0] ?? [];
    const config = distribution?.Properties.DistributionConfig as {
      CacheBehaviors: Record<string, unknown>[];
      DefaultCacheBehavior: Record<string, unknown>;
    };
    const api = config.CacheBehaviors.find((b) => b.PathPattern === '/api/*');
    expect(api).toMatchObject({
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // AllViewerExceptHostHeader
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: expect.arrayContaining(['POST', 'GET', 'OPTIONS']),
    });
    // Every behaviour carries the security headers policy.
    const policies = new Set([config.DefaultCacheBehavior, ...config.CacheBehaviors].map((b) => JSON.stringify(b.ResponseHeadersPolicyId)));
    expect(policies.size).toBe(1);
    expect([...policies][0]).toContain('SecurityHeaders');
  });

  it('sends a strict CSP with no unsafe-inline, HSTS, nosniff, frame denial, a referrer and a permissions policy', () => {
    synth.stacks.ProductionSite.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: { ContentSecurityPolicy: CONTENT_SECURITY_POLICY, Override: true },
          StrictTransportSecurity: Match.objectLike({ IncludeSubdomains: true }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        }),
        CustomHeadersConfig: { Items: [Match.objectLike({ Header: 'Permissions-Policy' })] },
      }),
    });
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('builds pages that need no unsafe-inline: no inline script, and no inline style but the one the deployed policy allows by hash', () => {
    for (const path of builtPages()) {
      const html = pageHtml(path);
      const inlineScripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
        (m) => !/src=/.test(m[1] ?? '') && !/application\/ld\+json/.test(m[1] ?? ''),
      );
      expect(inlineScripts, path).toEqual([]);
      expect(html, path).not.toMatch(/\sstyle="/);
      for (const [, css] of html.matchAll(/<style>([\s\S]*?)<\/style>/g))
        expect(CONTENT_SECURITY_POLICY, path).toContain(styleHashSource(css ?? ''));
    }
  });

  it('attaches the WAF with a rate rule and a body-size rule on /api/*', () => {
    const [, distribution] = resourcesOf(synth.stacks.ProductionSite, 'AWS::CloudFront::Distribution')[0] ?? [];
    const config = distribution?.Properties.DistributionConfig as { WebACLId: unknown } | undefined;
    expect(JSON.stringify(config?.WebACLId)).toContain('ProductionEdge');
    const [, acl] = resourcesOf(synth.stacks.ProductionEdge, 'AWS::WAFv2::WebACL')[0] ?? [];
    const rules = acl?.Properties.Rules as { Name: string; Statement: Record<string, unknown>; Action?: unknown }[];
    expect(acl?.Properties.Scope).toBe('CLOUDFRONT');
    expect(rules.map((r) => r.Name)).toEqual(['aws-common', 'aws-ip-reputation', 'api-rate-per-ip', 'api-body-size']);
    expect(rules[2]?.Statement).toMatchObject({ RateBasedStatement: { AggregateKeyType: 'IP', Limit: 300 } });
    expect(JSON.stringify(rules[3]?.Statement)).toContain('"Size":16384');
  });

  it.each([
    ...apiRoutes.map((r) => ({ ...r, policy: `Api${pascal(r.functionName)}Function` })),
    ...scheduledFunctions.map((f) => ({ ...f, policy: `${pascal(f.functionName)}Function` })),
  ])('grants $functionName exactly the items it reads and writes, and email only from the sender if it sends', ({ access, policy }) => {
    type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
    const statements = resourcesOf(synth.stacks.ProductionSite, 'AWS::IAM::Policy')
      .filter(([id]) => id.startsWith(policy))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    const leadingKeys = (action: string) =>
      statements.find((s) => [s.Action].flat().includes(action))?.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
    const prefixes = (kinds: readonly ItemKind[]) => (kinds.length ? kinds.map((k) => `${keyPrefixes[k]}*`) : undefined);
    expect(leadingKeys('dynamodb:GetItem')).toEqual(prefixes(access.reads));
    expect(leadingKeys('dynamodb:PutItem')).toEqual(prefixes(access.writes));
    expect(leadingKeys('dynamodb:UpdateItem')).toEqual(prefixes(access.writes));
    const ses = statements.filter((s) => s.Action === 'ses:SendEmail');
    expect(ses.length).toBe('sendsEmail' in access ? 1 : 0);
    for (const statement of ses) {
      expect(statement.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'hello@paradigmai.co' } });
      expect(JSON.stringify(statement.Resource)).toContain(':identity/');
      expect(JSON.stringify(statement.Resource)).toContain(':configuration-set/');
    }
    const queries = statements.filter((s) => [s.Action].flat().includes('dynamodb:Query'));
    const partitions = 'queries' in access ? access.queries : [];
    expect(queries.find((s) => s.Condition)?.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).toEqual(
      prefixes(partitions),
    );
    const indexes: readonly string[] = 'queriesIndexes' in access ? access.queriesIndexes : [];
    const indexQuery = JSON.stringify(queries.find((s) => !s.Condition)?.Resource ?? null);
    for (const index of ['outbox-due', 'recent']) expect(indexQuery.includes(`/index/${index}`), index).toBe(indexes.includes(index));
  });

  it('runs the digest on Mondays at 08:00 in the consultancy’s time zone, keeping a run that fails every retry', () => {
    const schedules = resourcesOf(synth.stacks.ProductionSite, 'AWS::Scheduler::Schedule');
    expect(schedules).toHaveLength(1);
    expect(schedules[0]?.[1].Properties).toMatchObject({
      ScheduleExpression: 'cron(0 8 ? * MON *)',
      ScheduleExpressionTimezone: siteConfig.timeZone,
      State: 'ENABLED',
      Target: { RetryPolicy: { MaximumRetryAttempts: 3 }, DeadLetterConfig: { Arn: expect.anything() } },
    });
  });

  it('keeps the origin secret out of the templates: the functions and CloudFront get a reference resolved at deploy', () => {
    const uses =
      JSON.stringify(synth.stacks.ProductionSite.toJSON()).match(
        /"(ORIGIN_SECRET|HeaderName":"x-origin-secret","HeaderValue)":\{[^}]*\}/g,
      ) ?? [];
    expect(uses.length).toBe(apiRoutes.length + 1);
    for (const use of uses) expect(use).toContain('{{resolve:secretsmanager:');
    const [[, secret] = []] = resourcesOf(synth.stacks.ProductionSite, 'AWS::SecretsManager::Secret');
    expect(secret?.Properties).toMatchObject({ GenerateSecretString: expect.any(Object) });
    expect(secret?.Properties.SecretString).toBeUndefined();
  });

  it('grants no IAM statement a "*" action, and no function any delete', () => {
    for (const template of Object.values(synth.stacks)) {
      for (const [id, policy] of resourcesOf(template, 'AWS::IAM::Policy')) {
        for (const statement of (policy.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement) {
          const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
          expect(actions, id).not.toContain('*');
          expect(
            actions.filter((a) => a.endsWith(':*')),
            id,
          ).toEqual([]);
        }
      }
    }
    // No function may delete anything: records leave by TTL.
    const deletes = resourcesOf(synth.stacks.ProductionSite, 'AWS::IAM::Policy').flatMap(([, p]) =>
      (p.Properties.PolicyDocument as { Statement: { Action: unknown }[] }).Statement.filter((s) =>
        JSON.stringify(s.Action).includes('dynamodb:Delete'),
      ),
    );
    expect(deletes).toEqual([]);
  });

  it('runs the sweep on a schedule with a dead-letter queue, and alarms on what matters', () => {
    synth.stacks.ProductionSite.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ DeadLetterConfig: Match.objectLike({ Arn: Match.anyValue() }) })],
    });
    const alarms = resourcesOf(synth.stacks.ProductionSite, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const metrics = alarms.map((a) => `${a.Namespace}/${a.MetricName}`);
    expect(metrics).toEqual(
      expect.arrayContaining([
        'AWS/Lambda/Errors',
        'AWS/ApiGateway/5xx',
        'AWS/Lambda/Throttles',
        'Site/OutboxItemsFailed',
        'AWS/SQS/ApproximateNumberOfMessagesVisible',
        'AWS/SES/Reputation.BounceRate',
        'AWS/SES/Reputation.ComplaintRate',
      ]),
    );
    expect(alarms.find((a) => a.MetricName === 'Reputation.BounceRate')?.Threshold).toBe(0.02);
    expect(alarms.find((a) => a.MetricName === 'Reputation.ComplaintRate')?.Threshold).toBe(0.001);
    synth.stacks.ProductionEdgeAlarms.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: '5xxErrorRate',
      Namespace: 'AWS/CloudFront',
    });
    synth.stacks.ProductionSite.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });

  it('keeps the site bucket private, encrypted and SSL-only behind origin access control', () => {
    synth.stacks.ProductionSite.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.anyValue(),
      LoggingConfiguration: Match.anyValue(),
    });
    expect(resourcesOf(synth.stacks.ProductionSite, 'AWS::CloudFront::OriginAccessControl')).toHaveLength(1);
  });
});

describe('cdk-nag', () => {
  it('reports no unacknowledged AwsSolutions finding', () => {
    // Synthesis itself throws on an unacknowledged finding, so reaching here already means none; the report agrees.
    const report = JSON.parse(readFileSync(`${synth.assembly.directory}/validation-report.json`, 'utf8')) as {
      pluginReports: { violations: unknown[] }[];
    };
    expect(report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
  });

  it.each([
    ['a bucket without access logs', (site: Stack) => new Bucket(site, 'Unlogged', { enforceSSL: true }), /AwsSolutions-S1\b/],
    [
      'dynamodb:Scan on every resource, given to a function',
      (site: Stack) => {
        const role = (site.node.findChild('Api').node.findChild('Submissions') as SiteFunction).fn.role;
        role?.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:Scan'], resources: ['*'] }));
      },
      /AwsSolutions-IAM5\[Resource::\*\]/,
    ],
    [
      'another route without authorisation',
      (site: Stack) => {
        const api = site.node.findChild('Api') as SiteApi;
        api.api.addRoutes({ path: '/api/other', integration: new HttpUrlIntegration('Other', 'https://example.com') });
      },
      /AwsSolutions-APIG4/,
    ],
  ])('acknowledges each finding where it is, so %s still fails synthesis', (_name, add, finding) => {
    const app = buildApp({ app: new App(), config: stageFixture('zone'), siteDirectory: distDir });
    add(app.node.findChild('ProductionSite') as Stack);
    expect(() => app.synth()).toThrowError(finding);
  });

  it('is attached to the app: one careless bucket in the site stack fails synthesis', () => {
    const app = buildApp({ app: new App(), config: stageFixture('zone'), siteDirectory: distDir });
    const site = app.node.findChild('ProductionSite') as Stack;
    new Bucket(site, 'Careless', { enforceSSL: false });
    expect(() => app.synth()).toThrowError(/AwsSolutions-S10/);
  });
});

describe('logs and numbers the owner can follow', () => {
  it('keeps every function’s log for 30 days, the CDK’s own helpers’ too, in every stack', () => {
    const { stacks } = synthProduction();
    for (const [name, template] of Object.entries(stacks)) {
      const groups = new Map(resourcesOf(template, 'AWS::Logs::LogGroup').map(([id, g]) => [id, g.Properties.RetentionInDays]));
      for (const [id, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
        if (id.startsWith('CustomCrossRegion')) continue;
        const target = (fn.Properties.LoggingConfig as { LogGroup?: { Ref?: string } } | undefined)?.LogGroup?.Ref;
        expect(target, `${name}/${id} has a log group of its own`).toBeDefined();
        expect(groups.get(target ?? ''), `${name}/${id}`).toBe(30);
      }
    }
  });

  it('logs each API request as one JSON object by route, never by a path that may carry a results key', () => {
    const [, stage] = resourcesOf(synth.stacks.ProductionSite, 'AWS::ApiGatewayV2::Stage')[0] ?? [];
    const settings = stage?.Properties.AccessLogSettings as { Format: string } | undefined;
    const format = JSON.parse(settings?.Format ?? '{}') as Record<string, string>;
    expect(format).toMatchObject({ requestId: '$context.requestId', route: '$context.routeKey', status: '$context.status' });
    expect(Object.values(format).join()).not.toMatch(/\$context\.path|rawPath|requestPath/);
  });

  it('gives the owner one dashboard (requests, errors, submissions, emails sent, failed and bounced) and a monthly budget alarm', () => {
    const [, dashboard] = resourcesOf(synth.stacks.ProductionSite, 'AWS::CloudWatch::Dashboard')[0] ?? [];
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const shown of ['API requests and errors', 'Function errors', 'SubmissionsStored', 'Send', 'Bounce', 'OutboxItemsFailed']) {
      expect(body).toContain(shown);
    }
    synth.stacks.ProductionSite.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.submissionStored = 1 }',
      MetricTransformations: [Match.objectLike({ MetricName: 'SubmissionsStored' })],
    });
    synth.stacks.ProductionSite.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: { BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 25, Unit: 'USD' } },
      NotificationsWithSubscribers: Match.arrayWith([
        Match.objectLike({ Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'hello@paradigmai.co' }] }),
      ]),
    });
  });
});

describe('what the privacy notice promises is what the stacks keep', () => {
  it('keeps access logs, backups and function logs exactly as long as the notice says', () => {
    const { stacks } = synthProduction();
    const text = pageHtml('/privacy/')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    // CloudFront's logs (each request's address, which for a results link carries its key).
    const [, logs] =
      resourcesOf(stacks.ProductionSite, 'AWS::S3::Bucket').find(([, b]) =>
        JSON.stringify(b.Properties.LifecycleConfiguration ?? '').includes('ExpirationInDays'),
      ) ?? [];
    expect(logs?.Properties.LifecycleConfiguration).toEqual({ Rules: [{ ExpirationInDays: ACCESS_LOG_DAYS, Status: 'Enabled' }] });
    expect(text).toContain(`These logs are kept for ${ACCESS_LOG_DAYS} days`);
    // The table's continuous backup.
    stacks.ProductionData.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [
        Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: BACKUP_DAYS } }),
      ],
    });
    expect(text).toContain(`continuous backup for ${BACKUP_DAYS} days after they are deleted`);
    // The functions' own logs.
    const retentions = resourcesOf(stacks.ProductionSite, 'AWS::Logs::LogGroup').map(([, g]) => g.Properties.RetentionInDays);
    expect(new Set(retentions)).toEqual(new Set([30]));
    expect(text).toContain('They are kept for 30 days.');
    // Expiry: never the "two hours" DynamoDB's background deletion cannot promise.
    expect(text).not.toMatch(/two hours/);
    expect(text).toContain(`the database deletes them within ${EXPIRY_DELETION_DAYS} days`);
  });
});

describe('the site answers the domain every email links to', () => {
  it('with a Route 53 zone: creates the certificate in us-east-1, validated through the zone, and serves the domain with it', () => {
    const { stacks } = synthProduction('zone');
    stacks.ProductionEdge.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'paradigmai.co',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'paradigmai.co', HostedZoneId: 'Z0TESTZONE000000000' }],
    });
    const [, distribution] = resourcesOf(stacks.ProductionSite, 'AWS::CloudFront::Distribution')[0] ?? [];
    const config = distribution?.Properties.DistributionConfig as { Aliases: string[]; ViewerCertificate: Record<string, unknown> };
    expect(config.Aliases).toEqual(['paradigmai.co']);
    expect(config.ViewerCertificate).toMatchObject({ SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' });
    expect(JSON.stringify(config.ViewerCertificate.AcmCertificateArn)).toMatch(/SiteCertificate|ProductionEdge/);
    stacks.ProductionSite.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'paradigmai.co.', Type: 'A' });
    stacks.ProductionSite.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'paradigmai.co.', Type: 'AAAA' });
    expect(siteUrls(stacks.ProductionSite)).toEqual(['https://paradigmai.co']);
  });

  it('with the owner’s certificate and no zone: serves the domain with it, creates no certificate, and links emails to the domain', () => {
    const { stacks } = synthProduction('certificate');
    expect(resourcesOf(stacks.ProductionEdge, 'AWS::CertificateManager::Certificate')).toEqual([]);
    const [, distribution] = resourcesOf(stacks.ProductionSite, 'AWS::CloudFront::Distribution')[0] ?? [];
    const config = distribution?.Properties.DistributionConfig as { Aliases: string[]; ViewerCertificate: Record<string, unknown> };
    expect(config.Aliases).toEqual(['paradigmai.co']);
    expect(config.ViewerCertificate.AcmCertificateArn).toBe(
      'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
    );
    expect(resourcesOf(stacks.ProductionSite, 'AWS::Route53::RecordSet')).toEqual([]);
    expect(siteUrls(stacks.ProductionSite)).toEqual(['https://paradigmai.co']);
  });

  it('refuses to synthesise a stage that names a domain with neither a zone nor a certificate, saying what to add', () => {
    // The shipped stage file is such a stage until its owner fills it in.
    expect(() => buildApp({ app: new App(), stage: 'production', siteDirectory: distDir })).toThrowError(
      /infra\/stages\/production\.json is not valid:\n {2}- certificateArn: CloudFront answers the domain only with a certificate .* Add "hostedZone" .* or "certificateArn"/,
    );
  });
});

/** Every SITE_URL the site stack's functions are given. */
function siteUrls(template: Template): string[] {
  const urls = resourcesOf(template, 'AWS::Lambda::Function').flatMap(([, fn]) => {
    const env = (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    return typeof env.SITE_URL === 'string' ? [env.SITE_URL] : [];
  });
  return [...new Set(urls)];
}

describe('the stage configuration', () => {
  const good = {
    name: 'production',
    region: 'eu-west-2',
    domain: 'paradigmai.co',
    hostedZone: { id: 'Z0TESTZONE000000000', name: 'paradigmai.co' },
    alarmEmail: 'ops@paradigmai.co',
  };

  it('fills defaults from content/site.json', () => {
    expect(parseStageConfig(good, 'test')).toMatchObject({
      senderAddress: 'hello@paradigmai.co',
      retentionDays: 365,
      followUpDelayDays: 3,
    });
  });

  it.each([
    [{ ...good, region: 'Europe' }, 'region: must be an AWS region such as eu-west-2'],
    [{ ...good, domain: 'https://paradigmai.co' }, 'domain: must be a lower-case domain name such as example.com'],
    [{ ...good, alarmEmail: undefined }, 'alarmEmail:'],
    [{ ...good, senderAddress: 'hello@gmail.com' }, 'senderAddress: must be an address of the domain'],
    [
      { ...good, certificateArn: 'arn:aws:acm:eu-west-2:123456789012:certificate/abc' },
      'certificateArn: must be an ACM certificate ARN in us-east-1',
    ],
    [{ ...good, colour: 'blue' }, 'colour'],
    [{ ...good, webhook: { url: 'http://hooks.example.com/x', secretName: 'crm' } }, 'webhook.url: must be an https:// URL'],
    [{ ...good, webhook: { url: 'https://hooks.example.com/x' } }, 'webhook.secretName'],
    [
      { ...good, hostedZone: undefined },
      'certificateArn: CloudFront answers the domain only with a certificate for it, and every email links to it. Add "hostedZone"',
    ],
  ])('refuses %o naming the key', (config, message) => {
    expect(() => parseStageConfig(config, 'infra/stages/test.json')).toThrowError(message);
  });
});
