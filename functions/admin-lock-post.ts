import { defineHandler } from '../shared/http/define-handler';
import { AdminLockPost } from '../shared/routes/admin-lock-post';
import { setLock } from '../shared/usecases/moderate';

export const handler = defineHandler(AdminLockPost, ({ query, moderator }) => setLock(query.post, true, moderator));
