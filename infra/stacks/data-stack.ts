import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { tableDesign } from '../../src/lambda/table-design.ts';

/** The stateful stack: the one DynamoDB table, kept when the stack is deleted. */
export class DataStack extends Stack {
  /** Submissions, messages, the outbox, rate counters and the suppression list. */
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const attribute = (a: { name: string; type: string }) => ({
      name: a.name,
      type: a.type === 'N' ? AttributeType.NUMBER : AttributeType.STRING,
    });
    // A stable id and no physical name: the table survives refactors of the stateless stack.
    this.table = new TableV2(this, 'Table', {
      partitionKey: attribute(tableDesign.partitionKey),
      sortKey: attribute(tableDesign.sortKey),
      globalSecondaryIndexes: tableDesign.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
      })),
      // Traffic is spiky and small: pay per request, nothing to size.
      billing: Billing.onDemand(),
      timeToLiveAttribute: tableDesign.timeToLiveAttribute,
      // Leads are the business's data: restorable to any second of the last 35 days...
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // ...and neither a stray `cdk destroy` nor a console click can delete them.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
