import { defineHandler } from '../shared/http/define-handler';
import { AdminEraseComment } from '../shared/routes/admin-erase-comment';
import { eraseComment } from '../shared/usecases/moderate';

export const handler = defineHandler(AdminEraseComment, ({ path, body, moderator }) =>
  eraseComment(path.id, moderator, body.reason ?? null),
);
