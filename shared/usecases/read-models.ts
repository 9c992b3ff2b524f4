import type { Config } from '../config';
import { atomFeed } from '../domain/atom-feed';
import { queryFeed } from '../store/listing-reads';
import { getPosts, pingStore } from '../store/reads';

/** Approved-comment counts of up to 100 posts: one BatchGetItem. */
export const countComments = async (posts: readonly string[]): Promise<{ counts: Record<string, number> }> => {
  const states = await getPosts(posts);
  return { counts: Object.fromEntries(posts.map((p) => [p, states.get(p)?.total ?? 0])) };
};

export const FEED_SIZE = 50;

/** The 50 newest approved comments of one post or of the whole site, as Atom. */
export const commentFeed = async (
  { siteTitle, siteUrl }: Pick<Config, 'siteTitle' | 'siteUrl'>,
  post: string | undefined,
  selfUrl: string,
): Promise<string> => {
  const comments = await queryFeed(post, FEED_SIZE);
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

export const health = async (): Promise<{ ok: true }> => {
  await pingStore();
  return { ok: true };
};
