import { clientAddress } from '../shared/http/client-address';
import { defineHandler } from '../shared/http/define-handler';
import { clientRate } from '../shared/notify/client-rate';
import { defaultNotifierDeps } from '../shared/notify/default-deps';
import { linkProblem } from '../shared/notify/link-check';
import { eraseMyComments } from '../shared/notify/my-data';
import { pageWords } from '../shared/notify/page-words';
import { erasedPage, linkProblemPage } from '../shared/notify/pages';
import { NotifyMyDataErase } from '../shared/routes/notify-my-data-erase';

export const handler = defineHandler(NotifyMyDataErase, async ({ form }, req) => {
  const words = pageWords(form.lang, req.headers['accept-language']);
  const deps = defaultNotifierDeps();
  const problem = await linkProblem('my-data', form.token, deps);
  if (problem || !form.token) return linkProblemPage(words, problem ?? 'invalid');
  const outcome = await eraseMyComments(form.token, deps, await clientRate(deps, clientAddress(req)));
  return erasedPage(words, form.token, outcome);
});
