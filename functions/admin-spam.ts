import { defineHandler } from '../shared/http/define-handler';
import { seenVersion } from '../shared/http/seen-version';
import { AdminSpam } from '../shared/routes/admin-spam';
import { moderateComment } from '../shared/usecases/moderate';

export const handler = defineHandler(AdminSpam, async ({ path, body, headers, moderator }) => ({
  comment: await moderateComment(
    path.id,
    'spam',
    moderator,
    body.reason ?? null,
    seenVersion(body.version, headers['If-Match']),
  ),
}));
