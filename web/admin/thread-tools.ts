/** Thread lock: a post id (following the queue's post filter) and Lock / Unlock. */
import type { LockResponse } from '../../shared/schemas/api-types';
import { ApiError } from '../src/api';
import { h } from '../src/dom';
import { api, problem } from './api-client';
import { POST_BASE } from './page';

const threadPost = h('input', {
  id: 'thread-post',
  size: 30,
  autocomplete: 'off',
  spellcheck: 'false',
  'aria-describedby': 'thread-state',
});
const lockBtn = h('button', { type: 'button', class: 'act-lock' }, 'Lock');
const unlockBtn = h('button', { type: 'button' }, 'Unlock');
const threadState = h('p', { id: 'thread-state', class: 'state', role: 'status', 'aria-live': 'polite' });
export const threadTools = h(
  'fieldset',
  { class: 'panel thread' },
  h('legend', null, 'Thread'),
  h('div', { class: 'toolbar' }, h('label', { for: 'thread-post' }, 'Post id '), threadPost, lockBtn, unlockBtn),
  threadState,
);

let threadTouched = false;
/** The thread's post id follows the post filter until the moderator types their own. */
export function followFilter(post: string) {
  if (!threadTouched && post && post !== threadPost.value) {
    threadPost.value = post;
    threadChanged();
  }
}
/** A result shown for another post would mislead: forget it. */
function threadChanged() {
  threadState.textContent = '';
  delete threadState.dataset.locked;
  threadPost.removeAttribute('aria-invalid');
}

async function setLock(locked: boolean) {
  const post = threadPost.value.trim();
  threadPost.removeAttribute('aria-invalid');
  if (!post) {
    threadState.textContent = 'Enter the id of the post whose thread to lock or unlock.';
    threadPost.setAttribute('aria-invalid', 'true');
    return void threadPost.focus();
  }
  lockBtn.disabled = unlockBtn.disabled = true;
  try {
    const res = await api<LockResponse>(
      `/v1/admin/posts/lock?${new URLSearchParams({ post })}`,
      locked ? 'PUT' : 'DELETE',
    );
    threadState.replaceChildren(
      'Thread ',
      h('a', { href: POST_BASE + res.post }, res.post),
      res.locked ? ' is locked: readers cannot comment.' : ' is unlocked: readers can comment.',
    );
    threadState.dataset.locked = String(res.locked);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'validation_failed') threadPost.setAttribute('aria-invalid', 'true');
    threadState.textContent =
      e instanceof ApiError && e.code === 'validation_failed' && e.fields.post
        ? `Post id: ${e.fields.post}`
        : problem(e);
    delete threadState.dataset.locked;
  } finally {
    lockBtn.disabled = unlockBtn.disabled = false;
  }
}

/** On sign-out: no lock result left on screen. */
export const resetThread = () => void (threadState.textContent = '');

threadPost.addEventListener('input', () => ((threadTouched = threadPost.value.trim() !== ''), threadChanged()));
lockBtn.addEventListener('click', () => void setLock(true));
unlockBtn.addEventListener('click', () => void setLock(false));
