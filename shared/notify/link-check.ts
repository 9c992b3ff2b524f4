/** Whether a mail link's token is good, without touching the table: the GET pages only show. */
import { verifyToken, type TokenPurpose } from '../domain/notifications/tokens';
import { seconds, type NotifierDeps } from './notifier-deps';
import type { LinkProblem } from './pages';

export const linkProblem = async (
  purpose: TokenPurpose,
  token: string | undefined,
  deps: Pick<NotifierDeps, 'secret' | 'now'>,
): Promise<LinkProblem | null> => {
  if (!token) return 'invalid';
  const check = verifyToken(await deps.secret(), purpose, token, seconds(deps.now()));
  return check.ok ? null : check.reason;
};
