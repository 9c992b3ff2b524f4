import { config } from '../shared/config';
import { editTokenOf, pathId } from '../shared/http/headers';
import { lambdaHandler } from '../shared/http/lambda-handler';
import { deleteOwnComment } from '../shared/usecases/author-changes';

export const handler = lambdaHandler('no-store', async (req) => {
  await deleteOwnComment(config(), { id: pathId(req), editToken: editTokenOf(req), sourceIp: req.sourceIp });
  return { status: 204 };
});
