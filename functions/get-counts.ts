import { lambdaHandler } from '../shared/http/lambda-handler';
import { parseWith } from '../shared/http/validation';
import { countsQuery } from '../shared/schemas/query-params';
import { countComments } from '../shared/usecases/read-models';

export const handler = lambdaHandler('public', async (req) => ({
  status: 200,
  body: await countComments(parseWith(countsQuery, req.query, 'query').post),
}));
