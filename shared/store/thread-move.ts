/**
 * Reads and writes of a thread move (shared/usecases/move-thread.ts): every comment of one post id
 * goes to another, a bounded chunk per call. A comment carries its post id in `post`, `threadPk`
 * (when it is in the public thread) and `postQueuePk`; its path, and so its place in the thread,
 * does not depend on the post, so changing those three moves it with its replies intact.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../domain/audit';
import type { CommentStatus } from '../domain/comment';
import { POST_ITEM_SORT_KEY } from '../domain/thread-sort-keys';
import { db, guarded, tableName } from './client';
import { commentKey, postKey, postQueuePartition } from './item-keys';
import { batchGet } from './reads';
import { auditPut, POST_ITEM_PLACE } from './post-item';
import { INDEXES } from './table-definition';
import { transact, type LabelledItem, type TransactResult } from './transact';

/** Statuses whose comments sit in the post's queue partitions; erased ones only remain as thread tombstones. */
const QUEUED: readonly CommentStatus[] = ['pending', 'approved', 'rejected', 'spam', 'deleted'];

export interface MovingComment {
  readonly id: string;
  readonly post: string;
  readonly status: CommentStatus;
  readonly inThread: boolean;
  /** Held for moderation with an expiry: counted in its post's held count, which moves with it. */
  readonly held: boolean;
}

const idsOf = (items: readonly Record<string, unknown>[] | undefined): string[] =>
  (items ?? []).map((item) => String(item.pk).slice('COMMENT#'.length));

/**
 * Up to `limit` comment ids filed under the post in the indexes: at most six Queries (one per
 * queue status, then the thread's tombstones), whatever the thread's size. Index reads lag the
 * table, so a comment moved a moment ago may still be listed here: the caller re-reads each.
 */
export const listCommentIds = async (post: string, limit: number): Promise<string[]> => {
  const found = new Set<string>();
  for (const status of QUEUED) {
    if (found.size >= limit) break;
    const out = await guarded(() =>
      db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: INDEXES.postQueue.indexName,
          KeyConditionExpression: 'postQueuePk = :pk',
          ExpressionAttributeValues: { ':pk': postQueuePartition(post, status) },
          ProjectionExpression: 'pk',
          Limit: limit - found.size,
        }),
      ),
    );
    for (const id of idsOf(out.Items)) found.add(id);
  }
  if (found.size < limit) {
    const out = await guarded(() =>
      db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: INDEXES.thread.indexName,
          KeyConditionExpression: 'threadPk = :pk AND threadSk > :post',
          ExpressionAttributeValues: { ':pk': post, ':post': POST_ITEM_SORT_KEY },
          ProjectionExpression: 'pk',
          Limit: limit - found.size,
        }),
      ),
    );
    for (const id of idsOf(out.Items)) found.add(id);
  }
  return [...found];
};

/** The comments as the table has them now (one consistent BatchGetItem of up to 100). */
export const readMoving = async (ids: readonly string[]): Promise<MovingComment[]> => {
  if (ids.length === 0) return [];
  const items = await batchGet(ids.map(commentKey), {
    consistent: true,
    projection: 'pk, id, #post, #status, inThread, expiresAt',
    names: { '#post': 'post', '#status': 'status' },
  });
  return [...items.values()].map((item) => ({
    id: String(item.id),
    post: String(item.post),
    status: item.status as CommentStatus,
    inThread: item.inThread === true,
    held: typeof item.expiresAt === 'number',
  }));
};

/** The post id a move out of this post is under way to, if any (a marker on the post's item). */
export const getMoveMarker = async (post: string): Promise<string | undefined> => {
  const { Item } = await guarded(() =>
    db().send(new GetCommand({ TableName: tableName(), Key: postKey(post), ConsistentRead: true })),
  );
  return typeof Item?.movedTo === 'string' ? Item.movedTo : undefined;
};

const POST_NAMES = POST_ITEM_PLACE.names;
const POST_ITEM_SET = POST_ITEM_PLACE.set;

