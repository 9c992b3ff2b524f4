/** The moderation queue: status and post filters, one page at a time, and the actions on one comment. */
import type { ModeratedComment, ModerationQueue, ModeratorComment } from '../../shared/schemas/api-types';
import { ApiError, errorText } from '../src/api';
import { h } from '../src/dom';
import { api, problem } from './api-client';
import { say } from './page';
import { keepContext, renderItem, type Action, type ListedComment } from './queue-item';
import { reasonDone, reasonRefused, takeReason } from './reason-field';
import { followFilter } from './thread-tools';

/** What the status line says an action did. */
export const DONE: Record<Action, string> = {
  approve: 'Approved',
  reject: 'Rejected',
  spam: 'Marked as spam',
  delete: 'Erased',
};
let cursor: string | null = null;

export const statusSel = h(
  'select',
  { id: 'status' },
  ...['pending', 'approved', 'rejected', 'spam', 'deleted'].map((s) => h('option', { value: s }, s)),
);
export const postInput = h('input', { id: 'post', placeholder: 'all posts', size: 30 });
export const selectAll = h('input', { type: 'checkbox', id: 'select-all' });
export const queueTitle = h('h2', { tabindex: -1 }, 'Queue');
export const list = h('ol', { class: 'queue' });
export const more = h('button', { type: 'button', hidden: true }, 'Load more');
export const filters = h(
  'form',
  { class: 'toolbar' },
  h('label', { for: 'status' }, 'Status '),
  statusSel,
  h('label', { for: 'post' }, 'Post '),
  postInput,
  h('button', { type: 'submit' }, 'Refresh'),
);

/** A comment that left the listed status: its neighbour's first action (or the title) takes the focus. */
function gone(li: HTMLElement) {
  const next = (li.nextElementSibling ?? li.previousElementSibling)?.querySelector<HTMLElement>(
    '.actions button:not([disabled])',
  );
  li.remove();
  (next ?? queueTitle).focus();
}

async function moderate(c: ListedComment, action: Action, li: HTMLLIElement, button: HTMLButtonElement) {
  const who = c.author?.name ?? 'an erased author';
  if (action === 'delete' && !button.dataset.armed) {
    button.dataset.armed = '1';
    button.textContent = 'Confirm erase';
    return void say(`Press "Confirm erase" to erase the comment by ${who} for good.`);
  }
  try {
    if (action === 'delete') await api(`/v1/admin/comments/${encodeURIComponent(c.id)}`, 'DELETE');
    else {
      const reason = takeReason();
      const res = await api<ModeratorComment | ModeratedComment>(
        `/v1/admin/comments/${encodeURIComponent(c.id)}/${action}`,
        'POST',
        // The version listed: if its author edited it since, the verdict is refused (409), not applied blind.
        { version: c.version, ...(reason ? { reason } : {}) },
      );
      reasonDone(reason);
      const updated = 'comment' in res ? res.comment : res;
      if (updated.status === statusSel.value) {
        const fresh = renderItem(keepContext(c, updated), moderate);
        li.replaceWith(fresh);
        fresh.querySelector<HTMLElement>('.actions button:not([disabled])')?.focus();
        return void say(`${DONE[action]} the comment by ${who}.`);
      }
    }
    gone(li);
    say(`${DONE[action]} the comment by ${who}.`);
  } catch (e) {
    if (reasonRefused(e)) return;
    if (e instanceof ApiError && e.code === 'conflict' && e.current)
      return changedSinceSeen(keepContext(c, e.current as ModeratorComment), li, who);
    say(problem(e));
  }
}

/** The comment changed after it was listed: show what it says now and let the moderator decide again. */
function changedSinceSeen(current: ListedComment, li: HTMLLIElement, who: string) {
  const fresh = renderItem(current, moderate);
  fresh.classList.add('changed');
  li.replaceWith(fresh);
  fresh.querySelector<HTMLElement>('pre')?.setAttribute('tabindex', '-1');
  fresh.querySelector<HTMLElement>('pre')?.focus();
  say(`The comment by ${who} changed since you loaded it; nothing was done. Its new text is shown: decide again.`);
}

/** Loads the first page of the filtered queue (`reset`) or the next one. */
export async function load(reset: boolean) {
  const q = new URLSearchParams({ status: statusSel.value });
  if (postInput.value.trim()) q.set('post', postInput.value.trim());
  followFilter(postInput.value.trim());
  if (!reset && cursor) q.set('cursor', cursor);
  try {
    const page = await api<ModerationQueue>(`/v1/admin/comments?${q}`);
    if (reset) {
      list.replaceChildren();
      selectAll.checked = false;
    }
    list.append(...page.comments.map((c) => renderItem(c, moderate)));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    queueTitle.textContent = `${statusSel.value[0]!.toUpperCase()}${statusSel.value.slice(1)} comments (${list.children.length}${cursor ? '+' : ''})`;
    if (reset) say(list.children.length ? '' : `No ${statusSel.value} comments.`);
  } catch (e) {
    say(errorText(e, 'admin'));
  }
}

more.addEventListener('click', () => void load(false));
selectAll.addEventListener('change', () =>
  list.querySelectorAll<HTMLInputElement>('.pick').forEach((i) => (i.checked = selectAll.checked)),
);
postInput.addEventListener('input', () => followFilter(postInput.value.trim()));
