import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { apiRoutes, type FunctionAccess, scheduledFunctions } from '../../src/lambda/routes.ts';
import { type ItemKind, keyPrefixes } from '../../src/lambda/table-design.ts';
import { pascal } from '../names.ts';
import { SiteFunction } from './site-function.ts';

/** Props of the API. */
export interface SiteApiProps {
  table: ITableV2;
  /** Every function's environment: the keys of the backend's settings schema (src/lambda/settings.ts). */
  environment: Record<string, string>;
  /** The person-index key (a reference resolved at deploy), given only to the functions that write the index. */
  personKey: string;
  /** ARNs the functions may send email through: the SES identity and the configuration set. */
  sesResources: string[];
  /** The only From address the functions may send as. */
  senderAddress: string;
  /** Requests per second the API accepts overall (bursts up to twice that). */
  rateLimit: number;
}

/** Whether a function writes the person index, and so needs its key. */
const writesPeople = (access: FunctionAccess) => (access.writes as readonly string[]).includes('person');

/**
 * The HTTP API: one function per route from src/lambda/routes.ts, each granted only what routes.ts says it does, behind a
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
      // One JSON object per request, by route (never the path, which may carry a results link's key): searchable in
      // CloudWatch Logs Insights, and the request id joins it to the function's own log lines.
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            route: '$context.routeKey',
            status: '$context.status',
            ip: '$context.identity.sourceIp',
            latencyMs: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
            bytes: '$context.responseLength',
          }),
        ),
      },
    });

    for (const route of apiRoutes) {
      const fn = new SiteFunction(this, pascal(route.functionName), {
        entry: route.entry,
        // Only a function that writes a person's pointer (routes.ts: it writes `person`) holds the key it is hashed with.
        environment: { ...props.environment, ...(writesPeople(route.access) && { PERSON_KEY: props.personKey }) },
        reservedConcurrency: route.functionName === 'submissions' ? 20 : 5,
      });
      grantFunctionAccess(fn, route.access, props);
      // ANY: the function itself answers 405 with an Allow header for a wrong method.
      const routes = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod.ANY],
        integration: new HttpLambdaIntegration(`${pascal(route.functionName)}Integration`, fn.fn),
      });
      for (const added of routes) {
        Validations.of(added).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            "Anonymous by design: visitors take the assessment without an account. The function answers only requests that carry CloudFront's origin secret; the WAF's rate and size rules and the stage's throttle come first.",
        });
      }
      this.functions.set(route.functionName, fn);
    }
  }

  /** The API's host name, for CloudFront's origin. */
  get domainName(): string {
    return `${this.api.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;
  }
}

/** What a function's grants are made from: the table, and the SES resources and sender it may send as. */
export interface AccessResources {
  table: ITableV2;
  /** ARNs of the SES identity and configuration set. */
  sesResources: string[];
  /** The only From address a function may send as. */
  senderAddress: string;
}

/**
 * Grants a function exactly what src/lambda/routes.ts says it does: GetItem on the kinds of item it reads,
 * PutItem and UpdateItem on those it writes, Query on the partitions it queries (each limited by
 * `dynamodb:LeadingKeys` to their key prefixes), Query on the indexes it reads, and ses:SendEmail from the sender address. Deliberately narrower than `grantReadWriteData`,
 * which also allows Scan, BatchWrite, DeleteItem, every item and every index: no function deletes anything (records
 * leave by TTL).
 */
/**
 * A function that runs on a schedule (routes.ts `scheduledFunctions`): one at a time, its failed asynchronous runs
 * retried twice and then kept in `deadLetterQueue`, with the table and SES access it declares.
 */
export function scheduledFunction(
  scope: Construct,
  id: string,
  name: (typeof scheduledFunctions)[number]['functionName'],
  props: AccessResources & { environment: Record<string, string>; timeout: Duration; deadLetterQueue: IQueue },
): SiteFunction {
  const entry = scheduledFunctions.find((f) => f.functionName === name);
  if (!entry) throw new Error(`src/lambda/routes.ts has no ${name} function.`);
  const fn = new SiteFunction(scope, id, {
    entry: entry.entry,
    environment: props.environment,
    reservedConcurrency: 1,
    timeout: props.timeout,
  });
  fn.fn.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(props.deadLetterQueue) });
  grantFunctionAccess(fn, entry.access, props);
  return fn;
}

export function grantFunctionAccess(fn: SiteFunction, access: FunctionAccess, resources: AccessResources): void {
  const { table } = resources;
  const items = (actions: string[], kinds: readonly ItemKind[]) =>
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions,
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': kinds.map((kind) => `${keyPrefixes[kind]}*`) } },
    });
  if (access.reads.length) fn.fn.addToRolePolicy(items(['dynamodb:GetItem'], access.reads));
  if (access.writes.length) fn.fn.addToRolePolicy(items(['dynamodb:PutItem', 'dynamodb:UpdateItem'], access.writes));
  if (access.queries?.length) fn.fn.addToRolePolicy(items(['dynamodb:Query'], access.queries));
  if (access.queriesIndexes?.length) {
    fn.fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:Query'],
        resources: access.queriesIndexes.map((index) => `${table.tableArn}/index/${index}`),
      }),
    );
  }
  if (access.sendsEmail) {
    fn.fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ses:SendEmail'],
        resources: resources.sesResources,
        conditions: { StringEquals: { 'ses:FromAddress': resources.senderAddress } },
      }),
    );
  }
}

/** Sweep timing. */
export const SWEEP_TIMEOUT = Duration.minutes(2);
