import { defineHandler } from '../shared/http/define-handler';
import { defaultNotifierDeps } from '../shared/notify/default-deps';
import { pageWords } from '../shared/notify/page-words';
import { linkDonePage } from '../shared/notify/pages';
import { unsubscribe } from '../shared/notify/reply-notifications';
import { NotifyUnsubscribe } from '../shared/routes/notify-unsubscribe';

/**
 * RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` to the header's URL, token in the
 * query; the footer page's form sends the token in the body. Both get the page (status 200).
 */
export const handler = defineHandler(NotifyUnsubscribe, async ({ query, form }, req) => {
  const words = pageWords(form.lang ?? query.lang, req.headers['accept-language']);
  const token = form.token ?? query.token;
  const outcome = token ? await unsubscribe(token, defaultNotifierDeps()) : 'invalid';
  return linkDonePage(words, 'unsubscribe', outcome);
});
