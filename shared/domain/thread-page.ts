import type { PublicComment } from './comment';
import { noReactions, type ReactionCounts } from './reactions';

/** A thread-index item as projected into the index: public fields and the status only. */
export interface ThreadItem {
  readonly id: string;
  readonly post: string;
  readonly parentId: string | null;
  readonly depth: number;
  readonly status: string;
  readonly authorName: string | null;
  /** `moderator` on a moderator's reply only (see CommentRecord). */
  readonly authorRole?: string;
  readonly authorWebsite: string | null;
  readonly avatar: string | null;
  readonly html: string;
  readonly createdAt: string;
  readonly editedAt: string | null;
  readonly reactions?: ReactionCounts;
  /** The item's sort key in the index it was read from. */
  readonly sortKey: string;
}

export interface Group {
  readonly rootSortKey: string;
  readonly items: readonly ThreadItem[];
  readonly visible: boolean;
}

/**
 * Splits index items (in index order) into top-level groups. The last group is only known to be
 * complete when the index had nothing more to give.
 */
export const groupItems = (
  items: readonly ThreadItem[],
  exhausted: boolean,
): { complete: Group[]; partial: Group | undefined } => {
  const groups: { rootSortKey: string; items: ThreadItem[] }[] = [];
  for (const item of items) {
    if (item.depth === 0) groups.push({ rootSortKey: item.sortKey, items: [item] });
    else groups.at(-1)?.items.push(item);
  }
  const withVisibility = groups.map((g) => ({ ...g, visible: g.items.some((i) => i.status === 'approved') }));
  if (exhausted) return { complete: withVisibility, partial: undefined };
  return { complete: withVisibility.slice(0, -1), partial: withVisibility.at(-1) };
};

const placeholder = (i: ThreadItem): PublicComment => ({
  id: i.id,
  post: i.post,
  parentId: i.parentId,
  depth: i.depth,
  author: null,
  html: '',
  createdAt: i.createdAt,
  editedAt: null,
  deleted: true,
  reactions: noReactions,
  replies: [],
});

const shown = (i: ThreadItem): PublicComment => ({
  id: i.id,
  post: i.post,
  parentId: i.parentId,
  depth: i.depth,
  author: {
    name: i.authorName ?? '',
    website: i.authorWebsite ?? null,
    avatar: i.avatar ?? null,
    ...(i.authorRole === 'moderator' ? { role: 'moderator' as const } : {}),
  },
  html: i.html,
  createdAt: i.createdAt,
  editedAt: i.editedAt ?? null,
  deleted: false,
  reactions: i.reactions ?? noReactions,
  replies: [],
});

/**
 * Builds one top-level comment with its replies. Anything not approved (deleted by its author,
 * rejected after approval, erased) becomes a content-free placeholder when approved replies hang
 * below it, and disappears otherwise.
 */
export const buildTree = (group: Group): PublicComment | undefined => {
  const nodes = new Map<string, PublicComment>();
  const parentOf = new Map<string, string | null>();
  const visibleBelow = new Set<string>();
  for (const item of group.items) {
    nodes.set(item.id, item.status === 'approved' ? shown(item) : placeholder(item));
    parentOf.set(item.id, item.parentId);
  }
  for (const item of group.items) {
    if (item.status !== 'approved') continue;
    for (let id = item.parentId; id !== null; id = parentOf.get(id) ?? null) {
      if (visibleBelow.has(id)) break;
      visibleBelow.add(id);
    }
  }
  let root: PublicComment | undefined;
  for (const item of group.items) {
    const node = nodes.get(item.id)!;
    if (node.deleted && !visibleBelow.has(item.id)) continue;
    if (item.depth === 0) root = node;
    else nodes.get(item.parentId ?? '')?.replies.push(node);
  }
  return root;
};
