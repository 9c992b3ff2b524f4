/**
 * Which Parley post id an imported thread gets. By default the path of the post's URL, so a blog
 * whose pages name their thread by path (the widget's default) finds its comments without a map.
 */
import { isPostId } from '../schemas/common';
import type { ImportedPost } from './model';

export type PostIdMode =
  | { readonly kind: 'url' }
  | { readonly kind: 'identifier' }
  | { readonly kind: 'map'; readonly map: ReadonlyMap<string, string> };

/** `https://x.blogspot.com/2011/11/slug.html?m=1#c1` becomes `2011/11/slug`. */
export const postIdFromUrl = (url: string): string | null => {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    pathname = url.split(/[?#]/)[0] ?? '';
  }
  let id = decodeURIComponent(pathname).replace(/^\/+|\/+$/g, '');
  id = id.replace(/\.(html?|php)$/i, '');
  return id === '' ? null : id;
};

/** `url,id` lines; a header line naming `url` is skipped; URLs compare without a trailing slash. */
export const parsePostIdMap = (csv: string): Map<string, string> => {
  const map = new Map<string, string>();
  for (const [index, line] of csv.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const comma = line.lastIndexOf(',');
    if (comma < 0) throw new Error(`Post id map line ${index + 1}: expected "url,id"`);
    const url = line.slice(0, comma).trim().replace(/^"|"$/g, '');
    const id = line
      .slice(comma + 1)
      .trim()
      .replace(/^"|"$/g, '');
    if (index === 0 && url.toLowerCase() === 'url') continue;
    map.set(url.replace(/\/+$/, ''), id);
  }
  return map;
};

/** The post id, or null when the mode yields none or one Parley would refuse. */
export const resolvePostId = (post: ImportedPost, mode: PostIdMode): string | null => {
  const id =
    mode.kind === 'identifier'
      ? post.identifier
      : mode.kind === 'map'
        ? post.url === null
          ? null
          : (mode.map.get(post.url.replace(/\/+$/, '')) ?? null)
        : post.url === null
          ? null
          : postIdFromUrl(post.url);
  return id !== null && isPostId(id) ? id : null;
};
