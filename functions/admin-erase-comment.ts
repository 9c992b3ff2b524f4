import { defineHandler } from '../shared/http/define-handler';
import { AdminEraseComment } from '../shared/routes/admin-erase-comment';
import { eraseCommentForGood } from '../shared/usecases/moderate';

export const handler = defineHandler(AdminEraseComment, ({ path, body, moderator }) =>
  eraseCommentForGood(path.id, moderator, body.reason ?? null),
);