const update = (Key: Record<string, string>, expression: string, names: object, values: object, condition: string) => ({
  Update: {
    TableName: tableName(),
    Key,
    UpdateExpression: expression,
    ConditionExpression: condition,
    ExpressionAttributeNames: names as Record<string, string>,
    ExpressionAttributeValues: values as Record<string, unknown>,
  },
});

/** The comment, re-filed under the target; conditional on where and in which status it was read. */
const moveComment = (c: MovingComment, to: string): LabelledItem => {
  const sets = [
    '#post = :to',
    ...(c.inThread ? ['threadPk = :to'] : []),
    ...(c.status === 'erased' ? [] : ['postQueuePk = :queue']),
  ];
  return {
    label: 'comment',
    // The version bump makes a moderator's concurrent write (read before the move) fail and re-read.
    item: update(
      commentKey(c.id),
      `SET ${sets.join(', ')} ADD version :one`,
      { '#post': 'post', '#status': 'status' },
      {
        ':from': c.post,
        ':to': to,
        ':status': c.status,
        ':one': 1,
        ...(c.status === 'erased' ? {} : { ':queue': postQueuePartition(to, c.status) }),
      },
      '#post = :from AND #status = :status',
    ),
  };
};

export interface MoveChunk {
  readonly from: string;
  readonly to: string;
  readonly comments: readonly MovingComment[];
  /** First chunk of a move: set the marker, refuse if another move holds it, write the audit entry. */
  readonly start?: { readonly audit: AuditEntry; readonly targetMustBeEmpty: boolean };
}

/**
 * One transaction: the chunk's comments re-filed, their approved and held counts taken from the
 * source post's counters and added to the target's, the marker kept (or set with the audit entry on the first
 * chunk). A comment changed since it was read fails its `comment` condition and nothing is written.
 */
export const writeMoveChunk = (chunk: MoveChunk): Promise<TransactResult> => {
  const approved = chunk.comments.filter((c) => c.status === 'approved').length;
  const held = chunk.comments.filter((c) => c.held).length;
  const empty = chunk.start?.targetMustBeEmpty === true;
  const items: LabelledItem[] = [
    ...chunk.comments.map((c) => moveComment(c, chunk.to)),
    {
      label: 'post',
      item: update(
        postKey(chunk.from),
        `SET ${POST_ITEM_SET}, #movedTo = :to ADD #total :minus, #held :heldMinus`,
        { ...POST_NAMES, '#movedTo': 'movedTo', '#total': 'total', '#held': 'held' },
        {
          ':first': POST_ITEM_SORT_KEY,
          ':to': chunk.to,
          ':post': chunk.from,
          ':minus': -approved,
          ':heldMinus': -held,
        },
        chunk.start ? 'attribute_not_exists(#movedTo)' : '#movedTo = :to',
      ),
    },
    {
      label: 'post',
      item: update(
        postKey(chunk.to),
        `SET ${POST_ITEM_SET} ADD #total :plus, #held :heldPlus`,
        { ...POST_NAMES, '#total': 'total', '#movedTo': 'movedTo', '#held': 'held' },
        {
          ':first': POST_ITEM_SORT_KEY,
          ':post': chunk.to,
          ':plus': approved,
          ':heldPlus': held,
          ...(empty ? { ':zero': 0 } : {}),
        },
        // A thread moving out cannot take comments in; an empty target must still be empty.
        `attribute_not_exists(#movedTo)${empty ? ' AND (attribute_not_exists(#total) OR #total = :zero)' : ''}`,
      ),
    },
  ];
  if (chunk.start) items.push(auditPut(chunk.start.audit));
  return transact(items);
};

/** Ends a move once nothing is left under the source: the marker goes, so the post id is free again. */
export const clearMoveMarker = async (from: string, to: string): Promise<void> => {
  await guarded(() =>
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: postKey(from),
        UpdateExpression: 'REMOVE #movedTo',
        ConditionExpression: '#movedTo = :to',
        ExpressionAttributeNames: { '#movedTo': 'movedTo' },
        ExpressionAttributeValues: { ':to': to },
      }),
    ),
  ).catch((error: unknown) => {
    // Already cleared by a concurrent call: the same outcome.
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
  });
};
