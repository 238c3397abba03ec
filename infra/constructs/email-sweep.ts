import { Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { scheduledFunction } from './site-api.ts';
import type { SiteFunction } from './site-function.ts';

/** Props of the sweep. */
export interface EmailSweepProps {
  table: ITableV2;
  environment: Record<string, string>;
  sesResources: string[];
  /** The only From address the sweep may send as. */
  senderAddress: string;
}

/**
 * The email sweep: every five minutes it sends what is pending or due (follow-ups, retries). Failed async
 * invocations land in a dead-letter queue that an alarm watches.
 */
export class EmailSweep extends Construct {
  readonly function: SiteFunction;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: EmailSweepProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Two weeks to look at why a sweep failed.
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the sweep and the digest; an alarm fires on any message in it.',
    });
    // One sweep at a time: claims already prevent double sends, this keeps SES calls steady.
    this.function = scheduledFunction(this, 'Sweep', 'sweep', {
      ...props,
      timeout: Duration.minutes(2),
      deadLetterQueue: this.deadLetterQueue,
    });
    new Rule(this, 'Schedule', {
      description: 'Sends pending and due emails',
      schedule: Schedule.rate(Duration.minutes(5)),
      targets: [
        new LambdaFunction(this.function.fn, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 2,
          maxEventAge: Duration.minutes(10),
        }),
      ],
    });
  }
}
