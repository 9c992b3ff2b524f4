import { lambdaHandler } from '../shared/http/lambda-handler';
import { requireModerator } from '../shared/http/moderator';
import { parseWith } from '../shared/http/validation';
import { lockQuery } from '../shared/schemas/query-params';
import { setLock } from '../shared/usecases/moderate';

export const handler = lambdaHandler('no-store', async (req) => {
  const moderator = requireModerator(req);
  return { status: 200, body: await setLock(parseWith(lockQuery, req.query, 'query').post, false, moderator) };
});
