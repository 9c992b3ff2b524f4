import { AppError } from '../errors';
import { moderationEntry, type CommentRecord, type CommentStatus } from './comment';

/**
 * The comment lifecycle in one place: which changes each status allows, what a comment looks like
 * after one, and how the approved-comment counters move. Each function takes the record as read
 * (undefined when there is none) and either refuses with an AppError or returns the decided change
 * for the store to write as one transaction, conditional on the version that was read.
 *
 *   pending/rejected/spam --approve--> approved --reject/spam--> rejected/spam (keeps its thread place)
 *   pending/approved --author edit--> pending/approved/spam (as the moderation policy decides)
 *   rejected/spam --author edit--> unchanged status (the author is answered as for a pending one)
 *   pending/approved/rejected/spam --author delete--> deleted (moderators can then only erase it)
 *   any but erased --erase--> gone, or a content-free tombstone if it ever was in the thread
 */

export type ModeratorVerdict = 'approve' | 'reject' | 'spam';

/**
 * One move of a counter: the post's approved total, the author's trust record, or the post's count
 * of held comments (`held`: waiting unapproved, with an expiry; see `heldMoves`).
 */
export interface CounterMove {
  readonly counter: 'post' | 'author' | 'held';
  /** The post id (`post`, `held`), or the author's key. */
  readonly key: string;
  readonly delta: number;
}

/**
 * A decided change: the record to store (version bumped), the counters that move with it, and the
 * version it was decided on (the write is conditional on it still being there).
 */
export interface Transition {
  readonly readVersion: number;
  readonly next: CommentRecord;
  readonly counters: readonly CounterMove[];
}

/** What remains of an erased comment that had a place in the thread: where it was, nothing of what or who. */
export interface Tombstone extends Pick<CommentRecord, 'id' | 'post' | 'parentId' | 'depth' | 'path' | 'createdAt'> {
  readonly status: 'erased';
  readonly inThread: true;
  readonly version: number;
}

/** A decided erasure: `remains` is null when the comment is deleted outright. */
export interface Erasure {
  readonly id: string;
  readonly post: string;
  readonly readVersion: number;
  readonly remains: Tombstone | null;
  readonly counters: readonly CounterMove[];
}

/** Whether the author may still change their comment: they hold its edit token, and when it is. */
export interface AuthorAccess {
  readonly holdsEditToken: boolean;
  readonly now: number;
}

/** What an author's edit brings; the status is the moderation policy's verdict on the new text. */
export interface AuthorEdit {
  readonly body: string;
  readonly html: string;
  readonly status: CommentStatus;
  readonly spamScore: number;
  readonly spamReasons: readonly string[];
}

/** A moderator's verdict that the comment already has: nothing to write. */
export interface Unchanged {
  readonly unchanged: CommentRecord;
}

export interface ModeratorNote {
  readonly by: string;
  readonly at: string;
  readonly reason: string | null;
  /**
   * The version the moderator saw when deciding. A verdict is about a text: when the comment has
   * changed since (its author edited it), the verdict no longer applies and is refused.
   */
  readonly seenVersion?: number;
}

/** The verdict was given on an older text of the comment; `current` is what it says now. */
export class ChangedSinceSeen extends AppError {
  constructor(readonly current: CommentRecord) {
    super('conflict', 'This comment changed since you saw it; look at it again before deciding');
  }
}

/** The moderation history kept on a comment; the audit log keeps everything. */
export const HISTORY_LIMIT = 20;

const VERDICT_STATUS: Record<ModeratorVerdict, CommentStatus> = {
  approve: 'approved',
  reject: 'rejected',
  spam: 'spam',
};

/**
 * `inThread` means "was ever approved": once a comment has appeared in the public thread it keeps
 * its place there (shown as a placeholder when no longer approved), so replies under it stay put.
 */
export const inThreadAfter = (wasInThread: boolean, status: CommentStatus): boolean =>
  wasInThread || status === 'approved';

/**
 * The counters count approved comments: entering `approved` adds one to the post's total and to
 * the author's trust record (when the comment has an author key), leaving it takes one away.
 * `from` is null for a comment that did not exist before.
 */
export const counterMoves = (
  comment: Pick<CommentRecord, 'post' | 'authorKey'>,
  from: CommentStatus | null,
  to: CommentStatus,
): CounterMove[] => {
  const delta = (to === 'approved' ? 1 : 0) - (from === 'approved' ? 1 : 0);
  if (delta === 0) return [];
  const post: CounterMove = { counter: 'post', key: comment.post, delta };
  return comment.authorKey ? [post, { counter: 'author', key: comment.authorKey, delta }] : [post];
};

/**
 * A post counts the comments it holds: those nobody approved yet that carry an expiry (pending or
 * spam, see `expiryAfter`). Gaining an expiry adds one, losing it (approval, rejection, the author's
 * delete, erasure, or DynamoDB's TTL) takes one away; the count caps a post's queue.
 */
export const heldMoves = (
  before: Pick<CommentRecord, 'post' | 'expiresAt'> | null,
  after: Pick<CommentRecord, 'post' | 'expiresAt'> | null,
): CounterMove[] => {
  const was = before?.expiresAt != null ? 1 : 0;
  const is = after?.expiresAt != null ? 1 : 0;
  if (was === is) return [];
  return [{ counter: 'held', key: (after ?? before)!.post, delta: is - was }];
};

export const commentNotFound = (): AppError => new AppError('not_found', 'No such comment');

