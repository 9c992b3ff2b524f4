/** A reader's comments by their author key (the `author` index), and the audit entries of their own requests. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../domain/audit';
import { db, guarded, tableName } from './client';
import { auditPut } from './post-item';
import { chargeRate, type RateCharge } from './rate-window';
import { INDEXES } from './table-definition';
import { transact } from './transact';

/** Up to `limit` comment ids, oldest first. The index is eventually consistent: callers re-read each comment. */
export const authorCommentIds = async (authorKey: string, limit: number): Promise<string[]> => {
  const { Items } = await guarded(() =>
    db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: INDEXES.author.indexName,
        KeyConditionExpression: 'emailKey = :key',
        ExpressionAttributeValues: { ':key': authorKey },
        Limit: limit,
      }),
    ),
  );
  return (Items ?? []).map((item) => String(item.id));
};

/**
 * The audit entry of a reader's own request, charged to the client's rate window in the same
 * transaction: false, with nothing written, when the window is full.
 */
export const writeChargedAudit = async (entry: AuditEntry, rate: RateCharge): Promise<boolean> =>
  (await transact([auditPut(entry), chargeRate(rate)])).ok;
