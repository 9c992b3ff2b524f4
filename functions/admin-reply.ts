import { config } from '../shared/config';
import { defineHandler } from '../shared/http/define-handler';
import { AdminReply } from '../shared/routes/admin-reply';
import { replyAsOwner } from '../shared/usecases/owner-reply';

export const handler = defineHandler(AdminReply, async ({ path, body, moderator }) =>
  replyAsOwner(config(), path.id, body.body, moderator),
);
