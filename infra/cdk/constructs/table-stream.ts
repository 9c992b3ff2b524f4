/**
 * The table whose stream a function reads: the stack's own table, or, for a retained table
 * re-attached by name (`existingTableName`, which carries no stream ARN), the same table with the
 * stream ARN given as `existingTableStreamArn`. Without either there is no stream to read, and
 * synth stops with the command that finds it.
 */
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';

export const tableWithStream = (
  scope: Construct,
  table: dynamodb.ITableV2,
  streamArn: string | undefined,
  reader: string,
): dynamodb.ITableV2 => {
  if (table.tableStreamArn !== undefined) return table;
  if (!streamArn)
    throw new Error(
      `${reader} on a retained table need its stream: -c existingTableStreamArn=$(aws dynamodb describe-table --table-name <name> --query Table.LatestStreamArn --output text)`,
    );
  return dynamodb.TableV2.fromTableAttributes(scope, 'StreamOf', {
    tableName: table.tableName,
    tableStreamArn: streamArn,
  });
};
