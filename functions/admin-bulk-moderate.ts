import { readJsonBody } from '../shared/http/json-body';
import { lambdaHandler } from '../shared/http/lambda-handler';
import { requireModerator } from '../shared/http/moderator';
import { bulkModerationInput } from '../shared/schemas/moderation-input';
import { bulkModerate } from '../shared/usecases/moderate';

export const handler = lambdaHandler('no-store', async (req) => {
  const moderator = requireModerator(req);
  const { action, ids, reason } = readJsonBody(req, bulkModerationInput);
  return { status: 200, body: { results: await bulkModerate(action, ids, moderator, reason ?? null) } };
});
