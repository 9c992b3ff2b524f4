import { BatchGetCommand, GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../domain/audit';
import type { BlockTarget } from '../domain/block';
import type { CommentRecord } from '../domain/comment';
import { POST_ITEM_SORT_KEY, type ThreadOrder } from '../domain/thread-sort-keys';
import type { ThreadItem } from '../domain/thread-page';
import { countsOf } from '../domain/reactions';
import { db, guarded, storeUnavailable, tableName } from './client';
import { fromItem } from './comment-items';
import { AUDIT_PARTITION, authorKey, blockKey, commentKey, idempotencyKey, postKey, recentKey } from './item-keys';
import { INDEXES } from './table-definition';

type Item = Record<string, unknown>;
type Key = { pk: string; sk: string };

export const getComment = async (id: string): Promise<CommentRecord | undefined> => {
  const { Item } = await guarded(() =>
    db().send(new GetCommand({ TableName: tableName(), Key: commentKey(id), ConsistentRead: true })),
  );
  return Item ? fromItem(Item) : undefined;
};

/** Reads up to 100 keys in one BatchGetItem, retrying unprocessed keys a bounded number of times. */
export const batchGet = async (
  keys: readonly Key[],
  options: { consistent: boolean; projection?: string; names?: Record<string, string> },
): Promise<Map<string, Item>> => {
  const found = new Map<string, Item>();
  let pending: Key[] = [...new Map(keys.map((k) => [k.pk, k])).values()];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= 4) throw storeUnavailable();
    if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    const request = {
      Keys: pending,
      ConsistentRead: options.consistent,
      ...(options.projection
        ? { ProjectionExpression: options.projection, ExpressionAttributeNames: options.names }
        : {}),
    };
    const out = await guarded(() => db().send(new BatchGetCommand({ RequestItems: { [tableName()]: request } })));
    for (const item of out.Responses?.[tableName()] ?? []) found.set(String(item.pk), item);
    pending = (out.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Key[];
  }
  return found;
};

export interface IdempotencyRecord {
  /** Both null once the comment was erased: the key still answers, with 404, but links to nothing. */
  readonly requestHash: string | null;
  readonly commentId: string | null;
  readonly editableUntil: string;
}

/** TTL deletion lags by up to days: an expired record is treated as gone. */
const liveIdempotency = (item: Item | undefined): IdempotencyRecord | undefined =>
  item && Number(item.expiresAt) * 1000 > Date.now()
    ? {
        requestHash: typeof item.requestHash === 'string' ? item.requestHash : null,
        commentId: typeof item.commentId === 'string' ? item.commentId : null,
        editableUntil: String(item.editableUntil),
      }
    : undefined;

export interface PostPrefetch {
  readonly parent: CommentRecord | undefined;
  readonly idempotency: IdempotencyRecord | undefined;
  readonly recentUntil: number | undefined;
  readonly authorApprovedCount: number;
  /** A moderator's block of the client or the author is in force. */
  readonly blocked: boolean;
}

/**
 * Everything a new comment must know before it is written, in one BatchGetItem. Blocks are read
 * here rather than checked inside the transaction: a ConditionCheck there costs two write units
 * per key, and a block placed a moment after this read applies from the sender's next comment.
 */
export const prefetchForPost = async (ids: {
  parentId?: string;
  idempotencyHash?: string;
  recentHash: string;
  authorHash?: string;
  blocks: ReadonlyArray<{ target: BlockTarget; hash: string }>;
  nowSeconds: number;
}): Promise<PostPrefetch> => {
  const keys: Key[] = [recentKey(ids.recentHash), ...ids.blocks.map((b) => blockKey(b.target, b.hash))];
  if (ids.parentId) keys.push(commentKey(ids.parentId));
  if (ids.idempotencyHash) keys.push(idempotencyKey(ids.idempotencyHash));
  if (ids.authorHash) keys.push(authorKey(ids.authorHash));
  const found = await batchGet(keys, { consistent: true });
  // TTL deletion lags: a block is in force only until its expiry.
  const blocked = ids.blocks.some((b) => Number(found.get(blockKey(b.target, b.hash).pk)?.expiresAt) > ids.nowSeconds);
  const parent = ids.parentId ? found.get(commentKey(ids.parentId).pk) : undefined;
  const recent = found.get(recentKey(ids.recentHash).pk);
  const author = ids.authorHash ? found.get(authorKey(ids.authorHash).pk) : undefined;
  return {
    parent: parent ? fromItem(parent) : undefined,
    idempotency: ids.idempotencyHash ? liveIdempotency(found.get(idempotencyKey(ids.idempotencyHash).pk)) : undefined,
    recentUntil: recent ? Number(recent.expiresAt) : undefined,
    authorApprovedCount: Number(author?.approvedCount ?? 0),
    blocked,
  };
};

export const getIdempotencyRecord = async (keyHash: string): Promise<IdempotencyRecord | undefined> => {
  const { Item } = await guarded(() =>
    db().send(new GetCommand({ TableName: tableName(), Key: idempotencyKey(keyHash), ConsistentRead: true })),
  );
  return liveIdempotency(Item);
};

export const getAuthorApprovedCount = async (authorHash: string): Promise<number> => {
  const { Item } = await guarded(() =>
    db().send(new GetCommand({ TableName: tableName(), Key: authorKey(authorHash), ConsistentRead: true })),
  );
  return Number(Item?.approvedCount ?? 0);
};

