/**
 * "Reply as the author" under an approved comment: the reply is stored approved with the
 * moderator badge (POST /v1/admin/comments/{id}/reply), so it shows in the thread at once.
 */
import type { ModeratorComment } from '../../shared/schemas/api-types';
import { h, uid } from '../src/dom';
import { api, problem } from './api-client';
import { say } from './page';

export function replyBox(c: ModeratorComment): HTMLElement {
  const id = uid('reply');
  const text = h('textarea', { id, rows: 3, maxlength: 10000, class: 'reply-text' });
  const send = h('button', { type: 'submit' }, 'Publish reply');
  const form = h(
    'form',
    { class: 'reply' },
    h('label', { for: id }, `Your reply to ${c.author?.name ?? 'this comment'} (published at once, with your badge)`),
    text,
    send,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const body = text.value.trim();
    if (!body) return void (say('Write the reply first.'), text.focus());
    send.disabled = true;
    api<ModeratorComment>(`/v1/admin/comments/${encodeURIComponent(c.id)}/reply`, 'POST', { body })
      .then(() => {
        text.value = '';
        box.open = false;
        say(`Your reply to ${c.author?.name ?? 'the comment'} is published.`);
      })
      .catch((e: unknown) => say(problem(e)))
      .finally(() => (send.disabled = false));
  });
  // Readers could not see a reply to a comment they cannot see: replying waits for approval.
  const box = h(
    'details',
    { class: 'reply-box' },
    h('summary', null, 'Reply as the author'),
    c.status === 'approved' ? form : h('p', { class: 'hint' }, 'Approve the comment to reply to it.'),
  );
  return box;
}
