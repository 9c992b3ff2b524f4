import { pathId } from '../shared/http/headers';
import { lambdaHandler } from '../shared/http/lambda-handler';
import { requireModerator } from '../shared/http/moderator';
import { eraseComment } from '../shared/usecases/moderate';

export const handler = lambdaHandler('no-store', async (req) => {
  const moderator = requireModerator(req);
  await eraseComment(pathId(req), moderator, null);
  return { status: 204 };
});
