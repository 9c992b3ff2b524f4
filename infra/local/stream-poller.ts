/**
 * What Lambda's DynamoDB event source mapping does, for `npm start` and the tests: reads the
 * table's stream on DynamoDB Local, keeps the records the notifier's filter accepts, hands them to
 * the same handler in Lambda's `DynamoDBStreamEvent` shape, and honours `batchItemFailures`:
 * a failed record is retried from its sequence number (a bounded number of times, the batch halved
 * each time), then sent to the on-failure sink (the local "DLQ"), and the records after it go on.
 */
import { DescribeTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { matchesFilter } from '../../shared/notify/stream-filter';
import { STREAM_VIEW_TYPE } from '../../shared/store/table-definition';
import { localDynamoClient } from './dynamodb-local';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

export interface FailedRecord {
  readonly record: DynamoDBRecord;
  readonly attempts: number;
  readonly error: string;
}

export interface StreamPollerOptions {
  readonly endpoint: string;
  readonly tableName: string;
  readonly handler: StreamHandler;
  /** Where reading starts on the shards open at start; shards found later are read from their start. */
  readonly startingPosition?: 'LATEST' | 'TRIM_HORIZON';
  readonly batchSize?: number;
  /** Retries of a failing record before it goes to the sink (Lambda's MaximumRetryAttempts). */
  readonly maxRetries?: number;
  readonly pollIntervalMs?: number;
  readonly retryDelayMs?: number;
  readonly onFailure?: (failed: FailedRecord) => void;
  /** Which records the function hears of (its event-filter patterns); the notifier's by default. */
  readonly filter?: (record: DynamoDBRecord) => boolean;
  /**
   * Keys (`pk`) the local TTL sweeper deleted: their REMOVE records carry the service identity
   * DynamoDB's TTL gives its deletions, which DynamoDB Local (it has no TTL) cannot.
   */
  readonly ttlDeletions?: ReadonlySet<string>;
  readonly log?: (line: string) => void;
}

export interface StreamPoller {
  readonly streamArn: string;
  /** Records that exhausted their retries, oldest first. */
  readonly failed: readonly FailedRecord[];
  /** Resolves once every shard has been read up to now and all delivered records handled. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The stream's ARN, turning the stream on for a table created (in `.data/`) before it had one. */
const streamArnOf = async (endpoint: string, tableName: string): Promise<string> => {
  const client = localDynamoClient(endpoint);
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.LatestStreamArn && Table.StreamSpecification?.StreamEnabled) return Table.LatestStreamArn;
    const updated = await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        StreamSpecification: { StreamEnabled: true, StreamViewType: STREAM_VIEW_TYPE },
      }),
    );
    const arn = updated.TableDescription?.LatestStreamArn;
    if (!arn) throw new Error(`Table ${tableName} has no stream`);
    return arn;
  } finally {
    client.destroy();
  }
};

/** Lambda's record shape, built from what GetRecords returns. */
export const toLambdaRecord = (record: StreamRecord, streamArn: string, region: string): DynamoDBRecord => {
  const change = record.dynamodb ?? {};
  const created = change.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    eventSourceARN: streamArn,
    dynamodb: {
      Keys: change.Keys as never,
      NewImage: change.NewImage as never,
      OldImage: change.OldImage as never,
      SequenceNumber: change.SequenceNumber,
      SizeBytes: change.SizeBytes,
      StreamViewType: change.StreamViewType as never,
      ApproximateCreationDateTime: created === undefined ? undefined : Math.floor(new Date(created).getTime() / 1000),
    },
  };
};

/** A deletion by the local TTL sweeper, shaped as DynamoDB's TTL reports its own. */
const asTtlDeletion = (record: DynamoDBRecord, ttlDeletions: ReadonlySet<string> | undefined): DynamoDBRecord => {
  const pk = (record.dynamodb?.Keys as { pk?: { S?: string } } | undefined)?.pk?.S;
  if (record.eventName !== 'REMOVE' || pk === undefined || !ttlDeletions?.has(pk)) return record;
  return { ...record, userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } };
};

