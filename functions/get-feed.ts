import { config } from '../shared/config';
import { feedUrl } from '../shared/http/request-url';
import { lambdaHandler } from '../shared/http/lambda-handler';
import { parseWith } from '../shared/http/validation';
import { feedQuery } from '../shared/schemas/query-params';
import { commentFeed } from '../shared/usecases/read-models';

export const handler = lambdaHandler('public', async (req) => {
  const { post } = parseWith(feedQuery, req.query, 'query');
  return {
    status: 200,
    contentType: 'application/atom+xml; charset=utf-8',
    body: await commentFeed(config(), post, feedUrl(req, post)),
  };
});
