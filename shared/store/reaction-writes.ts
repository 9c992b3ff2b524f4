import type { AuditEntry } from '../domain/audit';
import { countAttribute, type ReactionKind } from '../domain/reactions';
import { tableName } from './client';
import { auditPut, chargeRate, type RateCharge } from './comment-writes';
import { commentKey, postKey, reactionKey } from './item-keys';
import { postUpdate } from './post-item';
import { transact, type LabelledItem, type TransactResult } from './transact';

export interface ReactionWrite {
  readonly commentId: string;
  readonly post: string;
  readonly kind: ReactionKind;
  readonly readerHash: string;
  /** true: add the reader's reaction; false: take it back. */
  readonly on: boolean;
  readonly rate: RateCharge;
  readonly at: string;
}

/**
 * One reaction toggle as one transaction: the reader's marker item is created (or deleted) only if
 * it was absent (or present), and the comment's count moves by one in the same write, so a retry,
 * a double click or two concurrent requests move the count once. The comment must be approved and
 * of this post, the post must not have reactions turned off, and the write is charged to the
 * client's rate window. Failed labels: `reaction` (already so), `comment`, `post`, `rate`.
 */
export const writeReaction = (w: ReactionWrite): Promise<TransactResult> => {
  const marker = reactionKey(w.commentId, w.readerHash, w.kind);
  const items: LabelledItem[] = [
    w.on
      ? {
          label: 'reaction',
          item: {
            Put: {
              TableName: tableName(),
              Item: { ...marker, type: 'reaction', commentId: w.commentId, post: w.post, at: w.at },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        }
      : {
          label: 'reaction',
          item: { Delete: { TableName: tableName(), Key: marker, ConditionExpression: 'attribute_exists(pk)' } },
        },
    {
      label: 'comment',
      item: {
        Update: {
          TableName: tableName(),
          Key: commentKey(w.commentId),
          // `version` moves too: a whole-item write decided before this one must not restore the old count.
          UpdateExpression: 'ADD #count :delta, #version :one',
          ConditionExpression: '#status = :approved AND #post = :post',
          ExpressionAttributeNames: {
            '#count': countAttribute(w.kind),
            '#version': 'version',
            '#status': 'status',
            '#post': 'post',
          },
          ExpressionAttributeValues: { ':delta': w.on ? 1 : -1, ':one': 1, ':approved': 'approved', ':post': w.post },
        },
      },
    },
    {
      label: 'post',
      item: {
        ConditionCheck: {
          TableName: tableName(),
          Key: postKey(w.post),
          ConditionExpression: 'attribute_not_exists(reactionsOff) OR reactionsOff = :false',
          ExpressionAttributeValues: { ':false': false },
        },
      },
    },
    chargeRate(w.rate),
  ];
  return transact(items);
};

/** Turns reactions off (or back on) for one post; also puts the post's item where the thread index finds it. */
export const setPostReactions = (post: string, enabled: boolean, audit: AuditEntry): Promise<TransactResult> =>
  transact([postUpdate(post, 0, { set: ', reactionsOff = :off', values: { ':off': !enabled } }), auditPut(audit)]);
