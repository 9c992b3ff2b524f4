import type { ModerationPolicy } from '../config';
import type { CommentStatus } from './comment';
import type { SpamVerdict } from './spam';

/**
 * The status a new or edited comment gets: `pre` holds everything, `trusted` publishes authors who
 * already have an approved comment, `post` publishes everything; spam signals override all three.
 */
export const initialStatus = (policy: ModerationPolicy, spam: SpamVerdict, authorIsTrusted: boolean): CommentStatus => {
  if (spam.verdict === 'spam') return 'spam';
  if (spam.verdict === 'hold') return 'pending';
  if (policy === 'post') return 'approved';
  if (policy === 'trusted' && authorIsTrusted) return 'approved';
  return 'pending';
};
