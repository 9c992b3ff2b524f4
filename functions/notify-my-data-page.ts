import { defineHandler } from '../shared/http/define-handler';
import { defaultNotifierDeps } from '../shared/notify/default-deps';
import { linkProblem } from '../shared/notify/link-check';
import { pageWords } from '../shared/notify/page-words';
import { myDataPage } from '../shared/notify/pages';
import { NotifyMyDataPage } from '../shared/routes/notify-my-data-page';

export const handler = defineHandler(NotifyMyDataPage, async ({ query }, req) => {
  const words = pageWords(query.lang, req.headers['accept-language']);
  return myDataPage(words, query.token ?? '', await linkProblem('my-data', query.token, defaultNotifierDeps()));
});
