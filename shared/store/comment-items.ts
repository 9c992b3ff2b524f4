import type { CommentRecord } from '../domain/comment';
import { countAttribute, countsOf, REACTION_KINDS } from '../domain/reactions';
import { threadSortKey } from '../domain/thread-sort-keys';
import { commentKey, FEED_PARTITION, postQueuePartition, queueSortKey } from './item-keys';

type Item = Record<string, unknown>;

/** Index attributes follow from the record, so they can never disagree with it. */
export const indexAttributes = (
  c: Pick<CommentRecord, 'status' | 'post' | 'createdAt' | 'id' | 'path' | 'inThread'>,
): Item => ({
  // Approved comments are listed from the public feed indexes, every other status from the queues.
  ...(c.status === 'erased' ? {} : { queueSk: queueSortKey(c.createdAt, c.id) }),
  ...(c.status === 'approved'
    ? { feedPk: FEED_PARTITION, postFeedPk: c.post }
    : c.status === 'erased'
      ? {}
      : { queuePk: c.status, postQueuePk: postQueuePartition(c.post, c.status) }),
  ...(c.inThread
    ? { threadPk: c.post, threadSk: threadSortKey(c.path, 'oldest'), threadNewestSk: threadSortKey(c.path, 'newest') }
    : {}),
});

/** Optional attributes that are left out rather than stored as null (each stored byte is billed, in every write). */
const OMITTED_WHEN_NULL = [
  'proposedTitle',
  'proposedUrl',
  'idempotencyKeyHash',
  'recentHash',
  'expiresAt',
  // The `author` index's key: an index key cannot be null, so a comment without an address stays out.
  'emailKey',
] as const;

/** The counts as the comment item's own attributes (see shared/domain/reactions.ts), not as a map. */
const countItems = (counts: CommentRecord['reactions']): Item =>
  counts ? Object.fromEntries(REACTION_KINDS.map((k) => [countAttribute(k), counts[k]])) : {};

export const toItem = ({ reactions, ...c }: CommentRecord): Item => ({
  ...commentKey(c.id),
  type: 'comment',
  ...Object.fromEntries(
    Object.entries(c).filter(([k, v]) => v !== null || !(OMITTED_WHEN_NULL as readonly string[]).includes(k)),
  ),
  ...countItems(reactions),
  spamReasons: [...c.spamReasons],
  moderation: [...c.moderation],
  ...indexAttributes(c),
});

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export const fromItem = (item: Item): CommentRecord => ({
  id: String(item.id),
  post: String(item.post),
  parentId: str(item.parentId),
  depth: Number(item.depth ?? 0),
  path: String(item.path),
  status: item.status as CommentRecord['status'],
  authorName: str(item.authorName),
  ...(item.authorRole === 'moderator' ? { authorRole: 'moderator' as const } : {}),
  authorEmail: str(item.authorEmail),
  authorWebsite: str(item.authorWebsite),
  avatar: str(item.avatar),
  authorKey: str(item.authorKey),
  emailKey: str(item.emailKey),
  body: str(item.body) ?? '',
  html: str(item.html) ?? '',
  ipHash: str(item.ipHash),
  userAgent: str(item.userAgent),
  createdAt: String(item.createdAt),
  editedAt: str(item.editedAt),
  editableUntil: String(item.editableUntil),
  editTokenHash: str(item.editTokenHash),
  notifyReplies: item.notifyReplies === true,
  spamScore: Number(item.spamScore ?? 0),
  spamReasons: Array.isArray(item.spamReasons) ? (item.spamReasons as string[]) : [],
  moderation: Array.isArray(item.moderation) ? (item.moderation as CommentRecord['moderation']) : [],
  version: Number(item.version ?? 0),
  inThread: item.inThread === true,
  proposedTitle: str(item.proposedTitle),
  proposedUrl: str(item.proposedUrl),
  idempotencyKeyHash: str(item.idempotencyKeyHash),
  recentHash: str(item.recentHash),
  expiresAt: typeof item.expiresAt === 'number' ? item.expiresAt : null,
  reactions: countsOf(item),
});