export const startStreamPoller = async (options: StreamPollerOptions): Promise<StreamPoller> => {
  const batchSize = options.batchSize ?? 10;
  const maxRetries = options.maxRetries ?? 3;
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const retryDelayMs = options.retryDelayMs ?? 100;
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const log = options.log ?? (() => undefined);
  const streamArn = await streamArnOf(options.endpoint, options.tableName);
  const client = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
  });
  const failed: FailedRecord[] = [];
  const iterators = new Map<string, string | null>();
  let stopped = false;

  const discoverShards = async (initial: boolean): Promise<void> => {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId;
      if (!shardId || iterators.has(shardId)) continue;
      const open = shard.SequenceNumberRange?.EndingSequenceNumber === undefined;
      if (initial && !open && options.startingPosition !== 'TRIM_HORIZON') {
        iterators.set(shardId, null);
        continue;
      }
      const type = initial && open ? (options.startingPosition ?? 'LATEST') : 'TRIM_HORIZON';
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type }),
      );
      iterators.set(shardId, ShardIterator ?? null);
    }
  };

  /** Delivers records in order; a failing record is retried with a halved batch, then parked. */
  const deliver = async (records: DynamoDBRecord[]): Promise<void> => {
    let rest = records;
    let attempts = 0;
    let size = Math.min(batchSize, rest.length);
    while (rest.length > 0 && !stopped) {
      const batch = rest.slice(0, size);
      let failedSeq: string | undefined;
      let error = '';
      try {
        const response = await options.handler({ Records: batch });
        failedSeq = response?.batchItemFailures?.[0]?.itemIdentifier;
        if (failedSeq) error = 'reported in batchItemFailures';
      } catch (thrown) {
        failedSeq = batch[0]?.dynamodb?.SequenceNumber;
        error = thrown instanceof Error ? thrown.message : String(thrown);
      }
      if (failedSeq === undefined) {
        rest = rest.slice(batch.length);
        attempts = 0;
        size = Math.min(batchSize, rest.length);
        continue;
      }
      const index = Math.max(
        0,
        rest.findIndex((record) => record.dynamodb?.SequenceNumber === failedSeq),
      );
      rest = rest.slice(index);
      if (index > 0) attempts = 0;
      attempts += 1;
      const head = rest[0] as DynamoDBRecord;
      if (attempts > maxRetries) {
        const parked: FailedRecord = { record: head, attempts, error };
        failed.push(parked);
        options.onFailure?.(parked);
        log(`stream record ${head.eventID} failed ${attempts} times (${error}): sent to the on-failure sink`);
        rest = rest.slice(1);
        attempts = 0;
        size = Math.min(batchSize, rest.length);
        continue;
      }
      size = Math.max(1, Math.ceil(Math.min(size, rest.length) / 2));
      await sleep(retryDelayMs * 2 ** (attempts - 1));
    }
  };

  const lastSequence = new Map<string, string>();

  /**
   * A new iterator after the last record read (or the shard's start): DynamoDB Local answers
   * TrimmedDataAccessException to a LATEST iterator taken on a shard that had no record yet, and
   * any iterator expires after 15 minutes.
   */
  const reacquire = async (shardId: string): Promise<string | null> => {
    const after = lastSequence.get(shardId);
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator ?? null;
  };

  const readShard = async (
    shardId: string,
    iterator: string,
  ): Promise<{ Records?: StreamRecord[]; NextShardIterator?: string }> => {
    try {
      return await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
      const fresh = await reacquire(shardId);
      return fresh ? client.send(new GetRecordsCommand({ ShardIterator: fresh, Limit: 100 })) : {};
    }
  };

  const pollOnce = async (): Promise<void> => {
    for (const [shardId, iterator] of iterators) {
      if (iterator === null || stopped) continue;
      const { Records, NextShardIterator } = await readShard(shardId, iterator);
      iterators.set(shardId, NextShardIterator ?? null);
      const last = Records?.at(-1)?.dynamodb?.SequenceNumber;
      if (last) lastSequence.set(shardId, last);
      const wanted = (Records ?? [])
        .map((record) => asTtlDeletion(toLambdaRecord(record, streamArn, region), options.ttlDeletions))
        .filter(options.filter ?? ((record) => matchesFilter(record)));
      if (wanted.length > 0) await deliver(wanted);
    }
  };

  await discoverShards(true);
  // One read at a time: drain() and the loop must never use the same shard iterator twice.
  let chain: Promise<void> = Promise.resolve();
  const serial = (step: () => Promise<void>): Promise<void> => {
    const next = chain.then(step);
    chain = next.catch((error: unknown) =>
      log(`stream poller: ${error instanceof Error ? error.message : String(error)}`),
    );
    return next;
  };
  const loop = (async () => {
    for (let round = 1; !stopped; round++) {
      await serial(async () => {
        if (round % 20 === 0) await discoverShards(false);
        await pollOnce();
      }).catch(() => undefined);
      if (!stopped) await sleep(pollIntervalMs);
    }
  })();

  return {
    streamArn,
    failed,
    drain: () =>
      serial(async () => {
        await discoverShards(false);
        await pollOnce();
      }),
    async stop() {
      stopped = true;
      await loop;
      client.destroy();
    },
  };
};
