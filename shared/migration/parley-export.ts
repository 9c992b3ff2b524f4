/**
 * Parley's own export format (docs/export-format.md, docs/export.schema.json): versioned JSON with
 * every post, comment and lock. Serialisation is canonical (sorted posts and comments, fixed field
 * order, no timestamps of its own), so export, import into an empty table and export again gives the
 * same bytes.
 */
import type { CommentRecord } from '../domain/comment';
import { REACTION_KINDS, type ReactionCounts } from '../domain/reactions';
import { ID_PATTERN } from '../ids';
import { isPostId } from '../schemas/common';

export const EXPORT_FORMAT = 'parley-export';
export const EXPORT_VERSION = 1;

export interface ExportedPost {
  readonly id: string;
  readonly title: string | null;
  readonly url: string | null;
  readonly locked: boolean;
  /** Present (true) only when a moderator turned reactions off on the post. */
  readonly reactionsOff?: boolean;
}

export interface ParleyExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly public: boolean;
  readonly posts: readonly ExportedPost[];
  readonly comments: readonly CommentRecord[];
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const hasReactions = (c: CommentRecord): boolean =>
  c.reactions !== undefined && REACTION_KINDS.some((kind) => c.reactions![kind] > 0);
const reactionCounts = (counts: ReactionCounts): ReactionCounts =>
  Object.fromEntries(REACTION_KINDS.map((kind) => [kind, counts[kind]])) as ReactionCounts;

/** Fixed field order: the record's own (shared/domain/comment.ts). */
const commentFields = (c: CommentRecord): CommentRecord => ({
  id: c.id,
  post: c.post,
  parentId: c.parentId,
  depth: c.depth,
  path: c.path,
  status: c.status,
  authorName: c.authorName,
  authorEmail: c.authorEmail,
  authorWebsite: c.authorWebsite,
  avatar: c.avatar,
  authorKey: c.authorKey,
  emailKey: c.emailKey ?? null,
  body: c.body,
  html: c.html,
  ipHash: c.ipHash,
  userAgent: c.userAgent,
  createdAt: c.createdAt,
  editedAt: c.editedAt,
  editableUntil: c.editableUntil,
  editTokenHash: c.editTokenHash,
  notifyReplies: c.notifyReplies,
  spamScore: c.spamScore,
  spamReasons: [...c.spamReasons],
  moderation: c.moderation.map((m) => ({ action: m.action, by: m.by, at: m.at, reason: m.reason })),
  version: c.version,
  inThread: c.inThread,
  proposedTitle: c.proposedTitle ?? null,
  proposedUrl: c.proposedUrl ?? null,
  idempotencyKeyHash: c.idempotencyKeyHash ?? null,
  recentHash: c.recentHash ?? null,
  expiresAt: c.expiresAt ?? null,
  // Reaction counts, only where there are any (who reacted is not exported: see export-format.md).
  ...(hasReactions(c) ? { reactions: reactionCounts(c.reactions!) } : {}),
});

/**
 * What a public export keeps of a comment: approved ones without anything personal, and placeholders
 * (no author, no text) where approved replies hang; pending, spam and rejected ones are left out.
 */
const publicComment = (c: CommentRecord): CommentRecord | undefined => {
  if (!c.inThread) return undefined;
  const shown = c.status === 'approved';
  const { reactions: _counts, ...fields } = commentFields(c);
  return {
    ...fields,
    status: shown ? 'approved' : 'deleted',
    authorName: shown ? c.authorName : null,
    authorEmail: null,
    authorWebsite: shown ? c.authorWebsite : null,
    avatar: shown ? c.avatar : null,
    authorKey: null,
    emailKey: null,
    body: shown ? c.body : '',
    html: shown ? c.html : '',
    ipHash: null,
    userAgent: null,
    editTokenHash: null,
    notifyReplies: false,
    spamScore: 0,
    spamReasons: [],
    moderation: [],
    ...(shown && hasReactions(c) ? { reactions: reactionCounts(c.reactions!) } : {}),
  };
};

export const buildExport = (
  posts: readonly ExportedPost[],
  comments: readonly CommentRecord[],
  options: { public: boolean },
): ParleyExport => ({
  format: EXPORT_FORMAT,
  version: EXPORT_VERSION,
  public: options.public,
  posts: [...posts].sort(byId).map((p) => ({
    id: p.id,
    title: p.title,
    url: p.url,
    locked: p.locked,
    ...(p.reactionsOff ? { reactionsOff: true } : {}),
  })),
  comments: [...comments]
    .sort(byId)
    .map((c) => (options.public ? publicComment(c) : commentFields(c)))
    .filter((c): c is CommentRecord => c !== undefined),
});

export const serializeExport = (doc: ParleyExport): string => `${JSON.stringify(doc, null, 2)}\n`;

/** Checks the shape enough that nothing malformed reaches the table; names the first bad entry. */
export const parseParleyExport = (text: string): ParleyExport => {
  const doc = JSON.parse(text) as Partial<ParleyExport>;
  if (doc.format !== EXPORT_FORMAT) throw new Error('Not a Parley export (format is not "parley-export")');
  if (doc.version !== EXPORT_VERSION) throw new Error(`Unsupported Parley export version ${String(doc.version)}`);
  if (!Array.isArray(doc.posts) || !Array.isArray(doc.comments))
    throw new Error('A Parley export needs posts and comments arrays');
  doc.posts.forEach((p, i) => {
    if (typeof p?.id !== 'string' || !isPostId(p.id)) throw new Error(`posts[${i}]: not a post id`);
  });
  doc.comments.forEach((c, i) => {
    if (typeof c?.id !== 'string' || !ID_PATTERN.test(c.id)) throw new Error(`comments[${i}]: not a comment id`);
    if (typeof c.post !== 'string' || !isPostId(c.post)) throw new Error(`comments[${i}]: not a post id`);
    if (typeof c.path !== 'string' || !c.path.endsWith(c.id))
      throw new Error(`comments[${i}]: path must end with its id`);
    if (typeof c.createdAt !== 'string' || typeof c.status !== 'string')
      throw new Error(`comments[${i}]: missing status or createdAt`);
  });
  return doc as ParleyExport;
};
