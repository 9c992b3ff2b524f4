import type { Config } from '../config';
import type { AuditEntry } from '../domain/audit';
import { moderatorView, type ModeratorComment } from '../domain/comment';
import { ChangedSinceSeen, erase, moderate } from '../domain/comment-lifecycle';
import { blogOrigins, checkPostUrl, metaByModerator } from '../domain/post-meta';
import { AppError, StaleVersionError } from '../errors';
import { newId } from '../ids';
import type { ModerationAction } from '../schemas/moderation-input';
import { writeErasure, writeTransition } from '../store/comment-writes';
import { setPostMeta, setThreadLock } from '../store/post-item';
import { getAuthorApprovedCount, getComment, getPost } from '../store/reads';
import { IDEMPOTENCY_TTL_SECONDS } from './idempotency';
import { RACED, untilWritten } from './optimistic';

const MAX_RACES = 5;

export interface Moderator {
  /** The user pool's immutable id of the moderator: what the audit log identifies them by. */
  readonly sub: string;
  /** Their verified email when the token carries one (as it is now; it may change later). */
  readonly email: string | null;
  /** A readable name: the pool's username, else the email, else the sub. */
  readonly username: string;
}

/** An audit entry of `by`'s action on a comment (or, with a null id, a thread). */
export const audit = (
  action: string,
  by: Moderator,
  c: { id: string | null; post: string },
  reason: string | null,
  at: string,
): AuditEntry => ({
  id: newId(),
  action,
  by: by.sub,
  byName: by.username,
  byEmail: by.email,
  commentId: c.id,
  post: c.post,
  at,
  reason,
});

/** Shows the moderator what the comment says now (their view of it, never the stored record). */
const showCurrent = (error: unknown): never => {
  if (error instanceof ChangedSinceSeen) throw new StaleVersionError(error.message, moderatorView(error.current));
  throw error;
};

/**
 * Approve, reject or mark spam: read, let the lifecycle decide, write. The status change, the
 * counter moves and the audit entry are one transaction conditional on the version that was read;
 * a lost race re-reads and decides again, so double clicks and concurrent moderators count once.
 * With `seenVersion`, a comment that changed since the moderator saw it is a 409 `conflict`
 * carrying its current text, also when the change lands between the read and the write (the
 * re-read sees the new version).
 */
export const moderateComment = (
  id: string,
  action: ModerationAction,
  by: Moderator,
  reason: string | null,
  seenVersion?: number,
): Promise<ModeratorComment> =>
  untilWritten(MAX_RACES, async () => {
    const before = await getComment(id);
    const at = new Date().toISOString();
    let change: ReturnType<typeof moderate>;
    try {
      change = moderate(before, action, { by: by.username, at, reason, seenVersion });
    } catch (error) {
      return showCurrent(error);
    }
    if ('unchanged' in change) return moderatorView(change.unchanged);
    const outcome = await writeTransition(change, { audit: audit(action, by, change.next, reason, at) });
    return outcome.ok ? moderatorView(change.next) : RACED;
  });

/**
 * Erases a comment and everything personal in it; replies stay under a placeholder. The same
 * transaction removes its traces: the idempotency record and duplicate marker of its request, the
 * author's trust record when nothing is left to count, and the post's title and URL when this
 * comment set them (the feed then links to the site URL and post id).
 */
export const eraseCommentForGood = (id: string, by: Moderator, reason: string | null): Promise<void> =>
  untilWritten(MAX_RACES, async () => {
    const before = await getComment(id);
    const erasure = erase(before);
    const [post, authorCount] = await Promise.all([
      getPost(erasure.post, true),
      before?.authorKey ? getAuthorApprovedCount(before.authorKey) : Promise.resolve(0),
    ]);
    const outcome = await writeErasure(erasure, audit('erase', by, erasure, reason, new Date().toISOString()), {
      idempotency: before?.idempotencyKeyHash
        ? { keyHash: before.idempotencyKeyHash, expiresAt: Math.floor(Date.now() / 1000) + IDEMPOTENCY_TTL_SECONDS }
        : null,
      recentHash: before?.recentHash ?? null,
      author: before?.authorKey ? { key: before.authorKey, countRead: authorCount } : null,
      postMeta: { title: post.titleFrom === id, url: post.urlFrom === id },
    });
    return outcome.ok ? undefined : RACED;
  });

export type BulkOutcome = 'ok' | 'not_found' | 'conflict';

/** Runs one action over up to 100 comments, a few at a time; each comment is its own transaction. */
export const bulkModerate = async (
  action: ModerationAction | 'delete',
  ids: readonly string[],
  by: Moderator,
  reason: string | null,
  /** id -> the version the moderator saw; a comment that changed since is a `conflict`. */
  seenVersions: Readonly<Record<string, number>> = {},
): Promise<Record<string, BulkOutcome>> => {
  const results: Record<string, BulkOutcome> = {};
  const queue = [...new Set(ids)];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        if (action === 'delete') await eraseCommentForGood(id, by, reason);
        else await moderateComment(id, action, by, reason, seenVersions[id]);
        results[id] = 'ok';
      } catch (error) {
        if (error instanceof AppError && error.kind === 'not_found') results[id] = 'not_found';
        else if (error instanceof AppError && error.kind === 'conflict') results[id] = 'conflict';
        else throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return Object.fromEntries(ids.map((id) => [id, results[id] ?? 'not_found']));
};

/** Locks or unlocks a thread; doing it twice is harmless and audited once. */
export const setLock = async (
  post: string,
  locked: boolean,
  by: Moderator,
): Promise<{ post: string; locked: boolean }> => {
  await setThreadLock(
    post,
    locked,
    audit(locked ? 'lock' : 'unlock', by, { id: null, post }, null, new Date().toISOString()),
  );
  return { post, locked };
};

/**
 * A moderator names a post (or corrects the name a comment gave it): the title and URL the feeds
 * show. The URL must be on the blog's origins, as a comment's must. Audited, with the new name.
 */
export const namePost = async (
  settings: Pick<Config, 'allowedOrigins' | 'siteUrl'>,
  post: string,
  meta: { title: string | null; url: string | null },
  by: Moderator,
): Promise<{ post: string; title: string | null; url: string | null }> => {
  checkPostUrl(meta.url, blogOrigins(settings.allowedOrigins, settings.siteUrl));
  const at = new Date().toISOString();
  const named = `title: ${meta.title ?? '(none)'}; url: ${meta.url ?? '(none)'}`;
  await setPostMeta(
    post,
    { ...meta, by: metaByModerator(by.username) },
    audit('name-post', by, { id: null, post }, named, at),
  );
  return { post, ...meta };
};
