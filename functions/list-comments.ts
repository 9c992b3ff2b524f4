import { lambdaHandler } from '../shared/http/lambda-handler';
import { parseWith } from '../shared/http/validation';
import { listCommentsQuery } from '../shared/schemas/query-params';
import { listThread } from '../shared/usecases/list-thread';

export const handler = lambdaHandler('public', async (req) => ({
  status: 200,
  body: await listThread(parseWith(listCommentsQuery, req.query, 'query')),
}));
