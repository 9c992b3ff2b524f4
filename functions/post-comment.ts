import { config } from '../shared/config';
import { idempotencyKeyOf } from '../shared/http/headers';
import { readJsonBody } from '../shared/http/json-body';
import { lambdaHandler } from '../shared/http/lambda-handler';
import { postCommentInput } from '../shared/schemas/comment-input';
import { postComment } from '../shared/usecases/post-comment';

export const handler = lambdaHandler('no-store', async (req) => {
  const input = readJsonBody(req, postCommentInput);
  const result = await postComment(config(), {
    input,
    idempotencyKey: idempotencyKeyOf(req),
    sourceIp: req.sourceIp,
    userAgent: req.userAgent,
  });
  return { status: 201, body: result };
});
