import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, type IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
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
