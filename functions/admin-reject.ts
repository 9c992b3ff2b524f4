import { defineHandler } from '../shared/http/define-handler';
import { AdminReject } from '../shared/routes/admin-reject';
import { moderateComment } from '../shared/usecases/moderate';

export const handler = defineHandler(AdminReject, async ({ path, body, moderator }) => ({
  comment: await moderateComment(path.id, 'reject', moderator, body.reason ?? null),
}));
