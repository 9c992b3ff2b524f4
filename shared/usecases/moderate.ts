import {
  moderationEntry,
  moderatorView,
  type CommentRecord,
  type CommentStatus,
  type ModeratorComment,
} from '../domain/comment';
import { AppError } from '../errors';
import { newId } from '../ids';
import type { ModerationAction } from '../schemas/moderation-input';
import type { AuditEntry } from '../domain/audit';
import { eraseComment as eraseInStore, replaceComment, setThreadLock } from '../store/comment-writes';
import { getComment } from '../store/reads';
import { commentNotFound, RACED, untilWritten } from './optimistic';

const TARGET: Record<ModerationAction, CommentStatus> = { approve: 'approved', reject: 'rejected', spam: 'spam' };
/** The moderation history kept on a comment; the audit log keeps everything. */
const HISTORY_LIMIT = 20;
const MAX_RACES = 5;

export interface Moderator {
  readonly username: string;
}

const audit = (
  action: string,
  by: Moderator,
  c: { id: string | null; post: string },
  reason: string | null,
  at: string,
): AuditEntry => ({
  id: newId(),
  action,
  by: by.username,
  commentId: c.id,
  post: c.post,
  at,
  reason,
});

/**
 * Approve, reject or mark spam. The status change, the post's counter, the author's trust counter
 * and the audit entry are one transaction conditional on the version that was read; a lost race
 * re-reads and decides again, so double clicks and concurrent moderators count once.
 */
export const moderateComment = (
  id: string,
  action: ModerationAction,
  by: Moderator,
  reason: string | null,
): Promise<ModeratorComment> =>
  untilWritten(MAX_RACES, async () => {
    const before = await getComment(id);
    if (!before || before.status === 'erased') throw commentNotFound();
    if (before.status === 'deleted')
      throw new AppError('conflict', 'Its author deleted this comment; it cannot be moderated');
    const target = TARGET[action];
    if (before.status === target) return moderatorView(before);
    const at = new Date().toISOString();
    const after: CommentRecord = {
      ...before,
      status: target,
      inThread: before.inThread || target === 'approved',
      moderation: [...before.moderation, moderationEntry(action, by.username, at, reason)].slice(-HISTORY_LIMIT),
    };
    const outcome = await replaceComment(before, after, { audit: audit(action, by, before, reason, at) });
    return outcome.ok ? moderatorView({ ...after, version: before.version + 1 }) : RACED;
  });

/** Erases a comment and everything personal in it; replies stay under a placeholder. */
export const eraseComment = (id: string, by: Moderator, reason: string | null): Promise<void> =>
  untilWritten(MAX_RACES, async () => {
    const before = await getComment(id);
    if (!before || before.status === 'erased') throw commentNotFound();
    const outcome = await eraseInStore(before, audit('erase', by, before, reason, new Date().toISOString()));
    return outcome.ok ? undefined : RACED;
  });

export type BulkOutcome = 'ok' | 'not_found' | 'conflict';

/** Runs one action over up to 100 comments, a few at a time; each comment is its own transaction. */
export const bulkModerate = async (
  action: ModerationAction | 'delete',
  ids: readonly string[],
  by: Moderator,
  reason: string | null,
): Promise<Record<string, BulkOutcome>> => {
  const results: Record<string, BulkOutcome> = {};
  const queue = [...new Set(ids)];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        if (action === 'delete') await eraseComment(id, by, reason);
        else await moderateComment(id, action, by, reason);
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
