/**
 * The newest-first listings: the moderators' queues (keys from a sparse index, then the full items)
 * and the public feeds (public fields only, from their own sparse indexes).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CommentRecord } from '../domain/comment';
import { db, guarded, tableName } from './client';
import { fromItem } from './comment-items';
import { commentKey, FEED_PARTITION, postQueuePartition } from './item-keys';
import { batchGet } from './reads';
import { INDEXES, type IndexDefinition } from './table-definition';

type Item = Record<string, unknown>;

const queryNewest = async (
  index: IndexDefinition,
  partition: string,
  limit: number,
  continueFrom: Record<string, unknown> | undefined,
) => {
  const out = await guarded(() =>
    db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: continueFrom,
      }),
    ),
  );
  return { items: out.Items ?? [], continueFrom: out.LastEvaluatedKey };
};

export interface QueuePage {
  readonly comments: CommentRecord[];
  readonly continueFrom: Record<string, unknown> | undefined;
}

/**
 * A moderator's page of one status, newest first: the keys from a sparse index (approved comments
 * from the feed indexes, the others from the queues), then the full items in one BatchGetItem. An
 * item erased between the two reads is left out.
 */
export const queryByStatus = async (args: {
  status: string;
  post?: string;
  limit: number;
  continueFrom?: Record<string, unknown>;
}): Promise<QueuePage> => {
  const approved = args.status === 'approved';
  const index = approved
    ? args.post
      ? INDEXES.postFeed
      : INDEXES.feed
    : args.post
      ? INDEXES.postQueue
      : INDEXES.queue;
  const partition = approved
    ? (args.post ?? FEED_PARTITION)
    : args.post
      ? postQueuePartition(args.post, args.status)
      : args.status;
  const page = await queryNewest(index, partition, args.limit, args.continueFrom);
  const ids = page.items.map((item) => String(item.pk).slice('COMMENT#'.length));
  const found = ids.length > 0 ? await batchGet(ids.map(commentKey), { consistent: false }) : new Map<string, Item>();
  const comments = ids.flatMap((id) => {
    const item = found.get(commentKey(id).pk);
    return item ? [fromItem(item)] : [];
  });
  return { comments, continueFrom: page.continueFrom };
};

/** What a feed entry shows of a comment (the feed indexes project nothing else). */
export interface FeedComment {
  readonly id: string;
  readonly post: string;
  readonly authorName: string | null;
  readonly html: string;
  readonly createdAt: string;
  readonly editedAt: string | null;
}

/**
 * The `size` newest approved comments of a post or of the site. A Query page stops at 1 MB, so the
 * read continues until it has `size` entries or the index has no more.
 */
export const queryFeed = async (post: string | undefined, size: number): Promise<FeedComment[]> => {
  const index = post ? INDEXES.postFeed : INDEXES.feed;
  const entries: FeedComment[] = [];
  let continueFrom: Record<string, unknown> | undefined;
  do {
    const page = await queryNewest(index, post ?? FEED_PARTITION, size - entries.length, continueFrom);
    for (const item of page.items)
      entries.push({
        id: String(item.id),
        post: String(item.post),
        authorName: typeof item.authorName === 'string' ? item.authorName : null,
        html: typeof item.html === 'string' ? item.html : '',
        createdAt: String(item.createdAt),
        editedAt: typeof item.editedAt === 'string' ? item.editedAt : null,
      });
    continueFrom = page.continueFrom;
  } while (continueFrom && entries.length < size);
  return entries;
};
