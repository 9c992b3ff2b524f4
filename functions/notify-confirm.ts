import { clientAddress } from '../shared/http/client-address';
import { defineHandler } from '../shared/http/define-handler';
import { clientRate } from '../shared/notify/client-rate';
import { defaultNotifierDeps } from '../shared/notify/default-deps';
import { pageWords } from '../shared/notify/page-words';
import { linkDonePage } from '../shared/notify/pages';
import { confirmReplyNotifications } from '../shared/notify/reply-notifications';
import { NotifyConfirm } from '../shared/routes/notify-confirm';

export const handler = defineHandler(NotifyConfirm, async ({ form }, req) => {
  const words = pageWords(form.lang, req.headers['accept-language']);
  const deps = defaultNotifierDeps();
  const outcome = form.token
    ? await confirmReplyNotifications(form.token, deps, await clientRate(deps, clientAddress(req)))
    : 'invalid';
  return linkDonePage(words, 'confirm', outcome);
});
