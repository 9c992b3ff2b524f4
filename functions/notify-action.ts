import { defineHandler } from '../shared/http/define-handler';
import { defaultNotifierDeps } from '../shared/notify/default-deps';
import { performModeratorAction } from '../shared/notify/moderator-actions';
import { pageWords } from '../shared/notify/page-words';
import { actionDonePage, linkProblemPage } from '../shared/notify/pages';
import { NotifyAction } from '../shared/routes/notify-action';

export const handler = defineHandler(NotifyAction, async ({ form }, req) => {
  const words = pageWords(form.lang, req.headers['accept-language']);
  if (!form.token) return linkProblemPage(words, 'invalid');
  return actionDonePage(words, await performModeratorAction(form.token, defaultNotifierDeps()));
});
