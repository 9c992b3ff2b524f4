import { defineHandler } from '../shared/http/define-handler';
import { defaultNotifierDeps } from '../shared/notify/default-deps';
import { linkProblem } from '../shared/notify/link-check';
import { pageWords } from '../shared/notify/page-words';
import { askPage } from '../shared/notify/pages';
import { NotifyConfirmPage } from '../shared/routes/notify-confirm-page';

export const handler = defineHandler(NotifyConfirmPage, async ({ query }, req) => {
  const words = pageWords(query.lang, req.headers['accept-language']);
  const problem = await linkProblem('confirm', query.token, defaultNotifierDeps());
  return askPage(words, 'confirm', query.token ?? '', problem);
});
