import { setPostReactions } from '../store/reaction-writes';
import { audit, type Moderator } from './moderate';

/** Turns a post's reactions off or back on; doing it twice is harmless (and audited each time). */
export const setReactionsForPost = async (
  post: string,
  enabled: boolean,
  by: Moderator,
): Promise<{ post: string; reactions: boolean }> => {
  const action = enabled ? 'reactions-on' : 'reactions-off';
  await setPostReactions(post, enabled, audit(action, by, { id: null, post }, null, new Date().toISOString()));
  return { post, reactions: enabled };
};
