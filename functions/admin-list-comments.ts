import { lambdaHandler } from '../shared/http/lambda-handler';
import { requireModerator } from '../shared/http/moderator';
import { parseWith } from '../shared/http/validation';
import { adminListQuery } from '../shared/schemas/query-params';
import { moderationQueue } from '../shared/usecases/admin-read-models';

export const handler = lambdaHandler('no-store', async (req) => {
  requireModerator(req);
  return { status: 200, body: await moderationQueue(parseWith(adminListQuery, req.query, 'query')) };
});
