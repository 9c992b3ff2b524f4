/**
 * Moderator digests: an entry per (moderator, comment change) waits in the moderator's partition;
 * the window item makes at most one digest per moderator per window (a conditional update claims
 * it). Entries are marked sent, not deleted, so a redelivered change cannot queue them again.
 */
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, guarded, tableName } from './client';
import { digestEntryKey, digestPartition, digestWindowKey, moderatorPrefsKey } from './notification-keys';

const ENTRY_TTL_SECONDS = 8 * 24 * 3600;

const conditionFailed = (error: unknown): boolean =>
  (error as { name?: string }).name === 'ConditionalCheckFailedException';

export interface DigestEntryRef {
  readonly commentId: string;
  readonly version: number;
}

/** Queues a comment change for a moderator; false when it was queued (or sent) before. */
export const addDigestEntry = async (
  moderatorId: string,
  ref: DigestEntryRef,
  nowSeconds: number,
): Promise<boolean> => {
  try {
    await guarded(() =>
      db().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...digestEntryKey(moderatorId, ref.commentId, ref.version),
            type: 'digestEntry',
            commentId: ref.commentId,
            version: ref.version,
            queuedAt: nowSeconds,
            expiresAt: nowSeconds + ENTRY_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
};

export const unsentDigestEntries = async (moderatorId: string): Promise<DigestEntryRef[]> => {
  const { Items } = await guarded(() =>
    db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
        FilterExpression: 'attribute_not_exists(sentAt)',
        ExpressionAttributeValues: { ':pk': digestPartition(moderatorId), ':entry': 'ENTRY#' },
        ConsistentRead: true,
      }),
    ),
  );
  return (Items ?? []).map((item) => ({ commentId: String(item.commentId), version: Number(item.version) }));
};

export const markDigestEntriesSent = async (
  moderatorId: string,
  refs: readonly DigestEntryRef[],
  nowSeconds: number,
): Promise<void> => {
  for (const ref of refs) {
    await guarded(() =>
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: digestEntryKey(moderatorId, ref.commentId, ref.version),
          UpdateExpression: 'SET sentAt = :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      ),
    );
  }
};

/**
 * Claims the moderator's digest window when the last digest is at least `windowSeconds` old.
 * Returns the claim's time (pass it to `releaseDigestWindow` if nothing was sent), or null.
 */
export const claimDigestWindow = async (
  moderatorId: string,
  nowMillis: number,
  windowSeconds: number,
): Promise<{ readonly claimedAt: number; readonly previous: number | null } | null> => {
  try {
    const { Attributes } = await guarded(() =>
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: digestWindowKey(moderatorId),
          UpdateExpression: 'SET #type = :type, sentAt = :now',
          ConditionExpression: 'attribute_not_exists(sentAt) OR sentAt <= :cutoff',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':type': 'digestWindow',
            ':now': nowMillis,
            ':cutoff': nowMillis - windowSeconds * 1000,
          },
          ReturnValues: 'UPDATED_OLD',
        }),
      ),
    );
    return { claimedAt: nowMillis, previous: typeof Attributes?.sentAt === 'number' ? Attributes.sentAt : null };
  } catch (error) {
    if (conditionFailed(error)) return null;
    throw error;
  }
};

/** Undoes a claim that sent nothing (no entries, or the send failed), unless another claim followed. */
export const releaseDigestWindow = async (
  moderatorId: string,
  claim: { readonly claimedAt: number; readonly previous: number | null },
): Promise<void> => {
  try {
    await guarded(() =>
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: digestWindowKey(moderatorId),
          UpdateExpression: claim.previous === null ? 'REMOVE sentAt' : 'SET sentAt = :previous',
          ConditionExpression: 'sentAt = :claimed',
          ExpressionAttributeValues: {
            ':claimed': claim.claimedAt,
            ...(claim.previous === null ? {} : { ':previous': claim.previous }),
          },
        }),
      ),
    );
  } catch (error) {
    if (!conditionFailed(error)) throw error;
  }
};

export type ModeratorMailMode = 'digest' | 'off';

/** A moderator's console setting; every moderator gets digests until they choose otherwise. */
export const getModeratorMailMode = async (moderatorId: string): Promise<ModeratorMailMode> => {
  const { Items } = await guarded(() =>
    db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': moderatorPrefsKey(moderatorId).pk },
      }),
    ),
  );
  return Items?.[0]?.mode === 'off' ? 'off' : 'digest';
};

export const setModeratorMailMode = async (
  moderatorId: string,
  mode: ModeratorMailMode,
  now: string,
): Promise<void> => {
  await guarded(() =>
    db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...moderatorPrefsKey(moderatorId), type: 'moderatorPrefs', mode, updatedAt: now },
      }),
    ),
  );
};
