/**
 * Who may name a post in the feeds. A post's title and URL come from approved content or from a
 * moderator, never from whoever comments first: a comment only proposes them, the approval that
 * publishes it sets them (when the post has none yet), and erasing that comment takes them back.
 * Pure: the settings come in as arguments.
 */
import { AppError, validationError } from '../errors';

/** The origins the blog lives on: the allowed origins and the site URL's. */
export const blogOrigins = (allowedOrigins: readonly string[], siteUrl: string): Set<string> => {
  const origins = new Set(allowedOrigins.map((o) => o.replace(/\/+$/, '')));
  try {
    origins.add(new URL(siteUrl).origin);
  } catch {
    // A site URL that is not a URL names no origin.
  }
  return origins;
};

/**
 * A comment's post URL counts only on the blog's own origins: any other is dropped (not refused,
 * since a widget page may sit behind another host name), and the feed links to the site URL + id.
 */
export const urlOnBlog = (url: string | null | undefined, origins: ReadonlySet<string>): string | null =>
  url && origins.has(new URL(url).origin) ? url : null;

/** A moderator's post URL must be on the blog's own origins, else 400. */
export const checkPostUrl = (url: string | null | undefined, origins: ReadonlySet<string>, field = 'url'): void => {
  if (!url) return;
  if (!origins.has(new URL(url).origin))
    throw validationError({ [field]: `Must be a page of this blog (${[...origins].join(', ') || 'no origin set'})` });
};

/** With a post id pattern, a comment on any other id is refused: invented posts never come to exist. */
export const checkPostId = (post: string, pattern: string | undefined): void => {
  if (pattern && !new RegExp(`^(?:${pattern})$`).test(post))
    throw new AppError('post_not_found', 'There is no such post to comment on');
};

/** Who set a post's title and URL: the comment whose approval did, or a moderator. */
export const metaByModerator = (username: string): string => `moderator:${username}`;
