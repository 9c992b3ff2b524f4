import type { BlockTarget } from '../domain/block';
import { tableName } from './client';
import { blockKey } from './item-keys';
import type { LabelledItem } from './transact';

/**
 * The post transaction's check that neither the client nor the author is blocked: a
 * ConditionCheck per key (no extra request; a live block fails the `block` label).
 */
export const notBlocked = (keys: ReadonlyArray<{ target: BlockTarget; hash: string }>, now: number): LabelledItem[] =>
  keys.map(({ target, hash }) => ({
    label: 'block',
    item: {
      ConditionCheck: {
        TableName: tableName(),
        Key: blockKey(target, hash),
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
        ExpressionAttributeValues: { ':now': now },
      },
    },
  }));
