/**
 * Conditional markers that make sends and link uses happen once: a redelivered stream record finds
 * its marker and sends nothing; a used link finds its nonce. Markers expire by TTL.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, guarded, tableName } from './client';
import { sendMarkerKey, usedTokenKey } from './notification-keys';

const claim = async (item: Record<string, unknown>): Promise<boolean> => {
  try {
    await guarded(() =>
      db().send(
        new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      ),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/** True when this caller may send; false when a send under the same key was already claimed. */
export const claimSend = (dedupeKey: string, nowSeconds: number, ttlSeconds = 14 * 24 * 3600): Promise<boolean> =>
  claim({ ...sendMarkerKey(dedupeKey), type: 'sendMarker', expiresAt: nowSeconds + ttlSeconds });

/** Gives a claim back after a failed send, so the retry may send. */
export const releaseSend = async (dedupeKey: string): Promise<void> => {
  await guarded(() => db().send(new DeleteCommand({ TableName: tableName(), Key: sendMarkerKey(dedupeKey) })));
};

/** True the first time a link's nonce is used; the marker lives until the link would expire anyway. */
export const useTokenOnce = (nonce: string, expiresAtSeconds: number): Promise<boolean> =>
  claim({ ...usedTokenKey(nonce), type: 'usedToken', expiresAt: expiresAtSeconds });
