import type { AuditEntry } from '../domain/audit';
import type { SiteHeldCharge } from '../domain/held-caps';
import type { CommentRecord } from '../domain/comment';
import type { CounterMove, Erasure, Transition } from '../domain/comment-lifecycle';
import { tableName } from './client';
import { indexAttributes, toItem } from './comment-items';
import { authorKey, commentKey, heldDayKey, idempotencyKey, postKey, recentKey } from './item-keys';
import { auditPut, metaOnApproval, metaTakenBack, postUpdate, update, type PostChange } from './post-item';
import { chargeCappedCounter, chargeRate, type RateCharge } from './rate-window';
import { transact, type LabelledItem, type TransactResult } from './transact';

export { auditPut } from './post-item';
export { chargeRate, type RateCharge } from './rate-window';

const authorCounter = (authorHash: string, delta: number): LabelledItem =>
  update('author', authorKey(authorHash), 'ADD approvedCount :delta', { ':delta': delta });

/**
 * The counter moves the domain decided, as transaction items. Each post item is written once, with
 * its approved-total and held-count moves and whatever else changes on it (`post`: the approval
 * naming it, an erasure taking that name back, the lock condition, the held cap).
 */
const counterItems = (moves: readonly CounterMove[], post?: { key: string; change: PostChange }): LabelledItem[] => {
  const sum = (counter: CounterMove['counter'], key: string) =>
    moves.filter((m) => m.counter === counter && m.key === key).reduce((n, m) => n + m.delta, 0);
  const posts = new Set([
    ...(post ? [post.key] : []),
    ...moves.filter((m) => m.counter !== 'author').map((m) => m.key),
  ]);
  return [
    ...[...posts].map((key) => {
      const change = key === post?.key ? post.change : {};
      return postUpdate(key, sum('post', key), { ...change, held: { ...change.held, delta: sum('held', key) } });
    }),
    ...moves.filter((m) => m.counter === 'author').map((m) => authorCounter(m.key, m.delta)),
  ];
};

const chargeSiteHeld = (charge: SiteHeldCharge): LabelledItem =>
  chargeCappedCounter('site', heldDayKey(charge.day, charge.shard), 'held', charge.max, charge.expiresAt);

/** A Put that fails only while a live (unexpired) item holds the key. */
const expiredOrAbsent = (now: number) => ({
  ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
  ExpressionAttributeValues: { ':now': now },
});

export interface NewComment {
  readonly record: CommentRecord;
  /** The counters its arrival moves (see `counterMoves` in the lifecycle). */
  readonly counters: readonly CounterMove[];
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
  /**
   * The caps on held comments, for a comment that arrives held (pending or spam, with an expiry):
   * the post's count (fails `post`) and the site's count for the day (fails `site`).
   */
  readonly heldCaps?: { readonly perPost: number; readonly site: SiteHeldCharge };
  /** A moderator's reply is audited in the same transaction. */
  readonly audit?: AuditEntry;
}

/**
 * Stores a new comment and everything that must move with it, in one transaction: the post's
 * counters (refused when the thread is locked or holds its cap of waiting comments), the site's
 * held count for the day, the rate window, the idempotency record, the duplicate marker, the
 * parent's approval (re-checked) and the author's trust counter.
 * Failed labels: `post` (locked, or full), `site` (the day's cap), `rate`, `idempotency`, `parent`,
 * `recent` (a live duplicate marker), `comment` (already stored by an earlier attempt of this very
 * request).
 */
