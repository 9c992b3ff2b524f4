import { defineHandler } from '../shared/http/define-handler';
import { defaultNotifierDeps } from '../shared/notify/default-deps';
import { linkProblem } from '../shared/notify/link-check';
import { pageWords } from '../shared/notify/page-words';
import { askPage } from '../shared/notify/pages';
import { NotifyUnsubscribePage } from '../shared/routes/notify-unsubscribe-page';

export const handler = defineHandler(NotifyUnsubscribePage, async ({ query }, req) => {
  const words = pageWords(query.lang, req.headers['accept-language']);
  const problem = await linkProblem('unsubscribe', query.token, defaultNotifierDeps());
  return askPage(words, 'unsubscribe', query.token ?? '', problem);
});
