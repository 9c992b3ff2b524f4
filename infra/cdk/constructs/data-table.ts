/** Parley's one DynamoDB table, built from shared/store/table-definition.ts (nothing table-shaped is written here). */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { ALL_INDEXES, STREAM_VIEW_TYPE, TABLE_KEYS, TTL_ATTRIBUTE } from '../../../shared/store/table-definition';

export interface DataTableProps {
  /** RETAIN keeps the table (and its deletion protection on) when the stack is deleted. */
  readonly removalPolicy: RemovalPolicy;
  /** Re-attach a table retained by an earlier deployment instead of creating one. */
  readonly existingTableName?: string;
  /** On-demand maximum request units per second: over them DynamoDB throttles instead of billing. */
  readonly maxThroughput: { readonly readUnits: number; readonly writeUnits: number };
}

const str = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

export class DataTable extends Construct {
  readonly table: dynamodb.ITableV2;
  /** ARNs of the table's secondary indexes, one by one (no wildcard), for Query grants. */
  readonly indexArns: string[];

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    if (props.existingTableName) {
      this.table = dynamodb.TableV2.fromTableName(this, 'Table', props.existingTableName);
    } else {
      const retain = props.removalPolicy === RemovalPolicy.RETAIN;
      this.table = new dynamodb.TableV2(this, 'Table', {
        partitionKey: str(TABLE_KEYS.partitionKey),
        sortKey: str(TABLE_KEYS.sortKey),
        billing: dynamodb.Billing.onDemand({
          maxReadRequestUnits: props.maxThroughput.readUnits,
          maxWriteRequestUnits: props.maxThroughput.writeUnits,
        }),
        timeToLiveAttribute: TTL_ATTRIBUTE,
        dynamoStream: dynamodb.StreamViewType[STREAM_VIEW_TYPE],
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: retain,
        removalPolicy: props.removalPolicy,
        globalSecondaryIndexes: ALL_INDEXES.map((index) => ({
          indexName: index.indexName,
          partitionKey: str(index.partitionKey),
          sortKey: str(index.sortKey),
          ...(index.projection === 'ALL' || index.projection === 'KEYS_ONLY'
            ? { projectionType: dynamodb.ProjectionType[index.projection] }
            : { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection] }),
        })),
      });
    }
    this.indexArns = ALL_INDEXES.map((index) => `${this.table.tableArn}/index/${index.indexName}`);
  }
}
