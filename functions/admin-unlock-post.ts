import { defineHandler } from '../shared/http/define-handler';
import { AdminUnlockPost } from '../shared/routes/admin-unlock-post';
import { setLock } from '../shared/usecases/moderate';

export const handler = defineHandler(AdminUnlockPost, ({ query, moderator }) => setLock(query.post, false, moderator));
