/**
 * DynamoDB's TTL, for DynamoDB Local (which has none): deletes items whose `expiresAt` has passed
 * and remembers their keys, so the stream poller can give those REMOVE records the service
 * identity TTL's deletions carry, and the held-count keeper (shared/usecases/held-expiry.ts) runs
 * locally on the same records as deployed. A Scan is fine here: a local table is small.
 */
import { DeleteItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { TTL_ATTRIBUTE } from '../../shared/store/table-definition';
import { localDynamoClient } from './dynamodb-local';

export interface TtlSweeper {
  /** `pk`s of the items this sweeper deleted. */
  readonly deleted: ReadonlySet<string>;
  /** Deletes what has expired at `nowSeconds` (default: now); resolves to how many items went. */
  sweep(nowSeconds?: number): Promise<number>;
}

export const ttlSweeper = (endpoint: string, tableName: string): TtlSweeper => {
  const deleted = new Set<string>();
  const client = localDynamoClient(endpoint);
  const sweep = async (nowSeconds = Math.floor(Date.now() / 1000)): Promise<number> => {
    let count = 0;
    let start: Record<string, AttributeValue> | undefined;
    for (let page = 0; page < 1000; page++) {
      const out = await client.send(
        new ScanCommand({
          TableName: tableName,
          FilterExpression: '#exp <= :now',
          ProjectionExpression: 'pk, sk',
          ExpressionAttributeNames: { '#exp': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':now': { N: String(nowSeconds) } },
          ExclusiveStartKey: start,
        }),
      );
      for (const key of out.Items ?? []) {
        const pk = key.pk?.S;
        if (pk === undefined) continue;
        // Marked first: the poller may read the record before this call returns.
        deleted.add(pk);
        await client
          .send(
            new DeleteItemCommand({
              TableName: tableName,
              Key: key,
              // Like TTL, never delete an item whose expiry was moved or dropped meanwhile.
              ConditionExpression: '#exp <= :now',
              ExpressionAttributeNames: { '#exp': TTL_ATTRIBUTE },
              ExpressionAttributeValues: { ':now': { N: String(nowSeconds) } },
            }),
          )
          .then(
            () => count++,
            (error: unknown) => {
              if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
            },
          );
      }
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    return count;
  };
  return { deleted, sweep };
};
