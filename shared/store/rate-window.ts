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
import type { LabelledItem } from './transact';

export interface RateCharge {
  readonly clientHash: string;
  readonly windowStart: number;
  readonly max: number;
  readonly expiresAt: number;
}

/** Charges one write to the client's rate window; fails its condition when the window is full. */
export const chargeRate = (rate: RateCharge): LabelledItem =>
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
