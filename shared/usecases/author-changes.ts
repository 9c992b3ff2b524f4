import { config } from '../config';
import { keyedHash, safeEqual, sha256 } from '../crypto';
import { authorView, type CommentRecord } from '../domain/comment';
import { initialStatus } from '../domain/moderation-policy';
import { renderMarkdown } from '../domain/render-markdown';
import { assessSpam } from '../domain/spam';
import { AppError } from '../errors';
import { replaceComment } from '../store/comment-writes';
import { getAuthorApprovedCount, getComment } from '../store/reads';
import { getSecret } from '../store/secret';
import { commentNotFound, RACED, untilWritten } from './optimistic';
import { rateCharge, rateLimited } from './rate-limit';

/**
 * The checks every author change passes, in the order API.md gives them: unknown id 404, missing
 * or wrong edit token 401, a status other than pending/approved 403 `forbidden`, a closed window
 * 403 `edit_window_closed`.
 */
const authorise = async (id: string, editToken: string | undefined, now: number): Promise<CommentRecord> => {
  const comment = await getComment(id);
  if (!comment || comment.status === 'erased') throw commentNotFound();
  if (!editToken || !comment.editTokenHash || !safeEqual(sha256(editToken), comment.editTokenHash)) {
    throw new AppError('unauthorized', 'A valid X-Edit-Token header is required to change this comment');
  }
  if (comment.status !== 'pending' && comment.status !== 'approved')
    throw new AppError('forbidden', 'This comment can no longer be changed');
  if (Date.parse(comment.editableUntil) <= now)
    throw new AppError('edit_window_closed', 'The time to edit or delete this comment has passed');
  return comment;
};

const MAX_RACES = 3;

export const editComment = async (cmd: {
  id: string;
  editToken: string | undefined;
  body: string;
  sourceIp: string;
}) => {
  const settings = config();
  const secret = await getSecret();
  let rendered: ReturnType<typeof renderMarkdown> | undefined;
  return untilWritten(MAX_RACES, async () => {
    const now = Date.now();
    const before = await authorise(cmd.id, cmd.editToken, now);
    // Rendered only for a caller who may edit, and once across retries.
    rendered ??= renderMarkdown(cmd.body);
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
    const status = initialStatus(settings.moderation, spam, trusted);
    const after: CommentRecord = {
      ...before,
      body: cmd.body,
      html: rendered.html,
      status,
      editedAt: new Date(now).toISOString(),
      spamScore: spam.score,
      spamReasons: spam.reasons,
      inThread: before.inThread || status === 'approved',
    };
    const rate = rateCharge(keyedHash(secret, 'ip', cmd.sourceIp), now);
    const outcome = await replaceComment(before, after, { rate });
    if (outcome.ok) return authorView({ ...after, version: before.version + 1 });
    if (outcome.failed.includes('comment')) return RACED;
    throw rateLimited(rate, now);
  });
};

export const deleteOwnComment = async (cmd: {
  id: string;
  editToken: string | undefined;
  sourceIp: string;
}): Promise<void> => {
  const secret = await getSecret();
  let raced = false;
  await untilWritten(MAX_RACES, async () => {
    const now = Date.now();
    if (raced) {
      // A lost race may be our own earlier attempt that committed (a timeout after the write): done.
      const current = await getComment(cmd.id);
      if (
        current?.status === 'deleted' &&
        current.editTokenHash &&
        cmd.editToken &&
        safeEqual(sha256(cmd.editToken), current.editTokenHash)
      )
        return undefined;
    }
    const before = await authorise(cmd.id, cmd.editToken, now);
    // The author asked for their words to go: keep only what moderators need to see that it happened.
    const after: CommentRecord = {
      ...before,
      status: 'deleted',
      body: '',
      html: '',
      editedAt: new Date(now).toISOString(),
    };
    const rate = rateCharge(keyedHash(secret, 'ip', cmd.sourceIp), now);
    const outcome = await replaceComment(before, after, { rate });
    if (outcome.ok) return undefined;
    if (outcome.failed.includes('comment')) {
      raced = true;
      return RACED;
    }
    throw rateLimited(rate, now);
  });
};
