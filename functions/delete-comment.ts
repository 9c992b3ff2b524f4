import { config } from '../shared/config';
import { clientAddress } from '../shared/http/client-address';
import { defineHandler } from '../shared/http/define-handler';
import { DeleteComment } from '../shared/routes/delete-comment';
import { deleteOwnComment } from '../shared/usecases/author-changes';

export const handler = defineHandler(DeleteComment, ({ path, headers }, req) =>
  deleteOwnComment(config(), { id: path.id, editToken: headers['X-Edit-Token'], sourceIp: clientAddress(req) }),
);
