import { Aspects, CfnResource, type IAspect, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';

/** How long every function's log is kept, the CDK's own helpers' too; stated in the privacy notice. */
export const FUNCTION_LOG_RETENTION = RetentionDays.ONE_MONTH;

/**
 * Gives every Lambda function that has no log group of its own (the CDK-managed helpers: the bucket deployment, the
 * cross-region references, the custom resources) a log group with the site's retention, created before it, so no
 * log group is left to Lambda's default of keeping logs for ever.
 */
class KeepFunctionLogsForAMonth implements IAspect {
  visit(node: IConstruct): void {
    // Functions declared through CfnFunction, or as a bare resource (the CDK's custom resource providers).
    if (!(node instanceof CfnResource) || node.cfnResourceType !== 'AWS::Lambda::Function') return;
    if (node instanceof CfnFunction && node.loggingConfig) return;
    const scope = node.node.scope;
    if (!scope) return;
    const logs = new LogGroup(scope, `${node.node.id}Logs`, { retention: FUNCTION_LOG_RETENTION, removalPolicy: RemovalPolicy.DESTROY });
    node.addPropertyOverride('LoggingConfig.LogGroup', logs.logGroupName);
  }
}

/** Applies the retention to every function of a stack. */
export function keepFunctionLogsForAMonth(stack: Stack): void {
  Aspects.of(stack).add(new KeepFunctionLogsForAMonth());
}
