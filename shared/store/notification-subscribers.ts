/**
 * Readers' notification addresses: pending until the confirmation link's POST, then confirmed,
 * stopped by an unsubscribe, a bounce or a complaint (with the reason). The address itself is
 * stored only here.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SubscriberState } from '../domain/notifications/stream-change';
import { db, guarded, tableName } from './client';
import { chargeRate, type RateCharge } from './rate-window';
import { subscriberKey } from './notification-keys';
import { transact } from './transact';

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

/** A write charged to the client's rate window was refused: the window is full, and nothing was written. */
export const RATE_LIMITED = 'rate-limited';

/** Records a pending address; a confirmed or stopped one keeps its state (a new request never re-opens a bounce). */
const requestUpdate = (emailHash: string, email: string, now: string) => ({
  TableName: tableName(),
  Key: subscriberKey(emailHash),
  UpdateExpression: 'SET #type = :type, email = :email, #state = if_not_exists(#state, :pending), updatedAt = :now',
  ExpressionAttributeNames: { '#type': 'type', '#state': 'state' },
  ExpressionAttributeValues: { ':type': 'subscriber', ':email': email, ':pending': 'pending', ':now': now },
});

/**
 * Records a pending address and answers its state. With `rate` (a reader's own request) the write
 * is charged to the client's rate window in the same transaction; the record is written whatever
 * the address, so a full window is refused alike for every address.
 */
export const requestSubscriber = async (
  emailHash: string,
  email: string,
  now: string,
  rate?: RateCharge,
): Promise<SubscriberState | typeof RATE_LIMITED> => {
  const update = requestUpdate(emailHash, email, now);
  if (!rate) {
    const { Attributes } = await guarded(() => db().send(new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' })));
    return Attributes?.state as SubscriberState;
  }
  const outcome = await transact([{ label: 'subscriber', item: { Update: update } }, chargeRate(rate)]);
  // Only the rate window has a condition.
  if (!outcome.ok) return RATE_LIMITED;
  // A transaction answers no values: the state is read back, consistently.
  return (await getSubscriber(emailHash))?.state ?? 'pending';
};

const stateUpdate = (
  emailHash: string,
  state: SubscriberState,
  now: string,
  reason: string | null,
  condition: string,
) => ({
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
});

/**
 * pending → confirmed, charged to the client's rate window in the same transaction; `unknown` when
 * the address is unknown or no longer pending (nothing written, nothing charged). When both fail,
 * the full window is answered (a cancelled transaction reports every failed condition), so the
 * refusal says nothing about the address.
 */
export const confirmSubscriber = async (
  emailHash: string,
  now: string,
  rate: RateCharge,
): Promise<'done' | 'unknown' | typeof RATE_LIMITED> => {
  const update = stateUpdate(emailHash, 'confirmed', now, null, '#state = :pending');
  const outcome = await transact([{ label: 'subscriber', item: { Update: update } }, chargeRate(rate)]);
  if (outcome.ok) return 'done';
  return outcome.failed.has('rate') ? RATE_LIMITED : 'unknown';
};

/** Any state → stopped, with why (`unsubscribed`, `bounce:Permanent`, `complaint`...); false when unknown. */
export const stopSubscriber = async (emailHash: string, now: string, reason: string): Promise<boolean> => {
  try {
    await guarded(() =>
      db().send(new UpdateCommand(stateUpdate(emailHash, 'stopped', now, reason, 'attribute_exists(pk)'))),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
};
