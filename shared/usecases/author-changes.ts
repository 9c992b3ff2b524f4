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
import { assessSpam, type SpamSettings } from '../domain/spam';
import { writeTransition } from '../store/comment-writes';
import { getAuthorApprovedCount, getComment } from '../store/reads';
import { getSecret } from '../store/secret';
import { RACED, untilWritten } from './optimistic';
import { rateCharge, rateLimited, type RateLimitSettings } from './rate-limit';

export type EditSettings = Pick<Config, 'moderation'> & SpamSettings & RateLimitSettings;
export type DeleteSettings = RateLimitSettings;

const MAX_RACES = 3;

/** Whether the request carries the edit token whose hash the comment keeps (compared in constant time). */
const holdsEditToken = (comment: CommentRecord | undefined, editToken: string | undefined): boolean =>
  Boolean(editToken && comment?.editTokenHash && safeEqual(sha256(editToken), comment.editTokenHash));

const accessOf = (comment: CommentRecord | undefined, editToken: string | undefined, now: number): AuthorAccess => ({
  holdsEditToken: holdsEditToken(comment, editToken),
  now,
});

export const editComment = async (
  settings: EditSettings,
  cmd: { id: string; editToken: string | undefined; body: string; sourceIp: string },
) => {
  const secret = await getSecret();
  let rendered: ReturnType<typeof renderMarkdown> | undefined;
  return untilWritten(MAX_RACES, async () => {
    const now = Date.now();
    const read = await getComment(cmd.id);
    const access = accessOf(read, cmd.editToken, now);
    const before = authorMayChange(read, access);
    // Rendered only for a caller who may edit, and once across retries.
    rendered ??= renderMarkdown(cmd.body);
    checkStoredSize(cmd.body, rendered.html);
    const spam = assessSpam(
      {
        honeypot: undefined,
        text: [before.authorName ?? '', before.authorWebsite ?? '', cmd.body].join('\n'),
        linkCount: rendered.linkCount,
        elapsedMs: undefined,
        isDuplicate: false,
      },
      settings,
    );
    // An approved comment proves its author trusted; otherwise ask the author's record.
    const trusted =
      settings.moderation === 'trusted' &&
      (before.status === 'approved' ||
        (before.authorKey !== null && (await getAuthorApprovedCount(before.authorKey)) > 0));
    const change = authorEdit(before, access, {
      body: cmd.body,
      html: rendered.html,
      status: initialStatus(settings.moderation, spam, trusted),
      spamScore: spam.score,
      spamReasons: spam.reasons,
    });
    const rate = rateCharge(settings, keyedHash(secret, 'ip', cmd.sourceIp), now);
    const outcome = await writeTransition(change, { rate });
    if (outcome.ok) return authorView(change.next);
    if (outcome.failed.has('comment')) return RACED;
    throw rateLimited(settings, rate, now);
  });
};

export const deleteOwnComment = async (
  settings: DeleteSettings,
  cmd: { id: string; editToken: string | undefined; sourceIp: string },
): Promise<void> => {
  const secret = await getSecret();
  let raced = false;
  await untilWritten(MAX_RACES, async () => {
    const now = Date.now();
    const read = await getComment(cmd.id);
    // A lost race may be our own earlier attempt that committed (a timeout after the write): done.
    if (raced && alreadyDeletedByAuthor(read, holdsEditToken(read, cmd.editToken))) return undefined;
    const change = authorDelete(read, accessOf(read, cmd.editToken, now));
    const rate = rateCharge(settings, keyedHash(secret, 'ip', cmd.sourceIp), now);
    const outcome = await writeTransition(change, { rate });
    if (outcome.ok) return undefined;
    if (outcome.failed.has('comment')) {
      raced = true;
      return RACED;
    }
    throw rateLimited(settings, rate, now);
  });
};
