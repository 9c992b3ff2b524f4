import type { Config } from '../config';
import { keyedHash, safeEqual, sha256 } from '../crypto';
import { authorView, type CommentRecord } from '../domain/comment';
import {
  alreadyDeletedByAuthor,
  authorDelete,
  authorEdit,
  authorMayChange,
  type AuthorAccess,
} from '../domain/comment-lifecycle';
import { initialStatus } from '../domain/moderation-policy';
import { renderMarkdown } from '../domain/render-markdown';
import { checkStoredSize } from '../domain/stored-size';
import { assessSpam, duplicateFingerprint, duplicateScope, type SpamSettings } from '../domain/spam';
import { AppError } from '../errors';
import { writeTransition } from '../store/comment-writes';
import { getComment, getRecentUntil } from '../store/reads';
import { getSecret } from '../store/secret';
import { RACED, untilWritten } from './optimistic';
import { rateCharge, rateLimited, type RateLimitSettings } from './rate-limit';

export type EditSettings = Pick<Config, 'moderation' | 'duplicateWindowSeconds'> & SpamSettings & RateLimitSettings;
export type DeleteSettings = RateLimitSettings;

const MAX_RACES = 3;

/** Whether the request carries the edit token whose hash the comment keeps (compared in constant time). */
const holdsEditToken = (comment: CommentRecord | undefined, editToken: string | undefined): boolean =>
  Boolean(editToken && comment?.editTokenHash && safeEqual(sha256(editToken), comment.editTokenHash));

const accessOf = (comment: CommentRecord | undefined, editToken: string | undefined, now: number): AuthorAccess => ({
  holdsEditToken: holdsEditToken(comment, editToken),
  now,
});

/** Refused before anything is read, so the answer is the same whatever the id. */
const requireEditToken = (editToken: string | undefined): void => {
  if (!editToken) throw new AppError('unauthorized', 'A valid X-Edit-Token header is required to change this comment');
};

export const editComment = async (
  settings: EditSettings,
  cmd: { id: string; editToken: string | undefined; body: string; sourceIp: string },
) => {
  requireEditToken(cmd.editToken);
  const secret = await getSecret();
  let rendered: ReturnType<typeof renderMarkdown> | undefined;
  return untilWritten(MAX_RACES, async () => {
    const now = Date.now();
    const nowSeconds = Math.floor(now / 1000);
    const read = await getComment(cmd.id);
    const access = accessOf(read, cmd.editToken, now);
    const before = authorMayChange(read, access);
    // Rendered only for a caller who may edit, and once across retries.
    rendered ??= renderMarkdown(cmd.body);
    checkStoredSize(cmd.body, rendered.html);
    // The same duplicate check as a new comment's; rewording one's own text is no duplicate.
    const recentHash = keyedHash(secret, 'duplicate', duplicateScope(before.post, cmd.body));
    const sameText = duplicateFingerprint(cmd.body) === duplicateFingerprint(before.body);
    const isDuplicate = !sameText && ((await getRecentUntil(recentHash)) ?? 0) > nowSeconds;
    const spam = assessSpam(
      {
        honeypot: undefined,
        text: [before.authorName ?? '', before.authorWebsite ?? '', cmd.body].join('\n'),
        linkCount: rendered.linkCount,
        elapsedMs: undefined,
        isDuplicate,
      },
      settings,
    );
    // Only the token holder can edit: an approved comment proves its author trusted.
    const trusted = settings.moderation === 'trusted' && before.status === 'approved';
    const change = authorEdit(before, access, {
      body: cmd.body,
      html: rendered.html,
      status: initialStatus(settings.moderation, spam, trusted),
      spamScore: spam.score,
      spamReasons: spam.reasons,
    });
    const rate = rateCharge(settings, keyedHash(secret, 'ip', cmd.sourceIp), now);
    const outcome = await writeTransition(change, {
      rate,
      unlessLocked: true,
      recent: { hash: recentHash, expiresAt: nowSeconds + settings.duplicateWindowSeconds },
    });
    if (outcome.ok) return authorView(change.next);
    if (outcome.failed.has('comment')) return RACED;
    if (outcome.failed.has('post'))
      throw new AppError('thread_locked', 'This thread is locked: its comments can no longer be edited');
    throw rateLimited(settings, rate, now);
  });
};

export const deleteOwnComment = async (
  settings: DeleteSettings,
  cmd: { id: string; editToken: string | undefined; sourceIp: string },
): Promise<void> => {
  requireEditToken(cmd.editToken);
  const secret = await getSecret();
  await untilWritten(MAX_RACES, async () => {
    const now = Date.now();
    const read = await getComment(cmd.id);
    // Deleted already (a repeat, or our own earlier attempt that committed before a timeout): the
    // same 204, with nothing written and nothing charged, so a delete counts once.
    if (alreadyDeletedByAuthor(read, holdsEditToken(read, cmd.editToken))) return undefined;
    const change = authorDelete(read, accessOf(read, cmd.editToken, now));
    const rate = rateCharge(settings, keyedHash(secret, 'ip', cmd.sourceIp), now);
    const outcome = await writeTransition(change, { rate });
    if (outcome.ok) return undefined;
    if (outcome.failed.has('comment')) return RACED;
    throw rateLimited(settings, rate, now);
  });
};
