import { config } from '../config';
import { moderatorView } from '../domain/comment';
import { atomFeed } from '../domain/atom-feed';
import { decodeCursor, encodeCursor, isString, isStringRecord } from '../domain/cursor';
import type { AdminListQuery } from '../schemas/query-params';
import { getPosts, pingStore, queryAudit, queryByStatus } from '../store/reads';
import { getSecret } from '../store/secret';

/** Approved-comment counts of up to 100 posts: one BatchGetItem. */
export const countComments = async (posts: readonly string[]): Promise<{ counts: Record<string, number> }> => {
  const states = await getPosts(posts);
  return { counts: Object.fromEntries(posts.map((p) => [p, states.get(p)?.total ?? 0])) };
};

export const FEED_SIZE = 50;

/** The 50 newest approved comments of one post or of the whole site, as Atom. */
export const commentFeed = async (post: string | undefined, selfUrl: string): Promise<string> => {
  const { siteTitle, siteUrl } = config();
  const { comments } = await queryByStatus({ status: 'approved', post, limit: FEED_SIZE });
  const posts = await getPosts([...new Set([...(post ? [post] : []), ...comments.map((c) => c.post)])]);
  const title = post ? `${siteTitle}: comments on ${posts.get(post)?.title ?? post}` : `${siteTitle}: latest comments`;
  return atomFeed({
    title,
    id: `urn:parley:feed:${post ?? '*'}`,
    selfUrl,
    siteUrl,
    entries: comments.map((c) => ({
      id: c.id,
      post: c.post,
      postTitle: posts.get(c.post)?.title ?? null,
      postUrl: posts.get(c.post)?.url ?? null,
      authorName: c.authorName ?? '',
      html: c.html,
      createdAt: c.createdAt,
      editedAt: c.editedAt,
    })),
  });
};

const queueScope = (q: AdminListQuery) => `queue\0${q.status}\0${q.post ?? '*'}`;

export const moderationQueue = async (q: AdminListQuery) => {
  const secret = await getSecret();
  const continueFrom = q.cursor === undefined ? undefined : decodeCursor(secret, queueScope(q), q.cursor, isStringRecord);
  const page = await queryByStatus({ status: q.status, post: q.post, limit: q.limit, continueFrom });
  return {
    comments: page.comments.map(moderatorView),
    nextCursor: page.continueFrom ? encodeCursor(secret, queueScope(q), page.continueFrom) : null,
  };
};

export const auditLog = async (q: { limit: number; cursor?: string }) => {
  const secret = await getSecret();
  const before = q.cursor === undefined ? undefined : decodeCursor(secret, 'audit', q.cursor, isString);
  const { entries, last } = await queryAudit({ limit: q.limit, before });
  return { entries, nextCursor: last ? encodeCursor(secret, 'audit', last) : null };
};

export const health = async (): Promise<{ ok: true }> => {
  await pingStore();
  return { ok: true };
};
