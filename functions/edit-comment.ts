import { config } from '../shared/config';
import { clientAddress } from '../shared/http/client-address';
import { defineHandler } from '../shared/http/define-handler';
import { EditComment } from '../shared/routes/edit-comment';
import { editComment } from '../shared/usecases/author-changes';

export const handler = defineHandler(EditComment, async ({ path, body, headers }, req) => ({
  comment: await editComment(config(), {
    id: path.id,
    editToken: headers['X-Edit-Token'],
    body: body.body,
    sourceIp: clientAddress(req),
  }),
}));
