/**
 * What one comment change implies for notifications, decided without any I/O: a moderator digest
 * entry when a comment starts waiting (pending or held as spam), a reply notification when a reply
 * is approved, and the webhook events. Unchanged statuses imply nothing.
 */
import type { CommentRecord } from '../comment';

export type WebhookEventType = 'comment.pending' | 'comment.approved';

export type Implication =
  | { readonly kind: 'moderator-digest'; readonly comment: CommentRecord }
  | { readonly kind: 'reply-notification'; readonly reply: CommentRecord; readonly parentId: string }
  | { readonly kind: 'webhook'; readonly type: WebhookEventType; readonly comment: CommentRecord }
  /** A new comment asked for reply notifications: its address gets the double opt-in mail. */
  | { readonly kind: 'confirmation-request'; readonly comment: CommentRecord };

/** Spam never triggers a confirmation mail: the form must not become a way to mail strangers. */
const asksForReplies = (before: CommentRecord | null, after: CommentRecord): Implication[] =>
  before === null && after.notifyReplies && after.authorEmail !== null && after.status !== 'spam'
    ? [{ kind: 'confirmation-request', comment: after }]
    : [];

export const implicationsOf = (before: CommentRecord | null, after: CommentRecord): Implication[] =>
  before?.status === after.status ? [] : [...asksForReplies(before, after), ...statusImplications(after)];

const statusImplications = (after: CommentRecord): Implication[] => {
  switch (after.status) {
    case 'pending':
      return [
        { kind: 'moderator-digest', comment: after },
        { kind: 'webhook', type: 'comment.pending', comment: after },
      ];
    case 'spam':
      return [{ kind: 'moderator-digest', comment: after }];
    case 'approved':
      return [
        ...(after.parentId === null
          ? []
          : [{ kind: 'reply-notification' as const, reply: after, parentId: after.parentId }]),
        { kind: 'webhook', type: 'comment.approved', comment: after },
      ];
    default:
      return [];
  }
};

export type SubscriberState = 'pending' | 'confirmed' | 'stopped';

/**
 * Whether the parent's author hears of this reply: only an approved reply, only when the parent
 * asked for replies with an address whose subscription is confirmed, and never for their own reply
 * (same `emailKey`, the keyed hash of the address).
 */
export const shouldNotifyParent = (
  reply: Pick<CommentRecord, 'status' | 'emailKey'>,
  parent: Pick<CommentRecord, 'notifyReplies' | 'authorEmail' | 'emailKey' | 'status'>,
  subscriber: SubscriberState | null,
): boolean =>
  reply.status === 'approved' &&
  parent.notifyReplies &&
  parent.authorEmail !== null &&
  parent.status !== 'erased' &&
  subscriber === 'confirmed' &&
  !(reply.emailKey !== null && reply.emailKey === parent.emailKey);
