/** A comment as Parley stores it, and the views different readers may see of it. */
import type { PublicComment } from '../schemas/api-types';

export type CommentStatus = 'pending' | 'approved' | 'rejected' | 'spam' | 'deleted' | 'erased';

export interface ModerationEntry {
  readonly action: string;
  readonly by: string;
  readonly at: string;
  readonly reason: string | null;
}

export const moderationEntry = (action: string, by: string, at: string, reason: string | null): ModerationEntry => ({
  action,
  by,
  at,
  reason,
});

export interface CommentRecord {
  readonly id: string;
  readonly post: string;
  readonly parentId: string | null;
  readonly depth: number;
  /** `root#child#...#id`: ids from the top-level comment down to this one. */
  readonly path: string;
  readonly status: CommentStatus;
  readonly authorName: string | null;
  /** Set only on a moderator's own reply (POST /v1/admin/comments/{id}/reply): the verified badge. */
  readonly authorRole?: 'moderator';
  readonly authorEmail: string | null;
  readonly authorWebsite: string | null;
  /** Keyed hash of the email for identicons; null without an email. */
  readonly avatar: string | null;
  /** Keyed hash of the email that finds the author's trust record; null without an email. */
  readonly authorKey: string | null;
  readonly body: string;
  readonly html: string;
  readonly ipHash: string | null;
  readonly userAgent: string | null;
  readonly createdAt: string;
  readonly editedAt: string | null;
  readonly editableUntil: string;
  readonly editTokenHash: string | null;
  /** The author asked to hear of replies (stored for a notifier; v1 sends no mail). */
  readonly notifyReplies: boolean;
  readonly spamScore: number;
  readonly spamReasons: readonly string[];
  readonly moderation: readonly ModerationEntry[];
  /** Bumped by every change; writes are conditional on it (optimistic concurrency in the database). */
  readonly version: number;
  /** Whether the comment was ever approved, and so has a place in the public thread index. */
  readonly inThread: boolean;
}

// The public view's shape is the documented response schema's (one description of the API).
export type { PublicComment };

/** The statuses a poster may be told: spam is reported as pending so spammers learn nothing. */
export const statusShownToAuthor = (status: CommentStatus): CommentStatus =>
  status === 'spam' || status === 'rejected' ? 'pending' : status;

export const publicComment = (c: CommentRecord): PublicComment => ({
  id: c.id,
  post: c.post,
  parentId: c.parentId,
  depth: c.depth,
  author:
    c.authorName === null
      ? null
      : {
          name: c.authorName,
          website: c.authorWebsite,
          avatar: c.avatar,
          ...(c.authorRole === 'moderator' ? { role: c.authorRole } : {}),
        },
  html: c.html,
  createdAt: c.createdAt,
  editedAt: c.editedAt,
  deleted: false,
  replies: [],
});

/** The poster's own view (POST and PATCH responses): public fields plus the status. */
export const authorView = (c: CommentRecord) => ({ ...publicComment(c), status: statusShownToAuthor(c.status) });

/** Everything a moderator needs to decide; never the edit token hash. */
export const moderatorView = (c: CommentRecord) => ({
  ...publicComment(c),
  deleted: c.status === 'deleted',
  status: c.status,
  body: c.body,
  email: c.authorEmail,
  ipHash: c.ipHash,
  userAgent: c.userAgent,
  spam: { score: c.spamScore, reasons: [...c.spamReasons] },
  moderation: [...c.moderation],
});
export type ModeratorComment = ReturnType<typeof moderatorView>;
