/**
 * Blocking a reader: by their email (a keyed hash of it, so the same person under
 * any name) or by their client (the keyed hash of their address), for a number of days. The block
 * is decided from a comment they wrote, so a moderator never sees or types the email or address.
 */
import { AppError } from '../errors';
import type { BlockTarget } from '../schemas/moderation-input';
import type { CommentRecord } from './comment';

export type { BlockTarget };

export interface Block {
  readonly target: BlockTarget;
  readonly hash: string;
  readonly until: string;
  /** Epoch seconds: the table's TTL removes the block some time after, posts ignore it from then. */
  readonly expiresAt: number;
  readonly reason: string;
}

/**
 * Whose block a comment leads to; a comment without an email has no author to block. An author is
 * blocked by their email alone (`emailKey`, a keyed hash), not by their trust identity, which a
 * reader could shed by dropping their credential.
 */
export const blockedHash = (comment: CommentRecord | undefined, target: BlockTarget): string => {
  if (!comment || comment.status === 'erased') throw new AppError('not_found', 'No such comment');
  const hash = target === 'author' ? comment.emailKey : comment.ipHash;
  if (!hash)
    throw new AppError(
      'conflict',
      target === 'author'
        ? 'This comment has no email, so there is no author to block; block the client instead'
        : 'This comment no longer records its client',
    );
  return hash;
};

export const blockFor = (target: BlockTarget, hash: string, days: number, reason: string, now: number): Block => {
  const end = now + days * 86_400_000;
  return { target, hash, until: new Date(end).toISOString(), expiresAt: Math.floor(end / 1000), reason };
};
