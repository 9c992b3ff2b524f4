/**
 * Readers' reply notifications, double opt-in: a comment that asks for replies sends one
 * confirmation mail (within the global budget); only a POST of the confirmation link's page
 * confirms; then each approved reply by someone else sends one mail with RFC 8058 headers.
 * The routes (confirm, unsubscribe) are thin wrappers over the functions here.
 */
import { emailKeyOf } from '../crypto';
import type { CommentRecord } from '../domain/comment';
import { commentUrl, confirmationMail, mailComment, replyMail } from '../domain/notifications/mail-content';
import { shouldNotifyParent } from '../domain/notifications/stream-change';
import { signToken, verifyToken } from '../domain/notifications/tokens';
import { claimSend, releaseSend } from '../store/notification-markers';
import { takeConfirmationBudget } from '../store/notification-budget';
import {
  confirmSubscriber,
  getSubscriber,
  RATE_LIMITED,
  requestSubscriber,
  stopSubscriber,
} from '../store/notification-subscribers';
import { getComment } from '../store/reads';
import type { ClientRate } from './client-rate';
import { seconds, type NotifierDeps } from './notifier-deps';
import { notifyLinks } from './notify-links';

const DAY = 24 * 3600;
const CONFIRM_TTL_SECONDS = 7 * DAY;
const UNSUBSCRIBE_TTL_SECONDS = 400 * DAY;

/** The subscription key of an address: the same keyed hash as a comment's `emailKey`. */
export const emailHash = emailKeyOf;

/** Sends `mail` once per `dedupeKey`; a failed send gives the claim back so a retry may send. */
const sendOnce = async (dedupeKey: string, deps: NotifierDeps, send: () => Promise<unknown>): Promise<boolean> => {
  if (!(await claimSend(dedupeKey, seconds(deps.now())))) return false;
  try {
    await send();
    return true;
  } catch (error) {
    await releaseSend(dedupeKey);
    throw error;
  }
};

export type ConfirmationOutcome = 'sent' | 'already-confirmed' | 'stopped' | 'already-sent' | 'over-budget';

/**
 * Asks `email` to confirm reply notifications. The caller answers the same whatever the outcome
 * (the outcome is for tests and counters only), and the mail names no reader and no URL of theirs.
 * A reader's own request (`client`) is charged to their rate window with its first write, which
 * every address gets, so a full window is a 429 whatever the address; a comment's request was
 * charged when the comment was posted.
 */
export const requestReplyNotifications = async (
  email: string,
  deps: NotifierDeps,
  client?: ClientRate,
): Promise<ConfirmationOutcome> => {
  const secret = await deps.secret();
  const hash = emailHash(secret, email);
  const now = deps.now();
  const state = await requestSubscriber(hash, email, now.toISOString(), client?.charge);
  if (state === RATE_LIMITED) throw client!.refused();
  if (state === 'confirmed') return 'already-confirmed';
  if (state === 'stopped') return 'stopped';
  if (!(await claimSend(`confirm#${hash}`, seconds(now), DAY))) return 'already-sent';
  const { notifyConfirmPerHour: perHour, notifyConfirmPerDay: perDay } = deps.settings;
  if (!(await takeConfirmationBudget(now, { perHour, perDay }))) {
    deps.log('confirmation mail dropped: over the global budget');
    return 'over-budget';
  }
  const token = signToken(secret, 'confirm', { sub: hash }, CONFIRM_TTL_SECONDS, seconds(now));
  try {
    const url = notifyLinks(deps.settings.publicApiUrl).confirm(token);
    await deps.mailer.send({ to: email, ...confirmationMail(deps.siteTitle, url) });
  } catch (error) {
    await releaseSend(`confirm#${hash}`);
    throw error;
  }
  return 'sent';
};

export type LinkOutcome = 'done' | 'invalid' | 'expired' | 'unknown';

/** The POST of the confirmation page: charged to the client's rate window with the confirmation itself. */
export const confirmReplyNotifications = async (
  token: string,
  deps: NotifierDeps,
  client: ClientRate,
): Promise<LinkOutcome> => {
  const check = verifyToken(await deps.secret(), 'confirm', token, seconds(deps.now()));
  if (!check.ok) return check.reason;
  const outcome = await confirmSubscriber(check.claims.sub, deps.now().toISOString(), client.charge);
  if (outcome === RATE_LIMITED) throw client.refused();
  return outcome;
};

/**
 * The RFC 8058 one-click POST (body `List-Unsubscribe=One-Click`) and the footer page's POST. Not
 * rate limited: mail providers send one-click POSTs for many readers from a few addresses, and an
 * unsubscribe must never be refused.
 */
export const unsubscribe = async (token: string, deps: NotifierDeps): Promise<LinkOutcome> => {
  const check = verifyToken(await deps.secret(), 'unsubscribe', token, seconds(deps.now()));
  if (!check.ok) return check.reason;
  return (await stopSubscriber(check.claims.sub, deps.now().toISOString(), 'unsubscribed')) ? 'done' : 'unknown';
};

/** One mail to the parent's confirmed subscriber for an approved reply, never for their own. */
export const notifyParentOfReply = async (
  reply: CommentRecord,
  parentId: string,
  deps: NotifierDeps,
): Promise<void> => {
  const parent = await getComment(parentId);
  if (!parent?.emailKey) return;
  const subscriber = await getSubscriber(parent.emailKey);
  if (!subscriber || !shouldNotifyParent(reply, parent, subscriber.state)) return;
  const secret = await deps.secret();
  const nowSeconds = seconds(deps.now());
  const links = notifyLinks(deps.settings.publicApiUrl);
  const unsubscribeUrl = links.unsubscribe(
    signToken(secret, 'unsubscribe', { sub: subscriber.emailHash }, UNSUBSCRIBE_TTL_SECONDS, nowSeconds),
  );
  const myDataUrl = links.myData(signToken(secret, 'my-data', { sub: subscriber.emailHash }, 7 * DAY, nowSeconds));
  const content = replyMail(
    deps.siteTitle,
    mailComment(reply),
    commentUrl(deps.siteUrl, reply.post, reply.id),
    unsubscribeUrl,
    myDataUrl,
  );
  const sent = await sendOnce(`reply#${reply.id}#${subscriber.emailHash}`, deps, () =>
    deps.mailer.send({ to: subscriber.email, ...content }),
  );
  if (sent) deps.log(`reply notification: reply ${reply.id} to the author of ${parent.id}`);
};
