/** A reader's comments by their author key (the `author` index), and the audit entries of their own requests. */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../domain/audit';
import { db, guarded, tableName } from './client';
import { auditKey } from './item-keys';
import { INDEXES } from './table-definition';

/** Up to `limit` comment ids, oldest first. The index is eventually consistent: callers re-read each comment. */
export const authorCommentIds = async (authorKey: string, limit: number): Promise<string[]> => {
  const { Items } = await guarded(() =>
    db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: INDEXES.author.indexName,
        KeyConditionExpression: 'authorPk = :key',
        ExpressionAttributeValues: { ':key': authorKey },
        Limit: limit,
      }),
    ),
  );
  return (Items ?? []).map((item) => String(item.id));
};

export const writeAudit = async (entry: AuditEntry): Promise<void> => {
  await guarded(() =>
    db().send(new PutCommand({ TableName: tableName(), Item: { ...auditKey(entry.id), type: 'audit', ...entry } })),
  );
};