export interface PostState {
  readonly total: number;
  /** Comments waiting unapproved with an expiry (see `heldMoves`): what the per-post cap counts. */
  readonly held: number;
  readonly locked: boolean;
  /** A moderator turned reactions off on this post. */
  readonly reactionsOff: boolean;
  readonly title: string | null;
  readonly url: string | null;
  /** Who set the title and the URL: a comment id, or `moderator:<name>`. */
  readonly titleFrom: string | null;
  readonly urlFrom: string | null;
}

const toPostState = (item: Item | undefined): PostState => ({
  total: Number(item?.total ?? 0),
  held: Number(item?.held ?? 0),
  locked: item?.locked === true,
  reactionsOff: item?.reactionsOff === true,
  title: typeof item?.title === 'string' ? item.title : null,
  url: typeof item?.postUrl === 'string' ? item.postUrl : null,
  titleFrom: typeof item?.titleFrom === 'string' ? item.titleFrom : null,
  urlFrom: typeof item?.urlFrom === 'string' ? item.urlFrom : null,
});

export const getPost = async (post: string, consistent = false): Promise<PostState> => {
  const { Item } = await guarded(() =>
    db().send(new GetCommand({ TableName: tableName(), Key: postKey(post), ConsistentRead: consistent })),
  );
  return toPostState(Item);
};

/** The approved-comment counters (and titles) of up to 100 posts, in one BatchGetItem. */
export const getPosts = async (posts: readonly string[]): Promise<Map<string, PostState>> => {
  const found = await batchGet(posts.map(postKey), {
    consistent: false,
    projection: 'pk, #total, title, postUrl, locked',
    names: { '#total': 'total' },
  });
  return new Map(posts.map((p) => [p, toPostState(found.get(postKey(p).pk))]));
};

export interface ThreadChunk {
  readonly post: PostState | undefined;
  readonly items: ThreadItem[];
  /** Where the index read stopped, to continue from; undefined when the thread has no more items. */
  readonly continueFrom: Record<string, unknown> | undefined;
}

/**
 * One Query on a thread index: `limit` items from the start of the post's partition (which holds
 * the post's own item first), after a group boundary, or from where an earlier chunk stopped.
 */
export const queryThread = async (args: {
  post: string;
  order: ThreadOrder;
  limit: number;
  after?: string;
  continueFrom?: Record<string, unknown>;
}): Promise<ThreadChunk> => {
  const index = args.order === 'oldest' ? INDEXES.thread : INDEXES.threadNewest;
  const input: QueryCommandInput = {
    TableName: tableName(),
    IndexName: index.indexName,
    KeyConditionExpression: args.after ? '#pk = :pk AND #sk > :after' : '#pk = :pk',
    ExpressionAttributeNames: { '#pk': index.partitionKey, ...(args.after ? { '#sk': index.sortKey } : {}) },
    ExpressionAttributeValues: { ':pk': args.post, ...(args.after ? { ':after': args.after } : {}) },
    Limit: args.limit,
    ExclusiveStartKey: args.continueFrom,
  };
  const out = await guarded(() => db().send(new QueryCommand(input)));
  let post: PostState | undefined;
  const items: ThreadItem[] = [];
  for (const item of out.Items ?? []) {
    const sortKey = String(item[index.sortKey]);
    if (sortKey === POST_ITEM_SORT_KEY) post = toPostState(item);
    else
      items.push({
        ...(item as unknown as ThreadItem),
        parentId: (item.parentId as string | null) ?? null,
        reactions: countsOf(item),
        sortKey,
      });
  }
  return { post, items, continueFrom: out.LastEvaluatedKey };
};

export const queryAudit = async (args: {
  limit: number;
  before?: string;
}): Promise<{ entries: AuditEntry[]; last: string | undefined }> => {
  const out = await guarded(() =>
    db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: args.before ? 'pk = :pk AND sk < :before' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': AUDIT_PARTITION, ...(args.before ? { ':before': args.before } : {}) },
        ScanIndexForward: false,
        Limit: args.limit,
      }),
    ),
  );
  const entries = (out.Items ?? []).map((i) => ({
    id: String(i.id),
    action: String(i.action),
    by: String(i.by),
    // Entries written before the log kept the sub carry the name in `by` and nothing else.
    byName: String(i.byName ?? i.by),
    byEmail: (i.byEmail as string | null | undefined) ?? null,
    commentId: (i.commentId as string | null) ?? null,
    post: String(i.post ?? ''),
    at: String(i.at),
    reason: (i.reason as string | null) ?? null,
  }));
  return { entries, last: out.LastEvaluatedKey ? String(out.LastEvaluatedKey.sk) : undefined };
};

/** Proves the store answers: one read of a key that never exists. */
export const pingStore = async (): Promise<void> => {
  await guarded(() => db().send(new GetCommand({ TableName: tableName(), Key: { pk: 'HEALTH', sk: 'HEALTH' } })));
};

/** Until when (epoch seconds) a duplicate marker lives; undefined when there is none. */
export const getRecentUntil = async (hash: string): Promise<number | undefined> => {
  const { Item } = await guarded(() =>
    db().send(new GetCommand({ TableName: tableName(), Key: recentKey(hash), ConsistentRead: true })),
  );
  return Item ? Number(Item.expiresAt) : undefined;
};
