import { config } from '../shared/config';
import { editTokenOf, pathId } from '../shared/http/headers';
import { readJsonBody } from '../shared/http/json-body';
import { lambdaHandler } from '../shared/http/lambda-handler';
import { editCommentInput } from '../shared/schemas/comment-input';
import { editComment } from '../shared/usecases/author-changes';

export const handler = lambdaHandler('no-store', async (req) => {
  const id = pathId(req);
  const { body } = readJsonBody(req, editCommentInput);
  return {
    status: 200,
    body: { comment: await editComment(config(), { id, editToken: editTokenOf(req), body, sourceIp: req.sourceIp }) },
  };
});
