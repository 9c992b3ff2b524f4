/**
 * Reads the table directly (not through the API) to check what the API acknowledged against what
 * is stored: a full scan, counts by query, and the invariants every write must keep whatever fails.
 */
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { localDynamoClient } from '../dynamodb-local';
import { indexAttributes, fromItem } from '../../../shared/store/comment-items';

import { INDEXES } from '../../../shared/store/table-definition';

export type Item = Record<string, unknown>;

const clients = new Map<string, DynamoDBDocumentClient>();

/** A document client of the test itself (not the handlers' `db()`, so the probe never sees it). */
export const tableClient = (endpoint: string): DynamoDBDocumentClient => {
  let client = clients.get(endpoint);
  if (!client) {
    client = DynamoDBDocumentClient.from(localDynamoClient(endpoint), {
      marshallOptions: { removeUndefinedValues: true },
    });
    clients.set(endpoint, client);
  }
  return client;
};

export const closeTableClients = (): void => {
  for (const client of clients.values()) client.destroy();
  clients.clear();
};

export const scanTable = async (endpoint: string, tableName: string): Promise<Item[]> => {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  for (let page = 0; page < 10_000; page++) {
    const out = await tableClient(endpoint).send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...((out.Items ?? []) as Item[]));
    start = out.LastEvaluatedKey;
    if (!start) return items;
  }
  throw new Error('scan did not finish');
};

/** The number of approved comments of a post, counted by querying the post's feed partition. */
export const countApprovedByQuery = async (endpoint: string, tableName: string, post: string): Promise<number> => {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  for (let page = 0; page < 10_000; page++) {
    const out = await tableClient(endpoint).send(
      new QueryCommand({
        TableName: tableName,
        IndexName: INDEXES.postFeed.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': INDEXES.postFeed.partitionKey },
        ExpressionAttributeValues: { ':pk': post },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
    if (!start) return count;
  }
  throw new Error('count did not finish');
};

export const comments = (items: readonly Item[]): Item[] => items.filter((i) => i.type === 'comment');

const INDEX_KEYS = [
  'queuePk',
  'postQueuePk',
  'feedPk',
  'postFeedPk',
  'queueSk',
  'threadPk',
  'threadSk',
  'threadNewestSk',
];

export interface InvariantOptions {
  /**
   * When every successful write of the run was a new comment (no edits or deletes, which charge the
   * rate window too), the rate windows must add up to the number of comments.
   */
  readonly rateHitsEqualComments?: boolean;
  /** The exact number of writes the rate windows must add up to (new comments, edits and deletions). */
  readonly expectedRateHits?: number;
}

/**
 * Everything that must hold after any sequence of writes, failures and retries: each post's `total`
 * and each author's `approvedCount` equal a count of the approved comments they stand for, each
 * post's `held` the count of its comments with an expiry; an
 * idempotency record always points at a stored comment; index keys always follow the item's status.
 * Returns the violations (empty when all hold).
 */
export const checkInvariants = async (
  endpoint: string,
  tableName: string,
  options: InvariantOptions = {},
): Promise<string[]> => {
  const items = await scanTable(endpoint, tableName);
  const problems: string[] = [];
  const all = comments(items);
  const byId = new Map(all.map((c) => [String(c.id), c]));
  const approved = all.filter((c) => c.status === 'approved');

  const approvedByPost = new Map<string, number>();
  for (const c of approved) approvedByPost.set(String(c.post), (approvedByPost.get(String(c.post)) ?? 0) + 1);
  const postItems = items.filter((i) => String(i.pk).startsWith('POST#') && i.sk === 'POST');
  const posts = new Set([...approvedByPost.keys(), ...postItems.map((p) => String(p.post))]);
  for (const post of posts) {
    const item = postItems.find((p) => p.post === post);
    const total = Number(item?.total ?? 0);
    const scanned = approvedByPost.get(post) ?? 0;
    const queried = await countApprovedByQuery(endpoint, tableName, post);
    if (total !== scanned || total !== queried)
      problems.push(`post ${post}: total ${total}, approved comments ${scanned} by scan, ${queried} by query`);
    // The held count: comments of the post that wait unapproved with an expiry.
    const held = Number(item?.held ?? 0);
    const heldScanned = all.filter((c) => c.post === post && typeof c.expiresAt === 'number').length;
    if (held !== heldScanned) problems.push(`post ${post}: held ${held}, comments with an expiry ${heldScanned}`);
  }
  for (const c of all) {
    if (!postItems.some((p) => p.post === c.post))
      problems.push(`comment ${String(c.id)} has no post item for ${String(c.post)}`);
  }

  const approvedByAuthor = new Map<string, number>();
  for (const c of approved)
    if (typeof c.authorKey === 'string')
      approvedByAuthor.set(c.authorKey, (approvedByAuthor.get(c.authorKey) ?? 0) + 1);
  const authorItems = items.filter((i) => String(i.pk).startsWith('AUTHOR#'));
  for (const key of new Set([
    ...approvedByAuthor.keys(),
    ...authorItems.map((a) => String(a.pk).slice('AUTHOR#'.length)),
  ])) {
    const stored = Number(authorItems.find((a) => a.pk === `AUTHOR#${key}`)?.approvedCount ?? 0);
    const counted = approvedByAuthor.get(key) ?? 0;
    if (stored !== counted)
      problems.push(`author ${key.slice(0, 8)}: approvedCount ${stored}, approved comments ${counted}`);
  }

  // An erased comment's record links to nothing (no comment id, no request hash).
  for (const record of items.filter((i) => String(i.pk).startsWith('IDEMPOTENCY#') && i.erased !== true)) {
    const target = byId.get(String(record.commentId));
    if (!target)
      problems.push(
        `idempotency record ${String(record.pk).slice(0, 20)} points at missing comment ${String(record.commentId)}`,
      );
    // The record keeps nothing personal: the request's hash, the comment id and its edit window.
    const extra = Object.keys(record).filter(
      (k) => !['pk', 'sk', 'requestHash', 'commentId', 'editableUntil', 'expiresAt'].includes(k),
    );
    if (extra.length > 0)
      problems.push(`idempotency record for ${String(record.commentId)} stores more than ids: ${extra.join(', ')}`);
    if (target && target.status !== 'erased' && record.editableUntil !== target.editableUntil)
      problems.push(`idempotency record for ${String(record.commentId)} has another edit window than its comment`);
  }

  for (const c of all) {
    const expected = indexAttributes(fromItem(c));
    for (const key of INDEX_KEYS) {
      if (c[key] !== expected[key])
        problems.push(
          `comment ${String(c.id)} (${String(c.status)}): ${key} is ${String(c[key])}, expected ${String(expected[key])}`,
        );
    }
  }

  const expectedHits = options.expectedRateHits ?? (options.rateHitsEqualComments ? all.length : undefined);
  if (expectedHits !== undefined) {
    const hits = items.filter((i) => String(i.pk).startsWith('RATE#')).reduce((sum, r) => sum + Number(r.hits ?? 0), 0);
    if (hits !== expectedHits) problems.push(`rate windows count ${hits} writes, expected ${expectedHits}`);
  }
  return problems;
};
