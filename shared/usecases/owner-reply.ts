/**
 * The blog owner's reply from the console: a comment stored approved, under the OWNER_NAME with
 * the moderator role (the verified badge), and audited in the same transaction. Only this path
 * writes `authorRole`; the public POST /v1/comments never does.
 */
import type { Config } from '../config';
import { keyedHash } from '../crypto';
import { moderatorView, type CommentRecord, type ModeratorComment } from '../domain/comment';
import { counterMoves, inThreadAfter } from '../domain/comment-lifecycle';
import { renderMarkdown } from '../domain/render-markdown';
import { duplicateScope } from '../domain/spam';
import { checkStoredSize } from '../domain/stored-size';
import { childPath, placeReply } from '../domain/thread-sort-keys';
import { AppError, validationError } from '../errors';
import { newId } from '../ids';
import { insertComment } from '../store/comment-writes';
import { getComment } from '../store/reads';
import { getSecret } from '../store/secret';
import { audit, type Moderator } from './moderate';
import { rateCharge, rateLimited } from './rate-limit';

export type OwnerReplySettings = Pick<
  Config,
  'ownerName' | 'editWindowSeconds' | 'duplicateWindowSeconds' | 'rateLimitMax' | 'rateLimitWindowSeconds'
>;

export const replyAsOwner = async (
  settings: OwnerReplySettings,
  parentId: string,
  body: string,
  by: Moderator,
): Promise<ModeratorComment> => {
  const parent = await getComment(parentId);
  if (!parent || parent.status === 'erased') throw new AppError('not_found', 'No such comment');
  // A reply to a comment readers cannot see would hang in the thread without its context.
  if (parent.status !== 'approved') throw new AppError('conflict', 'Approve the comment before replying to it');
  const secret = await getSecret();
  const now = Date.now();
  const at = new Date(now).toISOString();
  const id = newId(now);
  const placement = placeReply(parent);
  const rendered = renderMarkdown(body);
  checkStoredSize(body, rendered.html);
  const record: CommentRecord = {
    id,
    post: parent.post,
    parentId: placement.parentId,
    depth: placement.depth,
    path: childPath(placement.parentPath, id),
    status: 'approved',
    authorName: settings.ownerName,
    authorRole: 'moderator',
    authorEmail: null,
    authorWebsite: null,
    avatar: null,
    authorKey: null,
    emailKey: null,
    body,
    html: rendered.html,
    ipHash: null,
    userAgent: null,
    createdAt: at,
    editedAt: null,
    // Edited, if ever, by a moderator's tools, not with a reader's edit token: none is issued.
    editableUntil: at,
    editTokenHash: null,
    notifyReplies: false,
    spamScore: 0,
    spamReasons: [],
    moderation: [{ action: 'reply', by: by.username, at, reason: null }],
    version: 1,
    inThread: inThreadAfter(false, 'approved'),
    proposedTitle: null,
    proposedUrl: null,
    idempotencyKeyHash: null,
    recentHash: null,
    expiresAt: null,
  };
  const nowSeconds = Math.floor(now / 1000);
  // Charged to the moderator, so a stolen session cannot flood a thread either.
  const rate = rateCharge(settings, keyedHash(secret, 'moderator', by.username), now);
  const outcome = await insertComment({
    record,
    counters: counterMoves(record, null, 'approved'),
    rate,
    recent: {
      hash: keyedHash(secret, 'duplicate', duplicateScope(parent.post, body)),
      expiresAt: nowSeconds + settings.duplicateWindowSeconds,
    },
    audit: audit('reply', by, { id, post: parent.post }, null, at),
  });
  if (outcome.ok) return moderatorView(record);
  if (outcome.failed.has('post'))
    throw new AppError('thread_locked', 'This thread is locked: it takes no new comments');
  if (outcome.failed.has('parent')) throw validationError({ id: 'Must be an approved comment' });
  if (outcome.failed.has('rate')) throw rateLimited(settings, rate, now);
  throw new AppError('conflict', 'The reply could not be stored because of a concurrent change; send it again');
};
