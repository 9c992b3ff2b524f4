import type { AuditEntry } from '../domain/audit';
import type { CommentRecord } from '../domain/comment';
import type { CounterMove, Erasure, Transition } from '../domain/comment-lifecycle';
import { POST_ITEM_SORT_KEY } from '../domain/thread-sort-keys';
import { tableName } from './client';
import { indexAttributes, toItem } from './comment-items';
import { auditKey, authorKey, commentKey, idempotencyKey, postKey, rateKey, recentKey } from './item-keys';
import { transact, type LabelledItem, type TransactLabel, type TransactResult } from './transact';

export interface RateCharge {
  readonly clientHash: string;
  readonly windowStart: number;
  readonly max: number;
  readonly expiresAt: number;
}

const update = (
  label: TransactLabel,
  Key: Record<string, string>,
  UpdateExpression: string,
  values: Record<string, unknown>,
  extra: { ConditionExpression?: string; names?: Record<string, string> } = {},
): LabelledItem => ({
  label,
  item: {
    Update: {
      TableName: tableName(),
      Key,
      UpdateExpression,
      ExpressionAttributeValues: values,
      ...(extra.ConditionExpression ? { ConditionExpression: extra.ConditionExpression } : {}),
      ...(extra.names && Object.keys(extra.names).length > 0 ? { ExpressionAttributeNames: extra.names } : {}),
    },
  },
});

/** Charges one write to the client's rate window; fails its condition when the window is full. */
const chargeRate = (rate: RateCharge): LabelledItem =>
  update(
    'rate',
    rateKey(rate.clientHash, rate.windowStart),
    'ADD #hits :one SET #exp = if_not_exists(#exp, :exp)',
    { ':one': 1, ':max': rate.max, ':exp': rate.expiresAt },
    {
      ConditionExpression: 'attribute_not_exists(#hits) OR #hits < :max',
      names: { '#hits': 'hits', '#exp': 'expiresAt' },
    },
  );

/** Attribute names of the post item; several (total, locked, post) are DynamoDB reserved words. */
const POST_NAMES = {
  '#tpk': 'threadPk',
  '#tsk': 'threadSk',
  '#tnsk': 'threadNewestSk',
  '#post': 'post',
  '#total': 'total',
  '#title': 'title',
  '#url': 'postUrl',
  '#locked': 'locked',
};

/** Moves the post's approved counter; also puts the post's item where the thread index finds it. */
const postCounter = (
  post: string,
  delta: number,
  extraSet = '',
  extraValues: Record<string, unknown> = {},
  condition?: string,
): LabelledItem => {
  const expression = `SET #tpk = if_not_exists(#tpk, :post), #tsk = if_not_exists(#tsk, :first), #tnsk = if_not_exists(#tnsk, :first), #post = if_not_exists(#post, :post)${extraSet} ADD #total :delta`;
  const used = Object.fromEntries(
    Object.entries(POST_NAMES).filter(([name]) => expression.includes(name) || condition?.includes(name)),
  );
  return update(
    'post',
    postKey(post),
    expression,
    { ':post': post, ':first': POST_ITEM_SORT_KEY, ':delta': delta, ...extraValues },
    { ConditionExpression: condition, names: used },
  );
};

const authorCounter = (authorHash: string, delta: number): LabelledItem =>
  update('author', authorKey(authorHash), 'ADD approvedCount :delta', { ':delta': delta });

/** The counter moves the domain decided, as transaction items. */
const counterItems = (moves: readonly CounterMove[]): LabelledItem[] =>
  moves.map((m) => (m.counter === 'post' ? postCounter(m.key, m.delta) : authorCounter(m.key, m.delta)));

const auditPut = (entry: AuditEntry): LabelledItem => ({
  label: 'audit',
  item: { Put: { TableName: tableName(), Item: { ...auditKey(entry.id), type: 'audit', ...entry } } },
});

/** A Put that fails only while a live (unexpired) item holds the key. */
const expiredOrAbsent = (now: number) => ({
  ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
  ExpressionAttributeValues: { ':now': now },
});

export interface NewComment {
  readonly record: CommentRecord;
  /** The counters its arrival moves (see `counterMoves` in the lifecycle). */
  readonly counters: readonly CounterMove[];
  readonly title: string | null;
  readonly url: string | null;
  readonly rate: RateCharge;
  /** Only the request's hash and what is not personal: a replay rebuilds its answer from the comment as it is now. */
  readonly idempotency?: {
    readonly keyHash: string;
    readonly requestHash: string;
    readonly editableUntil: string;
    readonly expiresAt: number;
    readonly now: number;
  };
  /**
   * The duplicate marker of the body. With `onlyIfNotRecentAt` (epoch seconds) the write fails its
   * `recent` condition when a live marker exists, so the transaction itself detects a duplicate.
   */
  readonly recent: { readonly hash: string; readonly expiresAt: number; readonly onlyIfNotRecentAt?: number };
  /** A moderator's reply is audited in the same transaction. */
  readonly audit?: AuditEntry;
}

