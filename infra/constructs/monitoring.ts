import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import { Alarm, ComparisonOperator, Dashboard, GraphWidget, type IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { SiteFunction } from './site-function.ts';

/** The namespace of the site's own metrics. */
export const METRIC_NAMESPACE = 'Site';

/** Props of the monitoring. */
export interface MonitoringProps {
  /** Who is emailed when an alarm fires. */
  alarmEmail: string;
  functions: SiteFunction[];
  /** The HTTP API: a 500 the functions answer themselves never counts as a Lambda error, so its 5xx are watched. */
  api: HttpApi;
  /** The sweep's dead-letter queue. */
  deadLetterQueue: IQueue;
  /** The submissions function, whose log counts the submissions stored. */
  submissions: SiteFunction;
  /** The monthly spend (USD) the AWS Budgets alarm is set to. */
  monthlyBudgetUsd: number;
}

/**
 * Alarms that mean a lead or an email may be stuck, emailed to the owner: function errors and throttles, the API's
 * 5xx answers, emails the sweep gave up on, dead letters, and SES bounce and complaint rates before they endanger
 * sending.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', { displayName: 'Site alarms', enforceSSL: true });
    this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    for (const fn of props.functions) {
      const name = fn.node.id;
      this.alarm(`${name}Errors`, fn.fn.metricErrors({ period: Duration.minutes(5) }), 1, `${name}: the function failed`);
      this.alarm(`${name}Throttles`, fn.fn.metricThrottles({ period: Duration.minutes(5) }), 1, `${name}: requests were throttled`);
    }

    this.alarm(
      'Api5xx',
      props.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      1,
      'The API answered a request with a 5xx',
    );

    // The delivery code logs { itemFailed: 1 } when it gives up on an email or webhook event (src/lambda/outbox/deliver.ts).
    const failed = new Metric({
      namespace: METRIC_NAMESPACE,
      metricName: 'OutboxItemsFailed',
      statistic: 'Sum',
      period: Duration.minutes(5),
    });
    for (const [i, fn] of props.functions.entries()) this.countFailedItems(`FailedItems${i}`, fn.logGroup);
    this.alarm('OutboxItemsFailed', failed, 1, 'An email or webhook event was marked failed after its last attempt');
    this.alarm(
      'DeadLetters',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      1,
      'A sweep run failed',
    );

    new MetricFilter(this, 'SubmissionsStored', {
      logGroup: props.submissions.logGroup,
      filterPattern: FilterPattern.numberValue('$.submissionStored', '=', 1),
      metricNamespace: METRIC_NAMESPACE,
      metricName: 'SubmissionsStored',
      metricValue: '1',
    });
    this.dashboard(props, failed);
    this.budget(props);

    const ses = (metricName: string) => new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
    this.alarm('BounceRate', ses('Reputation.BounceRate'), 0.02, 'SES bounce rate above 2 %', ComparisonOperator.GREATER_THAN_THRESHOLD);
    this.alarm(
      'ComplaintRate',
      ses('Reputation.ComplaintRate'),
      0.001,
      'SES complaint rate above 0.1 %',
      ComparisonOperator.GREATER_THAN_THRESHOLD,
    );
  }

  /** One page for the owner: requests and errors, submissions stored, emails sent, failed and bounced. */
  private dashboard(props: MonitoringProps, failedItems: Metric): void {
    const hour = Duration.hours(1);
    const sum = (namespace: string, metricName: string, label: string) =>
      new Metric({ namespace, metricName, statistic: 'Sum', period: hour, label });
    const functionErrors = props.functions.map((fn) => fn.fn.metricErrors({ period: hour, label: fn.node.id }));
    new Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-overview`,
      defaultInterval: Duration.days(7),
      widgets: [
        [
          new GraphWidget({
            title: 'API requests and errors (per hour)',
            left: [
              props.api.metricCount({ period: hour, statistic: 'Sum', label: 'Requests' }),
              props.api.metricClientError({ period: hour, statistic: 'Sum', label: '4xx' }),
              props.api.metricServerError({ period: hour, statistic: 'Sum', label: '5xx' }),
            ],
            width: 12,
          }),
          new GraphWidget({ title: 'Function errors (per hour)', left: functionErrors, width: 12 }),
        ],
        [
          new GraphWidget({
            title: 'Submissions stored (per hour)',
            left: [sum(METRIC_NAMESPACE, 'SubmissionsStored', 'Submissions')],
            width: 12,
          }),
          new GraphWidget({
            title: 'Emails (per hour)',
            left: [
              sum('AWS/SES', 'Send', 'Sent'),
              sum('AWS/SES', 'Delivery', 'Delivered'),
              sum('AWS/SES', 'Bounce', 'Bounced'),
              sum('AWS/SES', 'Complaint', 'Complaints'),
              failedItems.with({ period: hour, label: 'Given up (emails and webhook events)' }),
            ],
            width: 12,
          }),
        ],
      ],
    });
  }

  /** An AWS Budgets alarm on the account's monthly cost, to the alarm address. */
  private budget(props: MonitoringProps): void {
    const notify = (notificationType: 'ACTUAL' | 'FORECASTED', threshold: number) => ({
      notification: { notificationType, comparisonOperator: 'GREATER_THAN', threshold, thresholdType: 'PERCENTAGE' },
      subscribers: [{ subscriptionType: 'EMAIL', address: props.alarmEmail }],
    });
    new CfnBudget(this, 'MonthlyBudget', {
      budget: {
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyBudgetUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [notify('ACTUAL', 80), notify('FORECASTED', 100)],
    });
  }

  private countFailedItems(id: string, logGroup: ILogGroup): void {
    new MetricFilter(this, id, {
      logGroup,
      filterPattern: FilterPattern.numberValue('$.itemFailed', '=', 1),
      metricNamespace: METRIC_NAMESPACE,
      metricName: 'OutboxItemsFailed',
      metricValue: '1',
    });
  }

  private alarm(
    id: string,
    metric: IMetric,
    threshold: number,
    description: string,
    comparison = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  ) {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: comparison,
      alarmDescription: description,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
