import { defineHandler } from '../shared/http/define-handler';
import { AdminPostReactions } from '../shared/routes/admin-post-reactions';
import { setReactionsForPost } from '../shared/usecases/post-reactions';

export const handler = defineHandler(AdminPostReactions, ({ query, moderator }) =>
  setReactionsForPost(query.post, query.enabled, moderator),
);
