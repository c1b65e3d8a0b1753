import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_KEYS } from '../../functions/adapters/table-definition';

/**
 * The monitor's one DynamoDB table, with the same keys and indexes the local engine gets. A plain
 * AWS::DynamoDB::Table (not TableV2's GlobalTable), so cdk-nag's table rules evaluate it.
 */
export class Storage extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: TABLE_KEYS.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Encrypted at rest with the AWS managed key: no subscriber reads the table directly, so a
      // customer managed key would add $1 a month and a key policy without adding anyone's trust.
      encryption: TableEncryption.AWS_MANAGED,
      // New images feed the instant alert path (issue 17); a stream nobody reads costs nothing.
      stream: StreamViewType.NEW_IMAGE,
      deletionProtection: true,
      // Kept on `cdk destroy`: it holds everything collected (docs/deploy.md says how to delete it).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const i of TABLE_KEYS.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: i.name,
        partitionKey: { name: i.partitionKey, type: AttributeType.STRING },
        sortKey: { name: i.sortKey, type: AttributeType.STRING },
      });
    }
  }
}
