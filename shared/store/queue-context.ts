/**
 * What a moderator needs beside a queued comment to decide on it: the comment a reply answers and
 * the post's title. Parents and posts of a whole page are read together, in one BatchGetItem per
 * 100 keys (a page of at most 100 comments: at most two), whatever the page holds.
 */
import type { CommentRecord } from '../domain/comment';
import { commentKey, postKey } from './item-keys';
import { batchGet } from './reads';

export interface QueueContext {
  readonly parent: { readonly id: string; readonly authorName: string | null; readonly excerpt: string } | null;
  readonly postTitle: string | null;
}

/** How much of the parent's text the queue shows: enough to recall it, short enough to scan. */
export const EXCERPT_CHARS = 140;

/** The parent's Markdown as one plain line, cut at a word near `EXCERPT_CHARS`. */
export const excerptOf = (body: string): string => {
  const text = body
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_>#~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= EXCERPT_CHARS) return text;
  const cut = text.slice(0, EXCERPT_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > EXCERPT_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
};

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const chunks = <T>(all: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(all.length / size) }, (_, i) => all.slice(i * size, (i + 1) * size));

export const queueContext = async (comments: readonly CommentRecord[]): Promise<Map<string, QueueContext>> => {
  // batchGet drops repeated keys: siblings share a parent, and most of a page shares a post.
  const keys = comments.flatMap((c) => [postKey(c.post), ...(c.parentId ? [commentKey(c.parentId)] : [])]);
  const found = new Map<string, Record<string, unknown>>();
  // Only the fields shown: an erased or deleted parent has no name or text left to show.
  const reads = chunks(keys, 100).map((part) =>
    batchGet(part, {
      consistent: false,
      projection: 'pk, #status, authorName, body, title',
      names: { '#status': 'status' },
    }),
  );
  for (const part of await Promise.all(reads)) for (const [pk, item] of part) found.set(pk, item);
  const context = new Map<string, QueueContext>();
  for (const c of comments) {
    const parent = c.parentId ? found.get(commentKey(c.parentId).pk) : undefined;
    const shown = parent && parent.status !== 'deleted' && parent.status !== 'erased';
    context.set(c.id, {
      parent: c.parentId
        ? {
            id: c.parentId,
            authorName: shown ? str(parent.authorName) : null,
            excerpt: shown ? excerptOf(String(parent.body ?? '')) : '',
          }
        : null,
      postTitle: str(found.get(postKey(c.post).pk)?.title),
    });
  }
  return context;
};
