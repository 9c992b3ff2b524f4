import { config } from '../shared/config';
import { defineHandler } from '../shared/http/define-handler';
import { feedUrl } from '../shared/http/request-url';
import { GetFeed } from '../shared/routes/get-feed';
import { commentFeed } from '../shared/usecases/read-models';

export const handler = defineHandler(GetFeed, ({ query }, req) =>
  commentFeed(config(), query.post, feedUrl(req, query.post)),
);
