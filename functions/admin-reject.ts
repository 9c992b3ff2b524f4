import { defineHandler } from '../shared/http/define-handler';
import { seenVersion } from '../shared/http/seen-version';
import { AdminReject } from '../shared/routes/admin-reject';
import { moderateComment } from '../shared/usecases/moderate';

export const handler = defineHandler(AdminReject, async ({ path, body, headers, moderator }) => ({
  comment: await moderateComment(
    path.id,
    'reject',
    moderator,
    body.reason ?? null,
    seenVersion(body.version, headers['If-Match']),
  ),
}));
