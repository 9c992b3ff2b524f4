/**
 * Turns a parsed export into the exact CommentRecords to store and the report of what happens to
 * every source comment. Pure: given the same file, options and secret it plans the same records, so
 * a second run writes the same ids and its conditional writes create nothing.
 *
 * Memory stays small for large files: planning keeps what decides the threads (ids, parents,
 * statuses, whether a body is acceptable), and the records, with their converted bodies, are made
 * one at a time while they are written; each source comment is let go once its record is made.
 */
import { authorHashes, emailKeyOf, keyedHash } from '../crypto';
import { moderationEntry, type CommentRecord, type CommentStatus } from '../domain/comment';
import { childPath } from '../domain/thread-sort-keys';
import { importedCommentId } from './comment-ids';
import { convertBody, type Converted } from './content';
import { NAME_MAX, WEBSITE_MAX } from './limits';
import type { ImportedComment, ParsedExport } from './model';
import { resolvePostId, type PostIdMode } from './post-ids';
import { repairThreads, type Placed } from './thread-repair';

/**
 * Imported authors hold no credential (docs/api.md, trusted readers), so their identity is rooted
 * in the import itself: the same email keeps one identicon across every imported source, and a
 * reader who only types that email later starts an identity of their own.
 */
export const IMPORTED_IDENTITY_ROOT = 'imported';

export interface PlannedPost {
  readonly id: string;
  readonly title: string | null;
  readonly url: string | null;
  readonly locked: boolean;
}

export interface ImportReport {
  format: string;
  dryRun: boolean;
  posts: number;
  threads: number;
  imported: { total: number; approved: number; pending: number; spam: number; placeholder: number };
  /** Already in the table from an earlier run: nothing written, no counter moved. */
  alreadyPresent: number;
  skipped: { total: number; byReason: Record<string, number> };
  /** Replies whose parent was missing or skipped, moved up to the nearest kept ancestor. */
  reattached: number;
  /** Replies deeper than the cap, attached to the deepest allowed ancestor. */
  flattenedOverDepthCap: number;
}

export interface ImportPlan {
  readonly posts: readonly PlannedPost[];
  /** Parents before their replies; made as they are read, once (a plan is written once). */
  readonly records: Iterable<CommentRecord>;
  readonly count: number;
  readonly report: ImportReport;
}

const STATUS: Record<string, CommentStatus> = {
  approved: 'approved',
  pending: 'pending',
  spam: 'spam',
  deleted: 'deleted',
};

const website = (raw: string | null): string | null => {
  if (!raw || raw.length > WEBSITE_MAX) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
};

const email = (raw: string | null): string | null =>
  raw && raw.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(raw) ? raw.toLowerCase() : null;

export const emptyReport = (format: string, dryRun: boolean): ImportReport => ({
  format,
  dryRun,
  posts: 0,
  threads: 0,
  imported: { total: 0, approved: 0, pending: 0, spam: 0, placeholder: 0 },
  alreadyPresent: 0,
  skipped: { total: 0, byReason: {} },
  reattached: 0,
  flattenedOverDepthCap: 0,
});

