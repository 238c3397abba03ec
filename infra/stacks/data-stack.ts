import { CfnOutput, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { tableDesign } from '../../src/lambda/table-design.ts';
import { BACKUP_DAYS } from '../../src/site-config.ts';
import { DATA_OUTPUTS } from '../names.ts';

/** The stateful stack: the one DynamoDB table and the key of its person index, both kept when the stack is deleted. */
export class DataStack extends Stack {
  /** Submissions, messages, the outbox, rate counters and the suppression list. */
  readonly table: TableV2;
  /** The secret of the keyed hash that indexes each person's records (PERSON_KEY). */
  readonly personKey: Secret;

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
      // Leads are the business's data: restorable to any second of the last 35 days (stated in the privacy notice)...
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: BACKUP_DAYS },
      // ...and neither a stray `cdk destroy` nor a console click can delete them.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Kept with the table: without it, the person index of the stored records could not be searched.
    this.personKey = new Secret(this, 'PersonKey', {
      description: "Key of the keyed hash that indexes each person's records by address (PERSON_KEY)",
      generateSecretString: { excludePunctuation: true, passwordLength: 48 },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.personKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        "Not rotated: the stored person index is keyed with it, so a new key would hide every existing record from `npm run leads person`. It never leaves AWS but through the functions' environment and an operator's own credentials.",
    });
    new CfnOutput(this, DATA_OUTPUTS.tableName, { value: this.table.tableName, description: 'The table npm run leads reads' });
    new CfnOutput(this, DATA_OUTPUTS.personKeySecretArn, {
      value: this.personKey.secretArn,
      description: 'The person-index key npm run leads reads',
    });
  }
}
