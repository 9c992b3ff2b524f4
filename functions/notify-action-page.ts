import { defineHandler } from '../shared/http/define-handler';
import { defaultNotifierDeps } from '../shared/notify/default-deps';
import { previewModeratorAction } from '../shared/notify/moderator-actions';
import { pageWords } from '../shared/notify/page-words';
import { actionPreviewPage, linkProblemPage } from '../shared/notify/pages';
import { NotifyActionPage } from '../shared/routes/notify-action-page';

export const handler = defineHandler(NotifyActionPage, async ({ query }, req) => {
  const words = pageWords(query.lang, req.headers['accept-language']);
  if (!query.token) return linkProblemPage(words, 'invalid');
  return actionPreviewPage(words, await previewModeratorAction(query.token, defaultNotifierDeps()), query.token);
});
