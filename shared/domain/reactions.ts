/**
 * Reactions: a small fixed set a reader may toggle on an approved comment, one of each kind per
 * reader. Each kind's count is its own top-level attribute of the comment item (projected into the
 * thread indexes), so a thread page reads the counts with the comments it already reads, and a
 * reaction moves its count with a single ADD (a nested map cannot be ADDed to before it exists).
 */
export const REACTION_KINDS = ['like', 'love', 'laugh', 'insightful'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];
export type ReactionCounts = Readonly<Record<ReactionKind, number>>;

export const isReactionKind = (s: string): s is ReactionKind => (REACTION_KINDS as readonly string[]).includes(s);

/** The comment item's attribute holding a kind's count: `like` -> `reactLike`. */
export const countAttribute = (kind: ReactionKind): string => `react${kind[0]!.toUpperCase()}${kind.slice(1)}`;

export const COUNT_ATTRIBUTES: readonly string[] = REACTION_KINDS.map(countAttribute);

/** Counts from an item (or index item); an absent attribute is a count of zero. */
export const countsOf = (item: Readonly<Record<string, unknown>>): ReactionCounts =>
  Object.fromEntries(REACTION_KINDS.map((k) => [k, Math.max(0, Number(item[countAttribute(k)] ?? 0))])) as Record<
    ReactionKind,
    number
  >;

export const noReactions: ReactionCounts = countsOf({});

/** What a reaction button shows; its accessible name is the translated `react_<kind>`. */
export const REACTION_EMOJI: Readonly<Record<ReactionKind, string>> = {
  like: '👍',
  love: '❤️',
  laugh: '😄',
  insightful: '💡',
};
