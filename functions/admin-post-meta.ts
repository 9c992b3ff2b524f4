import { config } from '../shared/config';
import { defineHandler } from '../shared/http/define-handler';
import { AdminPostMeta } from '../shared/routes/admin-post-meta';
import { namePost } from '../shared/usecases/moderate';

export const handler = defineHandler(AdminPostMeta, ({ query, body, moderator }) =>
  namePost(config(), query.post, body, moderator),
);
