/**
 * Sort keys of the two thread indexes. A comment's path is `root#child#...#id`, so a top-level
 * comment and its replies are contiguous and replies come oldest first (ULIDs sort by time).
 * For newest-first pages only the root id is inverted: top-level comments run newest first while
 * the replies under each keep their oldest-first order.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const INVERTED = [...ALPHABET].reverse().join('');

const MAX_DEPTH = 5;
/** Sort key of the post's own item: before every comment (ULID characters are all > '!'). */
export const POST_ITEM_SORT_KEY = '!';
/** Sorts after every character of a path, so `key + '~'` bounds a whole top-level group. */
const GROUP_END = '~';

export type ThreadOrder = 'oldest' | 'newest';

const invertId = (id: string): string => [...id].map((ch) => INVERTED[ALPHABET.indexOf(ch)] ?? ch).join('');

export const childPath = (parentPath: string | null, id: string): string =>
  parentPath === null ? id : `${parentPath}#${id}`;

const rootIdOf = (path: string): string => path.split('#')[0] ?? path;

export const threadSortKey = (path: string, order: ThreadOrder): string => {
  if (order === 'oldest') return path;
  const root = rootIdOf(path);
  return invertId(root) + path.slice(root.length);
};

/** The exclusive lower bound that skips a top-level comment and every reply under it. */
export const afterGroup = (rootSortKey: string): string => rootSortKey + GROUP_END;

/**
 * Where a reply lands: replies nest up to depth 5; a reply to a depth-5 comment is attached at
 * depth 5, to that comment's parent.
 */
export const placeReply = (parent: { id: string; parentId: string | null; depth: number; path: string }) =>
  parent.depth >= MAX_DEPTH
    ? { parentId: parent.parentId, depth: parent.depth, parentPath: parent.path.slice(0, parent.path.lastIndexOf('#')) }
    : { parentId: parent.id, depth: parent.depth + 1, parentPath: parent.path };
