/** A comment as Parley stores it, and the views different readers may see of it. */
import type { PublicComment } from '../schemas/api-types';
import { noReactions, type ReactionCounts } from './reactions';

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
  /**
   * Keyed hash of the email and the author's credential root: the trust identity (trust record,
   * identicon), which typing an email alone cannot take over; null without an email.
   */
  readonly authorKey: string | null;
  /**
   * Keyed hash of the email alone: what the address itself owns, whoever typed it (reply
   * subscriptions, the reader's own data, a moderator's block); null without an email.
   */
  readonly emailKey: string | null;
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
  /** The post's title and URL as this comment proposed them: they name the post only once it is approved. */
  readonly proposedTitle: string | null;
  readonly proposedUrl: string | null;
  /** Keys of the request's idempotency record and duplicate marker, so that erasing the comment deletes them. */
  readonly idempotencyKeyHash: string | null;
  readonly recentHash: string | null;
  /**
   * Epoch seconds at which DynamoDB's TTL deletes a comment nobody ever approved (kept only while it
   * is pending or spam and has no thread place; it counts in no counter, so nothing drifts).
   */
  readonly expiresAt: number | null;
  /**
   * Reaction counts, moved only by reaction writes (which also bump `version`, so a whole-item
   * write decided on an older read fails its condition rather than putting old counts back).
   */
  readonly reactions?: ReactionCounts;
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
  reactions: c.reactions ?? noReactions,
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
  /** Sent back with a verdict, so one given on an older text is refused (409). */
  version: c.version,
});
export type ModeratorComment = ReturnType<typeof moderatorView>;
