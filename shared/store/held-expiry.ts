/**
 * DynamoDB's TTL deleted a held comment: its post holds one fewer. The count and a marker naming
 * the comment are written in one transaction, the marker only if absent, so a stream record
 * delivered twice takes the comment off the count once. The marker outlives the stream's 24 hours.
 */
import { tableName } from './client';
import { expiredKey } from './item-keys';
import { postUpdate } from './post-item';
import { transact } from './transact';

const MARKER_SECONDS = 2 * 86_400;

/** Resolves true when this call counted the expiry, false when an earlier delivery already had. */
export const countHeldExpiry = async (comment: { id: string; post: string }, nowSeconds: number): Promise<boolean> => {
  const outcome = await transact([
    postUpdate(comment.post, 0, { held: { delta: -1 } }),
    {
      label: 'expired',
      item: {
        Put: {
          TableName: tableName(),
          Item: { ...expiredKey(comment.id), expiresAt: nowSeconds + MARKER_SECONDS },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
  ]);
  if (outcome.ok) return true;
  if (outcome.failed.has('expired')) return false;
  throw new Error(`held expiry of ${comment.id}: unexpected failed condition`);
};
