import { defineHandler } from '../shared/http/define-handler';
import { AdminSpam } from '../shared/routes/admin-spam';
import { moderateComment } from '../shared/usecases/moderate';

export const handler = defineHandler(AdminSpam, async ({ path, body, moderator }) => ({
  comment: await moderateComment(path.id, 'spam', moderator, body.reason ?? null),
}));