/** An erased comment is gone for everyone who might change it. */
const existing = (comment: CommentRecord | undefined): CommentRecord => {
  if (!comment || comment.status === 'erased') throw commentNotFound();
  return comment;
};

/**
 * Only a comment nobody ever approved, still pending or spam, keeps its expiry: once approved,
 * rejected or deleted by its author it stays until erased (and an expiry once dropped never returns).
 */
const expiryAfter = (next: CommentRecord): number | null =>
  (next.status === 'pending' || next.status === 'spam') && !next.inThread ? next.expiresAt : null;

const transition = (before: CommentRecord, next: CommentRecord): Transition => {
  const stored = { ...next, version: before.version + 1, expiresAt: expiryAfter(next) };
  return {
    readVersion: before.version,
    next: stored,
    counters: [...counterMoves(before, before.status, next.status), ...heldMoves(before, stored)],
  };
};

/**
 * Approve, reject or mark spam. A comment its author deleted cannot be moderated (only erased); one
 * that already has the verdict's status comes back unchanged, so a repeat writes and counts nothing.
 */
export const moderate = (
  before: CommentRecord | undefined,
  verdict: ModeratorVerdict,
  note: ModeratorNote,
): Transition | Unchanged => {
  const current = existing(before);
  if (note.seenVersion !== undefined && note.seenVersion !== current.version) throw new ChangedSinceSeen(current);
  if (current.status === 'deleted')
    throw new AppError('conflict', 'Its author deleted this comment; it cannot be moderated');
  const status = VERDICT_STATUS[verdict];
  if (current.status === status) return { unchanged: current };
  return transition(current, {
    ...current,
    status,
    inThread: inThreadAfter(current.inThread, status),
    moderation: [...current.moderation, moderationEntry(verdict, note.by, note.at, note.reason)].slice(-HISTORY_LIMIT),
  });
};

/** A verdict the author must not learn: their changes are answered exactly as for a pending comment. */
const HIDDEN_VERDICTS: ReadonlySet<CommentStatus> = new Set(['rejected', 'spam']);
const AUTHOR_CHANGEABLE: ReadonlySet<CommentStatus> = new Set(['pending', 'approved', ...HIDDEN_VERDICTS]);

/**
 * The checks every author change passes, in the order docs/api.md gives them: an unknown id, a
 * wrong edit token and a comment its author deleted are all the same 404, so a caller without the
 * token cannot tell which ids exist; a closed window is 403 `edit_window_closed`. A rejected or spam
 * comment passes like a pending one, so its author cannot learn the verdict. (A missing token is
 * refused as 401 before the comment is read.) Returns the comment the author may change.
 */
export const authorMayChange = (before: CommentRecord | undefined, access: AuthorAccess): CommentRecord => {
  const current = existing(before);
  if (!access.holdsEditToken || !AUTHOR_CHANGEABLE.has(current.status)) throw commentNotFound();
  if (Date.parse(current.editableUntil) <= access.now)
    throw new AppError('edit_window_closed', 'The time to edit or delete this comment has passed');
  return current;
};

/** The author's new text replaces the old; the status is decided afresh, the thread place is kept. */
export const authorEdit = (before: CommentRecord | undefined, access: AuthorAccess, edit: AuthorEdit): Transition => {
  const current = authorMayChange(before, access);
  // A moderator's or the filter's verdict is not undone by rewording: it stays, with both assessments.
  const kept = HIDDEN_VERDICTS.has(current.status);
  const status = kept ? current.status : edit.status;
  return transition(current, {
    ...current,
    body: edit.body,
    html: edit.html,
    status,
    editedAt: new Date(access.now).toISOString(),
    spamScore: kept ? Math.max(current.spamScore, edit.spamScore) : edit.spamScore,
    spamReasons: kept ? [...new Set([...current.spamReasons, ...edit.spamReasons])] : edit.spamReasons,
    inThread: inThreadAfter(current.inThread, status),
  });
};

/** The author asked for their words to go: keep only what moderators need to see that it happened. */
export const authorDelete = (before: CommentRecord | undefined, access: AuthorAccess): Transition => {
  const current = authorMayChange(before, access);
  return transition(current, {
    ...current,
    status: 'deleted',
    body: '',
    html: '',
    editedAt: new Date(access.now).toISOString(),
  });
};

/**
 * Whether the author already deleted this comment (a repeated DELETE, or an earlier attempt that
 * committed but was answered with a timeout): then there is nothing left to do, and nothing to count.
 */
export const alreadyDeletedByAuthor = (current: CommentRecord | undefined, holdsEditToken: boolean): boolean =>
  current?.status === 'deleted' && holdsEditToken;

/**
 * Erases a comment and everything personal in it, whatever its status. One that ever appeared in
 * the thread leaves a tombstone so its replies keep their place; any other is removed outright.
 */
export const erase = (before: CommentRecord | undefined): Erasure => {
  const current = existing(before);
  const remains: Tombstone | null = current.inThread
    ? {
        id: current.id,
        post: current.post,
        parentId: current.parentId,
        depth: current.depth,
        path: current.path,
        createdAt: current.createdAt,
        status: 'erased',
        inThread: true,
        version: current.version + 1,
      }
    : null;
  return {
    id: current.id,
    post: current.post,
    readVersion: current.version,
    remains,
    counters: [...counterMoves(current, current.status, 'erased'), ...heldMoves(current, null)],
  };
};
