import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';

/** Every item of a table as sorted JSON lines: equal snapshots mean nothing changed. */
export const tableSnapshot = async (tableName: string): Promise<string[]> => {
  const client = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT });
  const lines: string[] = [];
  let start: Record<string, unknown> | undefined;
  for (let page = 0; page < 1000; page++) {
    const out = await client.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start as never }),
    );
    for (const item of out.Items ?? [])
      lines.push(JSON.stringify(Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))));
    start = out.LastEvaluatedKey;
    if (!start) break;
  }
  client.destroy();
  return lines.sort();
};