/**
 * Stores a new comment and everything that must move with it, in one transaction: the post's
 * counter (refused when the thread is locked), the rate window, the idempotency record, the
 * duplicate marker, the parent's approval (re-checked) and the author's trust counter.
 * Failed labels: `post` (locked), `rate`, `idempotency`, `parent`, `recent` (a live duplicate
 * marker), `comment` (already stored by an earlier attempt of this very request).
 */
export const insertComment = (n: NewComment): Promise<TransactResult> => {
  const c = n.record;
  // The post item is always written (its lock is checked, its title kept), moved or not.
  const postMove = n.counters.find((m) => m.counter === 'post' && m.key === c.post)?.delta ?? 0;
  const items: LabelledItem[] = [
    {
      label: 'comment',
      item: { Put: { TableName: tableName(), Item: toItem(c), ConditionExpression: 'attribute_not_exists(pk)' } },
    },
    postCounter(
      c.post,
      postMove,
      `${n.title ? ', #title = if_not_exists(#title, :title)' : ''}${n.url ? ', #url = if_not_exists(#url, :url)' : ''}`,
      { ':false': false, ...(n.title ? { ':title': n.title } : {}), ...(n.url ? { ':url': n.url } : {}) },
      'attribute_not_exists(#locked) OR #locked = :false',
    ),
    chargeRate(n.rate),
    {
      label: 'recent',
      item: {
        Put: {
          TableName: tableName(),
          Item: { ...recentKey(n.recent.hash), expiresAt: n.recent.expiresAt },
          ...(n.recent.onlyIfNotRecentAt === undefined ? {} : expiredOrAbsent(n.recent.onlyIfNotRecentAt)),
        },
      },
    },
  ];
  if (n.idempotency) {
    const { keyHash, requestHash, editableUntil, expiresAt, now } = n.idempotency;
    // An expired record may linger until TTL deletes it: it no longer holds the key.
    items.push({
      label: 'idempotency',
      item: {
        Put: {
          TableName: tableName(),
          Item: { ...idempotencyKey(keyHash), requestHash, commentId: c.id, editableUntil, expiresAt },
          ...expiredOrAbsent(now),
        },
      },
    });
  }
  if (c.parentId) {
    items.push({
      label: 'parent',
      item: {
        ConditionCheck: {
          TableName: tableName(),
          Key: commentKey(c.parentId),
          ConditionExpression: '#status = :approved',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':approved': 'approved' },
        },
      },
    });
  }
  items.push(...counterItems(n.counters.filter((m) => m.counter === 'author')));
  if (n.audit) items.push(auditPut(n.audit));
  return transact(items);
};

/**
 * Writes a decided change to a comment, guarded by the version it was read at, with its counter
 * moves, audit entry and rate charge in the same transaction. A lost race fails the `comment`
 * label; the caller re-reads and decides again.
 */
export const writeTransition = (
  change: Transition,
  options: { audit?: AuditEntry; rate?: RateCharge } = {},
): Promise<TransactResult> => {
  const items: LabelledItem[] = [
    {
      label: 'comment',
      item: {
        Put: {
          TableName: tableName(),
          Item: toItem(change.next),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': change.readVersion },
        },
      },
    },
    ...counterItems(change.counters),
  ];
  if (options.audit) items.push(auditPut(options.audit));
  if (options.rate) items.push(chargeRate(options.rate));
  return transact(items);
};

/** Writes a decided erasure: the tombstone in the comment's place, or no item at all. */
export const writeErasure = (erasure: Erasure, audit: AuditEntry): Promise<TransactResult> => {
  const guard = { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': erasure.readVersion } };
  const { remains } = erasure;
  const items: LabelledItem[] = [
    remains
      ? {
          label: 'comment',
          item: {
            Put: {
              TableName: tableName(),
              Item: { ...commentKey(remains.id), type: 'comment', ...remains, ...indexAttributes(remains) },
              ...guard,
            },
          },
        }
      : { label: 'comment', item: { Delete: { TableName: tableName(), Key: commentKey(erasure.id), ...guard } } },
    auditPut(audit),
    ...counterItems(erasure.counters),
  ];
  return transact(items);
};

/** Locks or unlocks a thread; the `post` label fails when it already was in that state. */
export const setThreadLock = (post: string, locked: boolean, audit: AuditEntry): Promise<TransactResult> =>
  transact([
    postCounter(
      post,
      0,
      ', #locked = :locked',
      { ':locked': locked, ':notLocked': !locked },
      locked ? 'attribute_not_exists(#locked) OR #locked = :notLocked' : '#locked = :notLocked',
    ),
    auditPut(audit),
  ]);
