/**
 * Table writes of the importer. Each comment is one transaction: a Put conditional on the comment
 * not existing, plus the post's and the author's counter ADDs. A comment already written by an
 * earlier run fails its condition, which cancels its own counter moves, so a re-run creates nothing
 * and counters stay exact. Throttling and conflicts are retried with exponential backoff and jitter.
 */
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  TransactWriteCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { config } from '../config';
import type { CommentRecord } from '../domain/comment';
import { tableName } from './client';
import { postUpdate as postItemUpdate } from './post-item';
import { toItem } from './comment-items';
import { authorKey } from './item-keys';

const RETRYABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
]);
const RETRYABLE_REASONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);
const MAX_ATTEMPTS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Full jitter, capped at 10 s: throttled writers spread out instead of retrying in step. */
const backoff = (attempt: number) => sleep(Math.random() * Math.min(10_000, 50 * 2 ** attempt));

let cached: { endpoint: string; client: DynamoDBDocumentClient } | undefined;

/**
 * The importer's own client: unlike a request handler it can wait, so timeouts are long and retries
 * are this module's (backoff below), which also lets it tell a timed-out write from a refused one.
 */
export const importDb = (): DynamoDBDocumentClient => {
  const endpoint = config().dynamoEndpoint ?? '';
  if (cached?.endpoint !== endpoint) {
    const base = new DynamoDBClient({
      endpoint: endpoint || undefined,
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 5000, requestTimeout: 30_000, throwOnRequestTimeout: true },
    });
    cached = {
      endpoint,
      client: DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }),
    };
  }
  return cached.client;
};

export interface WriteStats {
  retries: number;
}

const withBackoff = async <T>(
  stats: WriteStats,
  call: () => Promise<T>,
  decide: (error: unknown, retried: boolean) => T | undefined,
): Promise<T> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const decided = decide(error, attempt > 0);
      if (decided !== undefined) return decided;
      const name = (error as { name?: string }).name ?? '';
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      const retryable = RETRYABLE.has(name) || reasons.some((r) => RETRYABLE_REASONS.has(r.Code ?? ''));
      if (!retryable || attempt + 1 >= MAX_ATTEMPTS) throw error;
      stats.retries++;
      await backoff(attempt);
    }
  }
};

/** The post's counters: approved comments, and held ones (those with an expiry; no cap on the owner's own import). */
const postUpdate = (
  post: string,
  delta: { total: number; held: number },
  title: string | null,
  url: string | null,
  /** Flags set to true (`#locked`, `reactionsOff`). */
  flags: readonly string[] = [],
) =>
  postItemUpdate(post, delta.total, {
    set: `${title ? ', #title = if_not_exists(#title, :title)' : ''}${url ? ', #url = if_not_exists(#url, :url)' : ''}${flags.map((flag) => `, ${flag} = :true`).join('')}`,
    values: {
      ...(title ? { ':title': title } : {}),
      ...(url ? { ':url': url } : {}),
      ...(flags.length ? { ':true': true } : {}),
    },
    held: { delta: delta.held },
  }).item.Update!;

/** Comments per transaction: 25 Puts plus at most 25 post and 25 author updates stay under the 100-item cap. */
export const IMPORT_BATCH_SIZE = 25;

/** The batch's items: one conditional Put per comment, then one ADD per post and per author touched. */
const batchItems = (records: readonly CommentRecord[], postInfo: PostInfo) => {
  const posts = new Map<string, { total: number; held: number }>();
  const authors = new Map<string, number>();
  for (const r of records) {
    const approved = r.status === 'approved' ? 1 : 0;
    const counts = posts.get(r.post) ?? { total: 0, held: 0 };
    posts.set(r.post, { total: counts.total + approved, held: counts.held + (r.expiresAt !== null ? 1 : 0) });
    if (approved && r.authorKey) authors.set(r.authorKey, (authors.get(r.authorKey) ?? 0) + 1);
  }
  return [
    ...records.map((r) => ({
      Put: { TableName: tableName(), Item: toItem(r), ConditionExpression: 'attribute_not_exists(pk)' },
    })),
    ...[...posts].map(([post, delta]) => {
      const { title, url } = postInfo(post);
      return { Update: postUpdate(post, delta, title, url) };
    }),
    ...[...authors].map(([key, delta]) => ({
      Update: {
        TableName: tableName(),
        Key: authorKey(key),
        UpdateExpression: 'ADD approvedCount :delta',
        ExpressionAttributeValues: { ':delta': delta },
      },
    })),
  ];
};

export type PostInfo = (post: string) => { title: string | null; url: string | null };

/**
 * Writes up to IMPORT_BATCH_SIZE comments in one transaction with their summed counter moves. When
 * some already exist (an earlier run), the transaction is cancelled as a whole, and is sent again
 * without them: counters only ever move together with the comments actually created.
 */
export const writeImportedBatch = async (
  records: readonly CommentRecord[],
  postInfo: PostInfo,
  stats: WriteStats,
): Promise<{ created: number; present: number }> => {
  let pending = records;
  let present = 0;
  while (pending.length > 0) {
    const batch = pending;
    const items = batchItems(batch, postInfo);
    const outcome = await withBackoff<{ existing: Set<number>; retried: boolean }>(
      stats,
      async () => {
        await importDb().send(new TransactWriteCommand({ TransactItems: items }));
        return { existing: new Set(), retried: false };
      },
      (error, retried) => {
        if (!(error instanceof TransactionCanceledException)) return undefined;
        const reasons = error.CancellationReasons ?? [];
        const existing = new Set(batch.map((_, i) => i).filter((i) => reasons[i]?.Code === 'ConditionalCheckFailed'));
        return existing.size > 0 ? { existing, retried } : undefined;
      },
    );
    if (outcome.existing.size === 0) break;
    // Found on a retry after a timeout, they are most likely this very batch, committed: count them as created.
    if (!outcome.retried) present += outcome.existing.size;
    pending = batch.filter((_, i) => !outcome.existing.has(i));
  }
  return { created: records.length - present, present };
};

/** Creates the post's item if need be (title, URL) and sets its lock and reactions switch; idempotent. */
export const writeImportedPost = (
  post: { id: string; title: string | null; url: string | null; locked: boolean; reactionsOff?: boolean },
  stats: WriteStats,
): Promise<void> => {
  const flags = [...(post.locked ? ['#locked'] : []), ...(post.reactionsOff ? ['reactionsOff'] : [])];
  const update = postUpdate(post.id, { total: 0, held: 0 }, post.title, post.url, flags);
  return withBackoff(
    stats,
    async () => {
      await importDb().send(new UpdateCommand(update as UpdateCommandInput));
    },
    () => undefined,
  );
};
