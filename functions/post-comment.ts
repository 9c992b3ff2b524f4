import { config } from '../shared/config';
import { clientAddress } from '../shared/http/client-address';
import { defineHandler } from '../shared/http/define-handler';
import { PostComment } from '../shared/routes/post-comment';
import { postComment } from '../shared/usecases/post-comment';

export const handler = defineHandler(PostComment, ({ body, headers }, req) =>
  postComment(config(), {
    input: body,
    idempotencyKey: headers['Idempotency-Key'],
    authorCredential: headers['X-Author-Credential'],
    sourceIp: clientAddress(req),
    userAgent: req.userAgent,
  }),
);
