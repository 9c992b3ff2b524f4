import { pathId } from '../shared/http/headers';
import { readJsonBody } from '../shared/http/json-body';
import { lambdaHandler } from '../shared/http/lambda-handler';
import { requireModerator } from '../shared/http/moderator';
import { moderationReasonInput } from '../shared/schemas/moderation-input';
import { eraseCommentForGood } from '../shared/usecases/moderate';

export const handler = lambdaHandler('no-store', async (req) => {
  const moderator = requireModerator(req);
  const id = pathId(req);
  const { reason } = readJsonBody(req, moderationReasonInput, { optional: true });
  await eraseCommentForGood(id, moderator, reason ?? null);
  return { status: 204 };
});
