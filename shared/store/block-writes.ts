import type { AuditEntry } from '../domain/audit';
import type { Block, BlockTarget } from '../domain/block';
import { tableName } from './client';
import { auditPut } from './comment-writes';
import { blockKey } from './item-keys';
import { transact, type TransactResult } from './transact';

/** Stores (or renews) a block with its audit entry; the table's TTL deletes it after `expiresAt`. */
export const writeBlock = (block: Block, audit: AuditEntry): Promise<TransactResult> =>
  transact([
    {
      label: 'block',
      item: {
        Put: {
          TableName: tableName(),
          Item: {
            ...blockKey(block.target, block.hash),
            type: 'block',
            until: block.until,
            reason: block.reason,
            expiresAt: block.expiresAt,
          },
        },
      },
    },
    auditPut(audit),
  ]);

/** Lifts a live block with its audit entry; the `block` label fails when there is none to lift. */
export const deleteBlock = (target: BlockTarget, hash: string, audit: AuditEntry, now: number) =>
  transact([
    {
      label: 'block',
      item: {
        Delete: {
          TableName: tableName(),
          Key: blockKey(target, hash),
          ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
          ExpressionAttributeValues: { ':now': now },
        },
      },
    },
    auditPut(audit),
  ]);
