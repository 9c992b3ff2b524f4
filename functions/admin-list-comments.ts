import { defineHandler } from '../shared/http/define-handler';
import { AdminListComments } from '../shared/routes/admin-list-comments';
import { moderationQueue } from '../shared/usecases/admin-read-models';

export const handler = defineHandler(AdminListComments, ({ query }) => moderationQueue(query));
