import { defineHandler } from '../shared/http/define-handler';
import { AdminApprove } from '../shared/routes/admin-approve';
import { moderateComment } from '../shared/usecases/moderate';

export const handler = defineHandler(AdminApprove, async ({ path, body, moderator }) => ({
  comment: await moderateComment(path.id, 'approve', moderator, body.reason ?? null),
}));
