/**
 * Table writes of the importer. Each comment is one transaction: a Put conditional on the comment
 * not existing, plus the post's and the author's counter ADDs. A comment already written by an
 * earlier run fails its condition, which cancels its own counter moves, so a re-run creates nothing
 * and counters stay exact. Throttling and conflicts are retried with exponential backoff and jitter.
 */
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';
import type { CommentRecord } from '../domain/comment';
import { POST_ITEM_SORT_KEY } from '../domain/thread-keys';
import { tableName } from './client';
import { toItem } from './comment-items';
import { authorKey, postKey } from './keys';

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

const postUpdate = (post: string, delta: number, title: string | null, url: string | null) => ({
  TableName: tableName(),
  Key: postKey(post),
  UpdateExpression: `SET #tpk = if_not_exists(#tpk, :post), #tsk = if_not_exists(#tsk, :first), #tnsk = if_not_exists(#tnsk, :first), #post = if_not_exists(#post, :post)${
    title ? ', #title = if_not_exists(#title, :title)' : ''
  }${url ? ', #url = if_not_exists(#url, :url)' : ''} ADD #total :delta`,
  ExpressionAttributeNames: {
    '#tpk': 'threadPk',
    '#tsk': 'threadSk',
    '#tnsk': 'threadNewestSk',
    '#post': 'post',
    '#total': 'total',
    ...(title ? { '#title': 'title' } : {}),
    ...(url ? { '#url': 'postUrl' } : {}),
  },
  ExpressionAttributeValues: {
    ':post': post,
    ':first': POST_ITEM_SORT_KEY,
    ':delta': delta,
    ...(title ? { ':title': title } : {}),
    ...(url ? { ':url': url } : {}),
  },
});

/** 'created', or 'present' when an earlier run already stored this comment (nothing moved). */
export const writeImportedComment = (
  record: CommentRecord,
  post: { title: string | null; url: string | null },
  stats: WriteStats,
): Promise<'created' | 'present'> => {
  const approved = record.status === 'approved' ? 1 : 0;
  const items = [
    { Put: { TableName: tableName(), Item: toItem(record), ConditionExpression: 'attribute_not_exists(pk)' } },
    { Update: postUpdate(record.post, approved, post.title, post.url) },
    ...(approved && record.authorKey
      ? [
          {
            Update: {
              TableName: tableName(),
              Key: authorKey(record.authorKey),
              UpdateExpression: 'ADD approvedCount :one',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ]
      : []),
  ];
  return withBackoff<'created' | 'present'>(
    stats,
    async () => {
      await importDb().send(new TransactWriteCommand({ TransactItems: items }));
      return 'created';
    },
    // Found on a retry, the comment is most likely this run's own earlier attempt that timed out after
    // committing; either way its counters moved exactly once.
    (error, retried) =>
      error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
        ? retried
          ? 'created'
          : 'present'
        : undefined,
  );
};

/** Creates the post's item if need be (title, URL) and sets its lock; idempotent. */
export const writeImportedPost = (
  post: { id: string; title: string | null; url: string | null; locked: boolean },
  stats: WriteStats,
): Promise<void> => {
  const update = postUpdate(post.id, 0, post.title, post.url);
  return withBackoff(
    stats,
    async () => {
      await importDb().send(
        new UpdateCommand({
          ...update,
          UpdateExpression: post.locked
            ? update.UpdateExpression.replace(' ADD', ', #locked = :true ADD')
            : update.UpdateExpression,
          ExpressionAttributeNames: {
            ...update.ExpressionAttributeNames,
            ...(post.locked ? { '#locked': 'locked' } : {}),
          },
          ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ...(post.locked ? { ':true': true } : {}) },
        }),
      );
    },
    () => undefined,
  );
};
