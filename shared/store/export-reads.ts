/**
 * Reads for `npm run export`: one paginated Scan of the whole table, keeping posts and comments
 * (rate windows, idempotency records, duplicate markers and author counters are derived or
 * short-lived, and are not part of an export).
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { CommentRecord } from '../domain/comment';
import type { ExportedPost } from '../migration/parley-export';
import { tableName } from './client';
import { fromItem } from './comment-items';
import { importDb } from './import-writes';

export const readEverything = async (): Promise<{ posts: ExportedPost[]; comments: CommentRecord[] }> => {
  const posts: ExportedPost[] = [];
  const comments: CommentRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await importDb().send(
      new ScanCommand({ TableName: tableName(), ConsistentRead: true, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) {
      const pk = String(item.pk);
      if (item.sk === 'COMMENT' && pk.startsWith('COMMENT#')) comments.push(fromItem(item));
      else if (item.sk === 'POST' && pk.startsWith('POST#'))
        posts.push({
          id: pk.slice('POST#'.length),
          title: typeof item.title === 'string' ? item.title : null,
          url: typeof item.postUrl === 'string' ? item.postUrl : null,
          locked: item.locked === true,
          ...(item.reactionsOff === true ? { reactionsOff: true } : {}),
        });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { posts, comments };
};
