/**
 * The global budget of confirmation mails: one counter per clock hour and one per UTC day, each
 * taken by a conditional ADD, so concurrent requests can never pass the limit. Refused requests
 * are counted per day.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, guarded, tableName } from './client';
import { budgetKey } from './notification-keys';

const take = async (key: ReturnType<typeof budgetKey>, max: number, expiresAt: number): Promise<boolean> => {
  // A limit of 0 refuses everything (the condition below would let a first request through).
  if (max <= 0) return false;
  try {
    await guarded(() =>
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: key,
          UpdateExpression: 'ADD used :one SET expiresAt = :exp',
          ConditionExpression: 'attribute_not_exists(used) OR used < :max',
          ExpressionAttributeValues: { ':one': 1, ':max': max, ':exp': expiresAt },
        }),
      ),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
};

/** True when a confirmation mail may go out now; false (and counted as dropped) past either limit. */
export const takeConfirmationBudget = async (
  now: Date,
  limits: { readonly perHour: number; readonly perDay: number },
): Promise<boolean> => {
  const iso = now.toISOString();
  const hour = iso.slice(0, 13);
  const day = iso.slice(0, 10);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const ok =
    (await take(budgetKey('confirm', 'hour', hour), limits.perHour, nowSeconds + 2 * 3600)) &&
    (await take(budgetKey('confirm', 'day', day), limits.perDay, nowSeconds + 2 * 86400));
  if (!ok) await take(budgetKey('confirm-dropped', 'day', day), Number.MAX_SAFE_INTEGER, nowSeconds + 30 * 86400);
  return ok;
};
