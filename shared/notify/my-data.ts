/**
 * Readers' own data (the my-data link of every reply mail, or one mailed on request): download
 * everything Parley holds under their address, or erase all their comments. The token names the
 * address's keyed hash, which is also its comments' `authorKey`, so a link reaches that reader's
 * comments and nobody else's. Both actions are POSTs and both are recorded in the audit log.
 */
import { myDataMail } from '../domain/notifications/mail-content';
import { signToken, verifyToken } from '../domain/notifications/tokens';
import { AppError } from '../errors';
import { newId } from '../ids';
import { authorCommentIds, writeChargedAudit } from '../store/author-comments';
import { takeConfirmationBudget } from '../store/notification-budget';
import { claimSend, releaseSend } from '../store/notification-markers';
import { getSubscriber } from '../store/notification-subscribers';
import { takeRate } from '../store/rate-window';
import { getComment } from '../store/reads';
import { eraseCommentForGood } from '../usecases/moderate';
import type { ClientRate } from './client-rate';
import { notifyLinks } from './notify-links';
import { seconds, type NotifierDeps } from './notifier-deps';
import { emailHash } from './reply-notifications';

const DAY = 24 * 3600;
export const MY_DATA_TTL_SECONDS = 7 * DAY;
/** A download lists at most this many comments (and says when there are more). */
export const EXPORT_CAP = 1000;
/** One erase POST erases at most this many, a few DynamoDB calls each, well inside a Lambda's time; the page offers "continue". */
export const ERASE_BATCH = 25;
/** How the audit log names a reader acting from a mail link: never by their address. */
const READER = 'reader (via email)';

const authorOf = async (token: string, deps: NotifierDeps): Promise<string> => {
  const check = verifyToken(await deps.secret(), 'my-data', token, seconds(deps.now()));
  if (!check.ok) throw new AppError('validation_failed', `The link is ${check.reason}`, { token: check.reason });
  return check.claims.sub;
};

const auditEntry = (action: string, deps: NotifierDeps) => ({
  id: newId(),
  action,
  by: READER,
  byName: READER,
  byEmail: null,
  commentId: null,
  post: '',
  at: deps.now().toISOString(),
  reason: null,
});

/**
 * Everything held under the link's address. The audit entry is written first, charged to the
 * client's rate window in the same transaction: a refused request reads nothing (the export is the
 * costly part) and changes nothing, and no export goes unrecorded.
 */
export const exportMyData = async (token: string, deps: NotifierDeps, client: ClientRate) => {
  const key = await authorOf(token, deps);
  if (!(await writeChargedAudit(auditEntry('reader-export', deps), client.charge))) throw client.refused();
  const ids = await authorCommentIds(key, EXPORT_CAP + 1);
  const comments = [];
  for (const id of ids.slice(0, EXPORT_CAP)) {
    const c = await getComment(id);
    if (!c || c.status === 'erased' || c.emailKey !== key) continue;
    comments.push({
      id: c.id,
      post: c.post,
      parentId: c.parentId,
      status: c.status,
      createdAt: c.createdAt,
      editedAt: c.editedAt,
      authorName: c.authorName,
      authorWebsite: c.authorWebsite,
      text: c.body,
    });
  }
  const subscriber = await getSubscriber(key);
  return {
    exportedAt: deps.now().toISOString(),
    comments,
    more: ids.length > EXPORT_CAP,
    subscription: subscriber
      ? {
          email: subscriber.email,
          state: subscriber.state,
          stoppedReason: subscriber.stoppedReason,
          updatedAt: subscriber.updatedAt,
        }
      : null,
  };
};

/**
 * Erases up to ERASE_BATCH comments, each with its own audit entry; `more` when some remain. Each
 * POST is charged once to the client's rate window, before anything is read or erased: it writes
 * once per comment it finds, perhaps never, so none of its own writes can carry the charge.
 */
export const eraseMyComments = async (
  token: string,
  deps: NotifierDeps,
  client: ClientRate,
): Promise<{ erased: number; more: boolean }> => {
  const key = await authorOf(token, deps);
  if (!(await takeRate(client.charge))) throw client.refused();
  const ids = await authorCommentIds(key, ERASE_BATCH + 1);
  let erased = 0;
  for (const id of ids.slice(0, ERASE_BATCH)) {
    const c = await getComment(id);
    // The index lags the table: a comment erased a moment ago may still be listed.
    if (!c || c.status === 'erased' || c.emailKey !== key) continue;
    try {
      await eraseCommentForGood(id, { sub: READER, email: null, username: READER }, 'erased by its author');
      erased += 1;
    } catch (error) {
      if (!(error instanceof AppError && error.kind === 'not_found')) throw error;
    }
  }
  return { erased, more: ids.length > ERASE_BATCH };
};

/**
 * Mails a my-data link to an address that has comments or a subscription, at most once a day and
 * within the confirmation budget. The caller answers the same whatever happens, except a 429: the
 * request is charged to the client's rate window first, before the address is even looked up, so
 * a full window is refused alike for every address.
 */
export const requestMyDataLink = async (
  email: string,
  deps: NotifierDeps,
  client: ClientRate,
): Promise<'sent' | 'skipped'> => {
  if (!(await takeRate(client.charge))) throw client.refused();
  const secret = await deps.secret();
  const key = emailHash(secret, email);
  const known = (await getSubscriber(key)) !== undefined || (await authorCommentIds(key, 1)).length > 0;
  if (!known) return 'skipped';
  const now = deps.now();
  if (!(await claimSend(`mydata#${key}`, seconds(now), DAY))) return 'skipped';
  const { notifyConfirmPerHour: perHour, notifyConfirmPerDay: perDay } = deps.settings;
  if (!(await takeConfirmationBudget(now, { perHour, perDay }))) return 'skipped';
  const url = notifyLinks(deps.settings.publicApiUrl).myData(
    signToken(secret, 'my-data', { sub: key }, MY_DATA_TTL_SECONDS, seconds(now)),
  );
  try {
    await deps.mailer.send({ to: email, ...myDataMail(deps.siteTitle, url) });
  } catch (error) {
    await releaseSend(`mydata#${key}`);
    throw error;
  }
  return 'sent';
};
