/**
 * Parley's single DynamoDB table: keys, secondary indexes and TTL attribute. The CDK stack
 * (TableV2) and the local table creation both read this, so they cannot disagree.
 * The access patterns behind each key are in the README's design notes.
 */
export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** `ALL` copies every attribute; a list copies only those non-key attributes (INCLUDE). */
  readonly projection: 'ALL' | readonly string[];
}

export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** Epoch seconds after which DynamoDB deletes short-lived items (rate windows, idempotency records, duplicate markers). */
export const TTL_ATTRIBUTE = 'expiresAt';

/** What a thread page shows, plus the post's counter and lock flag. */
const THREAD_PROJECTION = [
  'id',
  'post',
  'parentId',
  'depth',
  'status',
  'authorName',
  'authorRole',
  'authorWebsite',
  'avatar',
  'html',
  'createdAt',
  'editedAt',
  'total',
  'locked',
];

export const INDEXES = {
  /**
   * A post's public thread. Only comments that were ever approved carry these keys; the sort key is
   * the comment's path (`root#child#...`), so a top-level comment and all its replies are contiguous.
   * The post's own item (counter, lock) sits first in the partition under sort key `!`, so the first
   * page of a thread reads the counter in the same Query. Personal data (email, IP hash, raw Markdown)
   * is never projected.
   */
  thread: {
    indexName: 'thread',
    partitionKey: 'threadPk',
    sortKey: 'threadSk',
    projection: THREAD_PROJECTION,
  },
  /** The same thread with the newest top-level comments first; replies stay oldest first under each. */
  threadNewest: {
    indexName: 'threadNewest',
    partitionKey: 'threadPk',
    sortKey: 'threadNewestSk',
    projection: THREAD_PROJECTION,
  },
  /** Site-wide moderation queue and site feed: partition = status, sort = `createdAt#id` (newest first when read backwards). */
  queue: { indexName: 'queue', partitionKey: 'queuePk', sortKey: 'queueSk', projection: 'ALL' },
  /** One post's moderation queue and feed: partition = `post#status`, same sort key. */
  postQueue: { indexName: 'postQueue', partitionKey: 'postQueuePk', sortKey: 'queueSk', projection: 'ALL' },
} as const satisfies Record<string, IndexDefinition>;

export const ALL_INDEXES: readonly IndexDefinition[] = Object.values(INDEXES);
