/**
 * Moderator digests: a waiting comment is queued for every moderator who wants mail, and each
 * moderator's digest goes out when their window allows (`notifyDigestSeconds` 0: one mail per comment,
 * at once, guarded by a send marker). `flushDigests` sends what waits; the notifier calls it after queueing, and
 * a schedule (deployed) or a timer (locally) calls it so no entry waits past its window.
 */
import type { CommentRecord } from '../domain/comment';
import { digestMail, mailComment, type DigestEntry } from '../domain/notifications/mail-content';
import { ACTION_LINK_TTL_SECONDS, signToken, type ModeratorAction } from '../domain/notifications/tokens';
import {
  addDigestEntry,
  claimDigestWindow,
  getModeratorMailMode,
  markDigestEntriesSent,
  releaseDigestWindow,
  unsentDigestEntries,
} from '../store/notification-digest';
import { claimSend, releaseSend } from '../store/notification-markers';
import { getComment } from '../store/reads';
import type { Moderator } from './moderator-directory';
import { seconds, type NotifierDeps } from './notifier-deps';
import { notifyLinks } from './notify-links';

const ACTIONS: readonly ModeratorAction[] = ['approve', 'reject', 'spam'];

const wantsMail = async (moderator: Moderator): Promise<boolean> =>
  (await getModeratorMailMode(moderator.id)) === 'digest';

export const queueForModerators = async (comment: CommentRecord, deps: NotifierDeps): Promise<void> => {
  const nowSeconds = seconds(deps.now());
  for (const moderator of await deps.moderators.list()) {
    if (!(await wantsMail(moderator))) continue;
    if (deps.settings.notifyDigestSeconds === 0) {
      // One mail per comment: this record sends its own entry only, so a failing one blocks no other.
      await sendSingle(comment, moderator, deps);
      continue;
    }
    await addDigestEntry(moderator.id, { commentId: comment.id, version: comment.version }, nowSeconds);
    await flushModerator(moderator, deps);
  }
};

const sendSingle = async (comment: CommentRecord, moderator: Moderator, deps: NotifierDeps): Promise<void> => {
  const dedupeKey = `digest#${moderator.id}#${comment.id}#${comment.version}`;
  if (!(await claimSend(dedupeKey, seconds(deps.now())))) return;
  try {
    const entry = entryFor(comment, moderator, await deps.secret(), deps);
    await deps.mailer.send({ to: moderator.email, ...digestMail(deps.siteTitle, [entry]) });
  } catch (error) {
    await releaseSend(dedupeKey);
    throw error;
  }
  deps.log(`digest: comment ${comment.id} mailed to moderator ${moderator.id}`);
};

export const flushDigests = async (deps: NotifierDeps): Promise<void> => {
  for (const moderator of await deps.moderators.list()) {
    if (await wantsMail(moderator)) await flushModerator(moderator, deps);
  }
};

const entryFor = (comment: CommentRecord, moderator: Moderator, secret: string, deps: NotifierDeps): DigestEntry => {
  const links = notifyLinks(deps.settings.publicApiUrl);
  const nowSeconds = seconds(deps.now());
  const link = (action: ModeratorAction): string =>
    links.action(
      signToken(
        secret,
        'moderator-action',
        { sub: comment.id, by: moderator.id, action },
        ACTION_LINK_TTL_SECONDS,
        nowSeconds,
      ),
    );
  return {
    comment: mailComment(comment),
    links: Object.fromEntries(ACTIONS.map((action) => [action, link(action)])) as DigestEntry['links'],
  };
};

const flushModerator = async (moderator: Moderator, deps: NotifierDeps): Promise<void> => {
  const now = deps.now();
  const claim = await claimDigestWindow(moderator.id, now.getTime(), deps.settings.notifyDigestSeconds);
  if (!claim) return;
  try {
    const refs = await unsentDigestEntries(moderator.id);
    const comments: CommentRecord[] = [];
    for (const ref of refs) {
      const comment = await getComment(ref.commentId);
      // A comment moderated (or erased) meanwhile no longer waits.
      if (comment && (comment.status === 'pending' || comment.status === 'spam')) comments.push(comment);
    }
    if (comments.length === 0) {
      await markDigestEntriesSent(moderator.id, refs, seconds(now));
      await releaseDigestWindow(moderator.id, claim);
      return;
    }
    const secret = await deps.secret();
    const entries = comments.map((comment) => entryFor(comment, moderator, secret, deps));
    await deps.mailer.send({ to: moderator.email, ...digestMail(deps.siteTitle, entries) });
    await markDigestEntriesSent(moderator.id, refs, seconds(now));
    deps.log(`digest: ${comments.length} comment(s) mailed to moderator ${moderator.id}`);
  } catch (error) {
    await releaseDigestWindow(moderator.id, claim);
    throw error;
  }
};
