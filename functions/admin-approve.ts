import { defineHandler } from '../shared/http/define-handler';
import { seenVersion } from '../shared/http/seen-version';
import { AdminApprove } from '../shared/routes/admin-approve';
import { moderateComment } from '../shared/usecases/moderate';

export const handler = defineHandler(AdminApprove, async ({ path, body, headers, moderator }) => ({
  comment: await moderateComment(
    path.id,
    'approve',
    moderator,
    body.reason ?? null,
    seenVersion(body.version, headers['If-Match']),
  ),
}));