export const insertComment = (n: NewComment): Promise<TransactResult> => {
  const c = n.record;
  // The post item is always written (its lock is checked), moved or not; a comment published at
  // once names the post as an approval would.
  const meta = c.status === 'approved' ? metaOnApproval(c) : {};
  const held = n.counters.some((m) => m.counter === 'held' && m.delta > 0) ? n.heldCaps : undefined;
  const items: LabelledItem[] = [
    {
      label: 'comment',
      item: { Put: { TableName: tableName(), Item: toItem(c), ConditionExpression: 'attribute_not_exists(pk)' } },
    },
    ...counterItems(n.counters, {
      key: c.post,
      change: {
        ...meta,
        values: { ':false': false, ...meta.values },
        condition: 'attribute_not_exists(#locked) OR #locked = :false',
        held: { delta: 0, cap: held?.perPost },
      },
    }),
    ...(held ? [chargeSiteHeld(held.site)] : []),
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
  if (n.audit) items.push(auditPut(n.audit));
  return transact(items);
};

/** The duplicate marker of a text: its hash, alive until `expiresAt` (epoch seconds). */
export interface DuplicateMarker {
  readonly hash: string;
  readonly expiresAt: number;
}

const recentItem = (marker: DuplicateMarker) => ({ ...recentKey(marker.hash), expiresAt: marker.expiresAt });

const UNLOCKED = 'attribute_not_exists(#locked) OR #locked = :false';

/** Fails its `post` label when a moderator has locked the thread. */
const unlockedCheck = (post: string): LabelledItem => ({
  label: 'post',
  item: {
    ConditionCheck: {
      TableName: tableName(),
      Key: postKey(post),
      ConditionExpression: UNLOCKED,
      ExpressionAttributeNames: { '#locked': 'locked' },
      ExpressionAttributeValues: { ':false': false },
    },
  },
});

/**
 * Writes a decided change to a comment, guarded by the version it was read at, with its counter
 * moves, audit entry, rate charge and duplicate marker in the same transaction. A lost race fails
 * the `comment` label; the caller re-reads and decides again. With `unlessLocked` it fails the
 * `post` label when the thread is locked.
 */
export const writeTransition = (
  change: Transition,
  options: { audit?: AuditEntry; rate?: RateCharge; unlessLocked?: boolean; recent?: DuplicateMarker } = {},
): Promise<TransactResult> => {
  const { post } = change.next;
  // The post item is written at most once: with its counter moves, the name an approval gives it,
  // and (for an author's change) the lock condition; without a move, the lock is a ConditionCheck.
  const postMove = change.counters.find((m) => m.counter === 'post' && m.key === post);
  const writesPost = change.counters.some((m) => m.counter !== 'author' && m.key === post);
  const meta: PostChange = postMove && postMove.delta > 0 ? metaOnApproval(change.next) : {};
  const lock: PostChange = options.unlessLocked ? { values: { ':false': false }, condition: UNLOCKED } : {};
  const postChange: PostChange = { ...meta, ...lock, values: { ...meta.values, ...lock.values } };
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
    ...counterItems(change.counters, writesPost ? { key: post, change: postChange } : undefined),
  ];
  if (options.unlessLocked && !writesPost) items.push(unlockedCheck(post));
  if (options.recent)
    items.push({ label: 'recent', item: { Put: { TableName: tableName(), Item: recentItem(options.recent) } } });
  if (options.audit) items.push(auditPut(options.audit));
  if (options.rate) items.push(chargeRate(options.rate));
  return transact(items);
};

/**
 * What an erasure removes besides the comment, decided from what was read with it: the request's
 * idempotency record and duplicate marker, the author's trust record when it would count nothing,
 * and the post's title and URL when this comment set them.
 */
export interface ErasureTraces {
  /** The request's idempotency record is replaced by one that links to nothing, so a replay still answers 404. */
  readonly idempotency: { readonly keyHash: string; readonly expiresAt: number } | null;
  readonly recentHash: string | null;
  /** The author record's count as read; it is deleted (conditional on that count) when the erasure leaves it at zero. */
  readonly author: { readonly key: string; readonly countRead: number } | null;
  readonly postMeta: { readonly title: boolean; readonly url: boolean };
}

/**
 * Writes a decided erasure: the tombstone in the comment's place, or no item at all, and every
 * trace of the comment elsewhere, in one transaction. The post and author items are conditional on
 * what was read: a change in between fails `post` or `author`, and the caller re-reads.
 */
export const writeErasure = (erasure: Erasure, audit: AuditEntry, traces: ErasureTraces): Promise<TransactResult> => {
  const guard = { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': erasure.readVersion } };
  const { remains } = erasure;
  const authorMove = erasure.counters.find((m) => m.counter === 'author')?.delta ?? 0;
  const dropAuthor = traces.author !== null && traces.author.countRead + authorMove <= 0;
  const takeBack = traces.postMeta.title || traces.postMeta.url;
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
    ...counterItems(
      erasure.counters.filter((m) => m.counter !== 'author' || !dropAuthor),
      takeBack ? { key: erasure.post, change: metaTakenBack(erasure.id, traces.postMeta) } : undefined,
    ),
  ];
  if (dropAuthor && traces.author) {
    items.push({
      label: 'author',
      item: {
        Delete: {
          TableName: tableName(),
          Key: authorKey(traces.author.key),
          ConditionExpression: 'attribute_not_exists(pk) OR approvedCount = :read',
          ExpressionAttributeValues: { ':read': traces.author.countRead },
        },
      },
    });
  }
  if (traces.idempotency) {
    const { keyHash, expiresAt } = traces.idempotency;
    items.push({
      label: 'idempotency',
      item: { Put: { TableName: tableName(), Item: { ...idempotencyKey(keyHash), erased: true, expiresAt } } },
    });
  }
  if (traces.recentHash)
    items.push({ label: 'recent', item: { Delete: { TableName: tableName(), Key: recentKey(traces.recentHash) } } });
  return transact(items);
};
