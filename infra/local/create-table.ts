/**
 * Creates Parley's table on DynamoDB Local from the one table definition, so local and deployed
 * tables cannot drift apart.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type Projection,
} from '@aws-sdk/client-dynamodb';
import {
  ALL_INDEXES,
  STREAM_VIEW_TYPE,
  TABLE_KEYS,
  TTL_ATTRIBUTE,
  type IndexDefinition,
} from '../../shared/store/table-definition';
import { localDynamoClient } from './dynamodb-local';

const projection = (index: IndexDefinition): Projection =>
  index.projection === 'ALL' || index.projection === 'KEYS_ONLY'
    ? { ProjectionType: index.projection }
    : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection] };

export const createTableInput = (tableName: string): CreateTableCommandInput => {
  const keyNames = new Set<string>([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey]);
  for (const index of ALL_INDEXES) keyNames.add(index.partitionKey).add(index.sortKey);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: STREAM_VIEW_TYPE },
    AttributeDefinitions: [...keyNames].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: ALL_INDEXES.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: projection(index),
    })),
  };
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const waitUntilActive = async (client: DynamoDBClient, tableName: string, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) {
      assertIndexes(
        tableName,
        (Table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName ?? ''),
      );
      return;
    }
    if (Date.now() > deadline) throw new Error(`Table ${tableName} did not become ACTIVE within ${timeoutMs} ms`);
    await sleep(100);
  }
};

/** A table kept in `.data/` from an older definition would fail at query time; say so at start instead. */
const assertIndexes = (tableName: string, present: readonly string[]): void => {
  const missing = ALL_INDEXES.map((index) => index.indexName).filter((name) => !present.includes(name));
  if (missing.length > 0) {
    throw new Error(
      `Table ${tableName} predates the current table definition (missing index ${missing.join(', ')}): delete .data/dynamodb and restart`,
    );
  }
};

export const ensureTable = async ({ endpoint, tableName }: { endpoint: string; tableName: string }): Promise<void> => {
  const client = localDynamoClient(endpoint);
  try {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    await waitUntilActive(client, tableName);
    const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    if (TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { Enabled: true, AttributeName: TTL_ATTRIBUTE },
        }),
      );
    }
  } finally {
    client.destroy();
  }
};
