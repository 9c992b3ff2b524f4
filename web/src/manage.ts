/**
 * "Manage my comments": mails the reader a link where they can download or erase everything
 * written with their address (POST /v1/notify/my-data-link). The server answers 202 for any
 * address so nobody can probe who commented; the widget says the same neutral sentence too.
 */
import { call } from './api';
import { h } from './dom';
import { errorMessage, t } from './i18n';

export function manageLink(api: string): HTMLElement {
  const email = h('input', { name: 'email', type: 'email', required: true, maxlength: 254, autocomplete: 'email' });
  const button = h('button', { type: 'submit' }, t('manage_send'));
  const status = h('p', { role: 'status' });
  const form = h(
    'form',
    { class: 'parley-manage-form' },
    h('label', null, `${t('manage_email')} `, email),
    ' ',
    button,
    status,
  );
  // Without novalidate the browser itself refuses an empty or malformed address, in the reader's language.
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    button.disabled = true;
    try {
      await call(`${api}/v1/notify/my-data-link`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: email.value.trim() }),
      });
      status.textContent = t('manage_sent');
    } catch (e) {
      // A failed request (network, rate limit) sent nothing: claiming a link is coming would mislead.
      status.textContent = errorMessage(e);
    } finally {
      button.disabled = false;
    }
  });
  return h('details', { class: 'parley-manage' }, h('summary', null, t('manage')), form);
}
