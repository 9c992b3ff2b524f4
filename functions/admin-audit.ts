import { lambdaHandler } from '../shared/http/lambda-handler';
import { requireModerator } from '../shared/http/moderator';
import { parseWith } from '../shared/http/validation';
import { auditQuery } from '../shared/schemas/query-params';
import { auditLog } from '../shared/usecases/admin-read-models';

export const handler = lambdaHandler('no-store', async (req) => {
  requireModerator(req);
  return { status: 200, body: await auditLog(parseWith(auditQuery, req.query, 'query')) };
});
