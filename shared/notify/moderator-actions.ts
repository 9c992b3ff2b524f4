/**
 * The action links of digest mails. Opening one shows a page naming the comment and the action
 * (`previewModeratorAction`, which changes nothing); only that page's POST acts
 * (`performModeratorAction`), once, recorded in the audit log as the moderator's, via email.
 */
import { mailComment, type MailComment } from '../domain/notifications/mail-content';
import { verifyToken, type ModeratorAction } from '../domain/notifications/tokens';
import { useTokenOnce } from '../store/notification-markers';
import { getComment } from '../store/reads';
import { moderateComment } from '../usecases/moderate';
import { seconds, type NotifierDeps } from './notifier-deps';

export type ActionPreview =
  | { readonly ok: true; readonly action: ModeratorAction; readonly comment: MailComment }
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' | 'not_found' | 'used' };

const ACTIONS: readonly string[] = ['approve', 'reject', 'spam'];

const check = async (token: string, deps: NotifierDeps) => {
  const result = verifyToken(await deps.secret(), 'moderator-action', token, seconds(deps.now()));
  if (!result.ok) return result;
  const { action, by } = result.claims;
  if (!action || !ACTIONS.includes(action) || !by) return { ok: false as const, reason: 'invalid' as const };
  return { ok: true as const, claims: { ...result.claims, action, by } };
};

export const previewModeratorAction = async (token: string, deps: NotifierDeps): Promise<ActionPreview> => {
  const result = await check(token, deps);
  if (!result.ok) return result;
  const comment = await getComment(result.claims.sub);
  if (!comment || comment.status === 'erased') return { ok: false, reason: 'not_found' };
  return { ok: true, action: result.claims.action, comment: mailComment(comment) };
};

/** The page's POST: acts once; the audit entry's `by` is `<moderator> (via email)`. */
export const performModeratorAction = async (token: string, deps: NotifierDeps): Promise<ActionPreview> => {
  const result = await check(token, deps);
  if (!result.ok) return result;
  const { sub, action, by, nonce, exp } = result.claims;
  if (!(await useTokenOnce(nonce, exp))) return { ok: false, reason: 'used' };
  const view = await moderateComment(sub, action, { sub: by, email: null, username: `${by} (via email)` }, null);
  const comment = await getComment(view.id);
  return comment ? { ok: true, action, comment: mailComment(comment) } : { ok: false, reason: 'not_found' };
};
