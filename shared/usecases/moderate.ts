import type { AuditEntry } from '../domain/audit';
import { moderatorView, type ModeratorComment } from '../domain/comment';
import { erase, moderate } from '../domain/comment-lifecycle';
import { AppError } from '../errors';
import { newId } from '../ids';
import type { ModerationAction } from '../schemas/moderation-input';
import { setThreadLock, writeErasure, writeTransition } from '../store/comment-writes';
import { getComment } from '../store/reads';
import { RACED, untilWritten } from './optimistic';

const MAX_RACES = 5;

export interface Moderator {
  readonly username: string;
}

export const audit = (
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
 * Approve, reject or mark spam: read, let the lifecycle decide, write. The status change, the
 * counter moves and the audit entry are one transaction conditional on the version that was read;
 * a lost race re-reads and decides again, so double clicks and concurrent moderators count once.
 */
export const moderateComment = (
  id: string,
  action: ModerationAction,
  by: Moderator,
  reason: string | null,
): Promise<ModeratorComment> =>
  untilWritten(MAX_RACES, async () => {
    const before = await getComment(id);
    const at = new Date().toISOString();
    const change = moderate(before, action, { by: by.username, at, reason });
    if ('unchanged' in change) return moderatorView(change.unchanged);
    const outcome = await writeTransition(change, { audit: audit(action, by, change.next, reason, at) });
    return outcome.ok ? moderatorView(change.next) : RACED;
  });

/** Erases a comment and everything personal in it; replies stay under a placeholder. */
export const eraseCommentForGood = (id: string, by: Moderator, reason: string | null): Promise<void> =>
  untilWritten(MAX_RACES, async () => {
    const erasure = erase(await getComment(id));
    const outcome = await writeErasure(erasure, audit('erase', by, erasure, reason, new Date().toISOString()));
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
        if (action === 'delete') await eraseCommentForGood(id, by, reason);
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
