import { type CfnElement, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { scheduledFunction } from './site-api.ts';
import type { SiteFunction } from './site-function.ts';

/** Props of the weekly digest. */
export interface WeeklyDigestProps {
  table: ITableV2;
  environment: Record<string, string>;
  sesResources: string[];
  /** The only From address it may send as. */
  senderAddress: string;
  /** The consultancy's time zone (IANA): the digest goes out on Mondays at 08:00 there. */
  timeZone: string;
  /** Where a run that failed every retry is kept, or one the schedule could not start (the sweep's, which an alarm watches). */
  deadLetterQueue: IQueue;
}

/**
 * The weekly digest to the consultancy: an EventBridge Scheduler schedule (which, unlike a rule, keeps to a time
 * zone through daylight saving) runs the digest function on Mondays at 08:00.
 */
export class WeeklyDigest extends Construct {
  readonly function: SiteFunction;

  constructor(scope: Construct, id: string, props: WeeklyDigestProps) {
    super(scope, id);
    // A run that fails every retry of Lambda's own is kept (the schedule's queue only holds invocations that never started).
    this.function = scheduledFunction(this, 'Digest', 'digest', { ...props, timeout: Duration.minutes(1) });
    new Schedule(this, 'Schedule', {
      description: 'Emails the consultancy the digest of the week before',
      schedule: ScheduleExpression.cron({ weekDay: 'MON', hour: '8', minute: '0', timeZone: TimeZone.of(props.timeZone) }),
      target: new LambdaInvoke(this.function.fn, {
        deadLetterQueue: props.deadLetterQueue,
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
      }),
    });
    // The schedule's role may invoke this one function; CDK's grant adds `:*`, its versions and aliases.
    const fnId = Stack.of(this).getLogicalId(this.function.fn.node.defaultChild as CfnElement);
    // The role EventBridge Scheduler gets is created at the stack's root, one per target.
    for (const role of Stack.of(this).node.children.filter((c) => c.node.id.startsWith('SchedulerRoleForTarget'))) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`,
        reason: "The digest schedule's role may invoke only the digest function (the wildcard covers its versions and aliases).",
      });
    }
  }
}
