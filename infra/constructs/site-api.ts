import { Duration, Stack } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { apiRoutes } from '../../src/lambda/routes.ts';
import { OUTBOX_INDEX } from '../../src/lambda/table-design.ts';
import { SiteFunction } from './site-function.ts';

/** Props of the API. */
export interface SiteApiProps {
  table: ITableV2;
  /** Every function's environment: the keys of the backend's settings schema (src/lambda/settings.ts). */
  environment: Record<string, string>;
  /** ARNs the functions may send email through: the SES identity and the configuration set. */
  sesResources: string[];
  /** Requests per second the API accepts overall (bursts up to twice that). */
  rateLimit: number;
}

/**
 * The HTTP API: one function per route from src/lambda/routes.ts, each with least-privilege grants, behind a
 * throttled stage with access logs. It is reached only through CloudFront (see StaticSite).
 */
export class SiteApi extends Construct {
  readonly api: HttpApi;
  /** The functions by name (contact, submissions, …). */
  readonly functions = new Map<string, SiteFunction>();

  constructor(scope: Construct, id: string, props: SiteApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'Site API, reached through CloudFront under /api/*',
      // The stage below replaces the default one, to set throttling and access logs.
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      // A flood is refused here before it reaches Lambda, DynamoDB or SES (the WAF limits per IP before that).
      throttle: { rateLimit: props.rateLimit, burstLimit: props.rateLimit * 2 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });

    for (const route of apiRoutes) {
      const fn = new SiteFunction(this, pascal(route.functionName), {
        entry: route.entry,
        environment: props.environment,
        reservedConcurrency: route.functionName === 'submissions' ? 20 : 5,
      });
      grantTableItems(fn, props.table);
      fn.fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['ses:SendEmail'], resources: props.sesResources }));
      // ANY: the function itself answers 405 with an Allow header for a wrong method.
      this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod.ANY],
        integration: new HttpLambdaIntegration(`${pascal(route.functionName)}Integration`, fn.fn),
      });
      this.functions.set(route.functionName, fn);
    }
  }

  /** The API's host name, for CloudFront's origin. */
  get domainName(): string {
    return `${this.api.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;
  }
}

/**
 * Lets a function read, write and update single items, and (with `queryOutbox`) query the outbox index.
 * Deliberately narrower than `grantReadWriteData`, which also allows Scan, BatchWrite, DeleteItem and every index
 * (`index/*`): no function deletes anything (records leave by TTL).
 */
export function grantTableItems(fn: SiteFunction, table: ITableV2, queryOutbox = false): void {
  fn.fn.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      resources: [table.tableArn],
    }),
  );
  if (queryOutbox) {
    fn.fn.addToRolePolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/${OUTBOX_INDEX}`] }),
    );
  }
}

/** `results-contact` → `ResultsContact`. */
export function pascal(name: string): string {
  return name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());
}

/** Sweep timing. */
export const SWEEP_TIMEOUT = Duration.minutes(2);
