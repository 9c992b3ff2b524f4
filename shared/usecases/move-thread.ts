/**
 * Moves every comment of one post id to another (the post's URL changed), a bounded chunk per call
 * so each call makes a constant number of DynamoDB requests however long the thread: the console
 * or `npm run move-thread` calls again until `done`. Each chunk is one transaction that moves its
 * comments and their approved count together, so both counters are exact after every chunk; the
 * source post's item carries a marker (`movedTo`) from the first chunk to the end, which makes a
 * call after an interruption a resumption rather than a merge, and keeps a second move apart.
 */
import { AppError } from '../errors';
import { clearMoveMarker, getMoveMarker, listCommentIds, readMoving, writeMoveChunk } from '../store/thread-move';
import { audit, type Moderator } from './moderate';
import { RACED, untilWritten } from './optimistic';

/** Comments per call: one transaction of them plus the two post items and the audit entry. */
export const MOVE_CHUNK = 50;
const MAX_RACES = 5;

export interface MoveStep {
  readonly from: string;
  readonly to: string;
  /** Comments moved by this call. */
  readonly moved: number;
  /** Nothing is left under `from`; until then, call again. */
  readonly done: boolean;
}

export const moveThreadStep = (
  request: { from: string; to: string; merge: boolean },
  by: Moderator,
  chunk: number = MOVE_CHUNK,
): Promise<MoveStep> => {
  const { from, to, merge } = request;
  if (from === to) throw new AppError('validation_failed', 'from and to are the same post', { to: 'same as from' });
  return untilWritten(MAX_RACES, async () => {
    const marker = await getMoveMarker(from);
    if (marker !== undefined && marker !== to)
      throw new AppError('conflict', `A move of this post to "${marker}" is under way; finish it first`);
    const listed = await listCommentIds(from, chunk);
    const comments = (await readMoving(listed)).filter((c) => c.post === from);
    if (listed.length === 0) {
      if (marker !== undefined) await clearMoveMarker(from, to);
      return { from, to, moved: 0, done: true };
    }
    // Only index entries lagging behind moves already made: nothing to do yet, but not done either.
    if (comments.length === 0) return { from, to, moved: 0, done: false };
    const starting = marker === undefined;
    if (starting && (await getMoveMarker(to)) !== undefined)
      throw new AppError('conflict', `The post "${to}" is itself being moved`);
    if (starting && !merge && (await listCommentIds(to, 1)).length > 0)
      throw new AppError('conflict', `The post "${to}" has comments; move with merge to combine the threads`);
    const at = new Date().toISOString();
    const outcome = await writeMoveChunk({
      from,
      to,
      comments,
      ...(starting
        ? {
            start: {
              audit: audit('move', by, { id: null, post: from }, `to ${to}`, at),
              targetMustBeEmpty: !merge,
            },
          }
        : {}),
    });
    // A lost race (a comment moderated meanwhile, a concurrent call of the same move) re-reads and decides again.
    return outcome.ok ? { from, to, moved: comments.length, done: false } : RACED;
  });
};
