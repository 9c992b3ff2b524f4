/**
 * The signed-in moderator's mail setting (GET/PUT /v1/admin/me/notifications): digests of the
 * comments that wait for a moderator, or none. Read when the panel is opened, so a console
 * that never opens it makes no extra request; saved as soon as the choice changes.
 */
import { h } from '../src/dom';
import { api, problem } from './api-client';

type Mode = 'digest' | 'off';
const PATH = '/v1/admin/me/notifications';

const status = h('span', { class: 'mail-status', role: 'status', 'aria-live': 'polite' });
const select = h(
  'select',
  { disabled: true },
  h('option', { value: 'digest' }, 'Mail me digests of waiting comments'),
  h('option', { value: 'off' }, 'No mail'),
);

export const mailSettings = h(
  'details',
  { class: 'mail-settings' },
  h('summary', {}, 'Email notifications'),
  h('label', {}, 'Waiting comments: ', select),
  ' ',
  status,
);

mailSettings.addEventListener('toggle', () => {
  if (!(mailSettings as HTMLDetailsElement).open) return;
  status.textContent = 'Loading…';
  api<{ mode: Mode }>(PATH).then(
    ({ mode }) => ((select.value = mode), (select.disabled = false), (status.textContent = '')),
    (e: unknown) => (status.textContent = problem(e)),
  );
});

select.addEventListener('change', () => {
  select.disabled = true;
  status.textContent = 'Saving…';
  api<{ mode: Mode }>(PATH, 'PUT', { mode: select.value as Mode })
    .then(
      ({ mode }) => ((select.value = mode), (status.textContent = 'Saved.')),
      (e: unknown) => (status.textContent = problem(e)),
    )
    .finally(() => (select.disabled = false));
});
