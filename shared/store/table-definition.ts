/**
 * Parley's single DynamoDB table: keys, secondary indexes and TTL attribute. The CDK stack
 * (TableV2) and the local table creation both read this, so they cannot disagree.
 * The access patterns behind each key are in the README's design notes.
 */
export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /**
   * `ALL` copies every attribute, `KEYS_ONLY` only the table's and the index's keys (the reader
   * fetches the items it needs with BatchGetItem); a list copies only those non-key attributes (INCLUDE).
   * Every projected byte is written again on each change, so an index carries only what its reader shows.
   */
  readonly projection: 'ALL' | 'KEYS_ONLY' | readonly string[];
}

export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/**
 * Epoch seconds after which DynamoDB deletes short-lived items: rate windows, idempotency records,
 * duplicate markers, and comments left pending or spam (never approved) for the retention period.
 */
export const TTL_ATTRIBUTE = 'expiresAt';

/** The table's change stream, read by the notifier (shared/notify/stream-filter.ts says which changes matter). */
export const STREAM_VIEW_TYPE = 'NEW_AND_OLD_IMAGES' as const;

/** What a thread page shows (with each reaction kind's count), plus the post's counter and flags. */
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
  'reactLike',
  'reactLove',
  'reactLaugh',
  'reactInsightful',
  'reactionsOff',
];

/** What an Atom entry shows of a comment: public fields only. */
const FEED_PROJECTION = ['id', 'post', 'authorName', 'html', 'createdAt', 'editedAt'];

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
  /**
   * Site-wide moderation queue of every status but approved: partition = status, sort = `createdAt#id`
   * (newest first when read backwards). Keys only: the console fetches the full items it lists with
   * BatchGetItem, so a large comment is not written again into the index on every change.
   */
  queue: { indexName: 'queue', partitionKey: 'queuePk', sortKey: 'queueSk', projection: 'KEYS_ONLY' },
  /** One post's moderation queue: partition = `post#status`, same sort key, keys only. */
  postQueue: { indexName: 'postQueue', partitionKey: 'postQueuePk', sortKey: 'queueSk', projection: 'KEYS_ONLY' },
  /**
   * The public site feed and the moderators' list of approved comments: only approved comments carry
   * `feedPk` (one partition, `approved`), sorted by `createdAt#id`. It projects only what an Atom
   * entry shows, never an email or IP hash, so the public feed function may read nothing else.
   */
  feed: { indexName: 'feed', partitionKey: 'feedPk', sortKey: 'queueSk', projection: FEED_PROJECTION },
  /** One post's feed: partition = the post id, same sort key and projection. */
  postFeed: { indexName: 'postFeed', partitionKey: 'postFeedPk', sortKey: 'queueSk', projection: FEED_PROJECTION },
  /**
   * A reader's own comments, for their data download and erasure (the my-data link): keyed by the
   * comment's own `emailKey`, so sparse (a comment without an address, or an erased one's tombstone,
   * stores none), and projecting the id alone, so reading it costs little and copies nothing personal.
   */
  author: { indexName: 'author', partitionKey: 'emailKey', sortKey: 'createdAt', projection: ['id'] },
} as const satisfies Record<string, IndexDefinition>;

export const ALL_INDEXES: readonly IndexDefinition[] = Object.values(INDEXES);
