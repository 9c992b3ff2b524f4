/**
 * A client's write rate window (`RATE#<keyed hash of its address>#<window start>`): one fixed
 * window of `max` writes, shared by every anonymous write (comments, reactions, a reader's
 * notification requests). A write charges it inside its own transaction (`chargeRate`), so a
 * refused write changes nothing.
 */
import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, guarded } from './client';
import { rateKey } from './item-keys';
import { update } from './post-item';
import type { LabelledItem, TransactLabel } from './transact';

export interface RateCharge {
  readonly clientHash: string;
  readonly windowStart: number;
  readonly max: number;
  readonly expiresAt: number;
}

/**
 * Adds one to a counter that expires (a rate window, a day's count of held comments); fails its
 * condition, under `label`, when the counter already holds `max`.
 */
export const chargeCappedCounter = (
  label: TransactLabel,
  key: Record<string, string>,
  counter: string,
  max: number,
  expiresAt: number,
): LabelledItem =>
  update(
    label,
    key,
    'ADD #count :one SET #exp = if_not_exists(#exp, :exp)',
    { ':one': 1, ':max': max, ':exp': expiresAt },
    {
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
      names: { '#count': counter, '#exp': 'expiresAt' },
    },
  );

/** Charges one write to the client's rate window; fails its condition when the window is full. */
export const chargeRate = (rate: RateCharge): LabelledItem =>
  chargeCappedCounter('rate', rateKey(rate.clientHash, rate.windowStart), 'hits', rate.max, rate.expiresAt);

/**
 * Charges the window on its own, for a request whose own writes depend on what it finds (a known
 * address, the comments a link reaches): charging first, alike for every request, keeps the refusal
 * from depending on those. True when the window had room; false, with nothing written, when full.
 */
export const takeRate = async (rate: RateCharge): Promise<boolean> => {
  const { Update } = chargeRate(rate).item;
  try {
    await guarded(() => db().send(new UpdateCommand(Update as UpdateCommandInput)));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
};
