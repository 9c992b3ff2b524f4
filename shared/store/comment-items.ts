import type { CommentRecord } from '../domain/comment';
import { threadSortKey } from '../domain/thread-sort-keys';
import { commentKey, postQueuePartition, queueSortKey } from './item-keys';

type Item = Record<string, unknown>;

/** Index attributes follow from the record, so they can never disagree with it. */
export const indexAttributes = (
  c: Pick<CommentRecord, 'status' | 'post' | 'createdAt' | 'id' | 'path' | 'inThread'>,
): Item => ({
  ...(c.status === 'erased'
    ? {}
    : {
        queuePk: c.status,
        postQueuePk: postQueuePartition(c.post, c.status),
        queueSk: queueSortKey(c.createdAt, c.id),
      }),
  ...(c.inThread
    ? { threadPk: c.post, threadSk: threadSortKey(c.path, 'oldest'), threadNewestSk: threadSortKey(c.path, 'newest') }
    : {}),
});

export const toItem = (c: CommentRecord): Item => ({
  ...commentKey(c.id),
  type: 'comment',
  ...c,
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
});
