import { defineHandler } from '../shared/http/define-handler';
import { AdminUnblock } from '../shared/routes/admin-unblock';
import { liftBlockFromComment } from '../shared/usecases/block-reader';

export const handler = defineHandler(AdminUnblock, ({ path, query, moderator }) =>
  liftBlockFromComment(path.id, query.target, moderator),
);