export const planImport = (
  parsed: ParsedExport,
  options: { postIds: PostIdMode; secret: string; importedAt: string; dryRun?: boolean },
): ImportPlan => {
  const report = emptyReport(parsed.format, options.dryRun === true);
  const postIds = new Map<string, string | null>();
  for (const p of parsed.posts) postIds.set(p.key, resolvePostId(p, options.postIds));

  const invalid = new Map<string, string>();
  const seen = new Set<string>();
  for (const c of parsed.comments) {
    if (c.sourceId === '' || seen.has(c.sourceId)) invalid.set(c.sourceId, 'missing or repeated source id');
    else if (!postIds.get(c.postKey)) invalid.set(c.sourceId, 'post id does not fit (or post missing)');
    seen.add(c.sourceId);
    if (invalid.has(c.sourceId) || c.status === 'deleted' || c.status === 'pingback') continue;
    // Checked now, converted again when its record is made: holding 100,000 converted bodies costs more.
    const body = convertBody(c.content);
    if (!body.ok) invalid.set(c.sourceId, body.reason);
  }
  const repaired = repairThreads(parsed.comments, invalid);
  for (const { reason } of repaired.skipped)
    report.skipped.byReason[reason] = (report.skipped.byReason[reason] ?? 0) + 1;
  report.skipped.total = repaired.skipped.length;
  report.reattached = repaired.reattached;
  report.flattenedOverDepthCap = repaired.flattened;

  const usedPosts = new Set<string>();
  for (const { comment: c, depth } of repaired.kept) {
    const status = STATUS[c.status] ?? 'pending';
    usedPosts.add(postIds.get(c.postKey)!);
    report.imported.total++;
    if (status === 'deleted') report.imported.placeholder++;
    else report.imported[status as 'approved' | 'pending' | 'spam']++;
    if (depth === 0 && (status === 'approved' || status === 'deleted')) report.threads++;
  }
  const posts: PlannedPost[] = [];
  for (const p of parsed.posts) {
    const id = postIds.get(p.key);
    if (id && usedPosts.has(id) && !posts.some((q) => q.id === id))
      posts.push({ id, title: p.title, url: p.url, locked: false });
  }
  report.posts = posts.length;
  const format = parsed.format;
  const kept: (Placed | undefined)[] = [...repaired.kept];
  function* records(): Generator<CommentRecord> {
    // A reply needs only its parent's id and path, so only those are remembered.
    const placed = new Map<string, { id: string; path: string }>();
    for (let i = 0; i < kept.length; i++) {
      const { comment: c, parentSourceId, depth } = kept[i]!;
      kept[i] = undefined;
      const parent = parentSourceId === null ? undefined : placed.get(parentSourceId);
      const body = c.status === 'deleted' ? undefined : convertBody(c.content);
      const record = toRecord(c, format, postIds.get(c.postKey)!, parent, depth, body, options);
      placed.set(c.sourceId, { id: record.id, path: record.path });
      yield record;
    }
  }
  return { posts, records: records(), count: kept.length, report };
};

const toRecord = (
  c: ImportedComment,
  format: string,
  post: string,
  parent: { id: string; path: string } | undefined,
  depth: number,
  body: Converted | undefined,
  options: { secret: string; importedAt: string },
): CommentRecord => {
  const id = importedCommentId(format, c.sourceId, c.createdAt);
  const status = STATUS[c.status] ?? 'pending';
  const placeholder = status === 'deleted';
  const mail = placeholder ? null : email(c.authorEmail);
  const hashes = mail ? authorHashes(options.secret, mail, IMPORTED_IDENTITY_ROOT) : undefined;
  const text = body?.ok ? body : { body: '', html: '' };
  return {
    id,
    post,
    parentId: parent?.id ?? null,
    depth,
    path: childPath(parent?.path ?? null, id),
    status,
    authorName: placeholder
      ? null
      : [...(c.authorName ?? 'Anonymous')].slice(0, NAME_MAX).join('').trim() || 'Anonymous',
    authorEmail: mail,
    authorWebsite: placeholder ? null : website(c.authorWebsite),
    avatar: hashes?.avatar ?? null,
    authorKey: hashes?.authorKey ?? null,
    emailKey: mail ? emailKeyOf(options.secret, mail) : null,
    body: text.body,
    html: text.html,
    ipHash: !placeholder && c.ip ? keyedHash(options.secret, 'ip', c.ip) : null,
    userAgent: placeholder ? null : (c.userAgent?.slice(0, 512) ?? null),
    createdAt: c.createdAt,
    editedAt: null,
    // Nobody holds an edit token for an imported comment.
    editableUntil: c.createdAt,
    editTokenHash: null,
    notifyReplies: false,
    spamScore: 0,
    spamReasons: status === 'spam' ? [`marked spam in ${format}`] : [],
    moderation: [moderationEntry('import', `import:${format}`, options.importedAt, `${format} status ${c.status}`)],
    version: 1,
    inThread: status === 'approved' || placeholder,
    // Posts get their names from the export itself; nothing posted them, so no request traces.
    proposedTitle: null,
    proposedUrl: null,
    idempotencyKeyHash: null,
    recentHash: null,
    // An imported queue waits for the owner, however old its comments are.
    expiresAt: null,
  };
};
