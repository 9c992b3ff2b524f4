import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, guarded, storeUnavailable } from './client';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The items a comment write may hold; a failed condition is reported by its item's label. */
export type TransactLabel =
  | 'comment'
  | 'post'
  | 'rate'
  | 'idempotency'
  | 'parent'
  | 'recent'
  | 'author'
  | 'audit'
  | 'block'
  | 'reaction'
  | 'site'
  | 'expired'
  | 'subscriber';

export interface LabelledItem {
  /** Names the item in the result when its condition fails. */
  readonly label: TransactLabel;
  readonly item: TransactItem;
}

export type TransactResult =
  { readonly ok: true } | { readonly ok: false; readonly failed: ReadonlySet<TransactLabel> };

/**
 * Conflicts come in bursts (a hundred approvals moving one post's counter at once), so the retries
 * back off exponentially with full jitter, spreading the contenders out; at most about 2.5 s in all.
 */
const MAX_ATTEMPTS = 8;
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(640, 20 * 2 ** attempt)));

/**
 * One all-or-nothing write. Failed conditions are reported by label, for the caller to decide
 * what they mean; a transaction cancelled by a conflicting concurrent transaction is retried a few
 * times (safe: every item is conditional or commutative), then reported as 503.
 */
export const transact = async (items: readonly LabelledItem[]): Promise<TransactResult> => {
  for (let attempt = 0; ; attempt++) {
    try {
      await guarded(() => db().send(new TransactWriteCommand({ TransactItems: items.map((i) => i.item) })));
      return { ok: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = new Set(items.filter((_, i) => reasons[i]?.Code === 'ConditionalCheckFailed').map((i) => i.label));
      if (failed.size > 0) return { ok: false, failed };
      const conflict = reasons.some((r) => r.Code === 'TransactionConflict');
      if (!conflict || attempt + 1 >= MAX_ATTEMPTS) throw storeUnavailable();
      await pause(attempt);
    }
  }
};
