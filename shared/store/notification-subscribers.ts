/**
 * Readers' notification addresses: pending until the confirmation link's POST, then confirmed,
 * stopped by an unsubscribe, a bounce or a complaint (with the reason). The address itself is
 * stored only here.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SubscriberState } from '../domain/notifications/stream-change';
import { db, guarded, tableName } from './client';
import { subscriberKey } from './notification-keys';

export interface Subscriber {
  readonly emailHash: string;
  readonly email: string;
  readonly state: SubscriberState;
  readonly stoppedReason: string | null;
  readonly updatedAt: string;
}

export const getSubscriber = async (emailHash: string): Promise<Subscriber | undefined> => {
  const { Item } = await guarded(() =>
    db().send(new GetCommand({ TableName: tableName(), Key: subscriberKey(emailHash), ConsistentRead: true })),
  );
  if (!Item) return undefined;
  return {
    emailHash,
    email: String(Item.email),
    state: Item.state as SubscriberState,
    stoppedReason: typeof Item.stoppedReason === 'string' ? Item.stoppedReason : null,
    updatedAt: String(Item.updatedAt),
  };
};

/** Records a pending address; a confirmed or stopped one keeps its state (a new request never re-opens a bounce). */
export const requestSubscriber = async (emailHash: string, email: string, now: string): Promise<SubscriberState> => {
  const { Attributes } = await guarded(() =>
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: subscriberKey(emailHash),
        UpdateExpression:
          'SET #type = :type, email = :email, #state = if_not_exists(#state, :pending), updatedAt = :now',
        ExpressionAttributeNames: { '#type': 'type', '#state': 'state' },
        ExpressionAttributeValues: { ':type': 'subscriber', ':email': email, ':pending': 'pending', ':now': now },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  return Attributes?.state as SubscriberState;
};

const setState = async (
  emailHash: string,
  state: SubscriberState,
  now: string,
  reason: string | null,
  condition: string,
): Promise<boolean> => {
  try {
    await guarded(() =>
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: subscriberKey(emailHash),
          UpdateExpression: 'SET #state = :state, updatedAt = :now, stoppedReason = :reason',
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':state': state,
            ':now': now,
            ':reason': reason,
            ...(condition.includes(':pending') ? { ':pending': 'pending' } : {}),
          },
        }),
      ),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
};

/** pending → confirmed; false when the address is unknown or no longer pending. */
export const confirmSubscriber = (emailHash: string, now: string): Promise<boolean> =>
  setState(emailHash, 'confirmed', now, null, '#state = :pending');

/** Any state → stopped, with why (`unsubscribed`, `bounce:Permanent`, `complaint`...); false when unknown. */
export const stopSubscriber = (emailHash: string, now: string, reason: string): Promise<boolean> =>
  setState(emailHash, 'stopped', now, reason, 'attribute_exists(pk)');
