import { defineHandler } from '../shared/http/define-handler';
import { AdminBlock } from '../shared/routes/admin-block';
import { blockFromComment } from '../shared/usecases/block-reader';

export const handler = defineHandler(AdminBlock, ({ path, body, moderator }) =>
  blockFromComment(path.id, body, moderator),
);
