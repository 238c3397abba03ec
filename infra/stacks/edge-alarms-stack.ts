import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';

/** CloudFront's metrics exist only in us-east-1, so its alarm (and the topic it notifies) live there. */
export class EdgeAlarmsStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { distributionId: string; alarmEmail: string }) {
    super(scope, id, props);
    const topic = new Topic(this, 'Alarms', { displayName: 'Site alarms (CloudFront)', enforceSSL: true });
    topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const errors = new Metric({
      namespace: 'AWS/CloudFront',
      metricName: '5xxErrorRate',
      dimensionsMap: { DistributionId: props.distributionId, Region: 'Global' },
      statistic: 'Average',
      period: Duration.minutes(5),
    });
    new Alarm(this, 'CloudFront5xx', {
      metric: errors,
      threshold: 1,
      evaluationPeriods: 2,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      alarmDescription: 'More than 1 % of responses are 5xx errors',
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(topic));
  }
}
