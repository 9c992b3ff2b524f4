import type { PublicComment } from '../domain/comment';
import { decodeCursor, encodeCursor, isString } from '../domain/cursor';
import { afterGroup } from '../domain/thread-sort-keys';
import { buildTree, groupItems, type Group, type ThreadItem } from '../domain/thread-page';
import type { ListCommentsQuery } from '../schemas/query-params';
import { getPost, queryThread, type PostState } from '../store/reads';
import { issueFormToken } from '../form-token';
import { getSecret } from '../store/secret';

/** Most index items one page may read: bounds the cost of a page whatever the thread. */
export const PAGE_ITEM_CAP = 1000;
/** Reads of one page; the first answers every page whose top-level comments have few replies. */
const MAX_QUERIES = 3;

export interface ThreadPage {
  readonly post: string;
  readonly total: number;
  readonly locked: boolean;
  /** Whether readers may react here (the site's setting and the post's own). */
  readonly reactions: boolean;
  readonly comments: PublicComment[];
  readonly nextCursor: string | null;
  /** The form token a new comment sends back (see shared/form-token.ts). */
  readonly formToken: string;
}

const scopeOf = (q: ListCommentsQuery) => `thread\0${q.post}\0${q.sort}`;

/**
 * One page of a thread: `limit` top-level comments, each with all its approved replies. The thread
 * index keeps each top-level comment and its replies contiguous, so the page is one Query of
 * `limit` + 1 items (+1 for the post's own item on the first page) when replies are few; when
 * replies crowd the page out, up to two more Queries continue where the first stopped, sized from
 * what the first saw. A page never reads more than PAGE_ITEM_CAP items.
 */
export const listThread = async (q: ListCommentsQuery, settings: { reactions: boolean }): Promise<ThreadPage> => {
  const secret = await getSecret();
  const after = q.cursor === undefined ? undefined : decodeCursor(secret, scopeOf(q), q.cursor, isString);
  const postRead: Promise<PostState | undefined> = after === undefined ? Promise.resolve(undefined) : getPost(q.post);
  // Read in parallel with the Query; if the Query fails first, this failure must not go unhandled.
  postRead.catch(() => undefined);

  let post: PostState | undefined;
  const items: ThreadItem[] = [];
  let continueFrom: Record<string, unknown> | undefined;
  let exhausted = false;
  let want = q.limit + (after === undefined ? 2 : 1);
  let taken: Group[] = [];
  let complete: Group[] = [];
  let partial: Group | undefined;
  for (let query = 0; query < MAX_QUERIES; query++) {
    const chunk = await queryThread({ post: q.post, order: q.sort, limit: want, after, continueFrom });
    post ??= chunk.post;
    items.push(...chunk.items);
    continueFrom = chunk.continueFrom;
    exhausted = continueFrom === undefined;
    ({ complete, partial } = groupItems(items, exhausted));
    taken = [];
    let visible = 0;
    for (const group of complete) {
      if (visible === q.limit) break;
      taken.push(group);
      if (group.visible) visible++;
    }
    if (visible === q.limit || exhausted || items.length >= PAGE_ITEM_CAP) break;
    const perGroup = items.length / Math.max(1, complete.length + (partial ? 1 : 0));
    want = Math.min(PAGE_ITEM_CAP - items.length, Math.ceil((q.limit - visible) * perGroup * 1.25) + 1);
  }
  // A single top-level comment with more replies than a page may read is shown truncated.
  if (taken.length === 0 && partial && !exhausted) taken = [partial];

  const lastTaken = taken.at(-1);
  const moreAfter = !exhausted || complete.length > taken.length;
  const nextCursor =
    lastTaken && moreAfter ? encodeCursor(secret, scopeOf(q), afterGroup(lastTaken.rootSortKey)) : null;
  const state = post ?? (await postRead) ?? { total: 0, locked: false, reactionsOff: false };
  return {
    post: q.post,
    total: state.total,
    locked: state.locked,
    reactions: settings.reactions && !state.reactionsOff,
    comments: taken.map(buildTree).filter((c): c is PublicComment => c !== undefined),
    nextCursor,
    formToken: issueFormToken(secret, Date.now()),
  };
};
