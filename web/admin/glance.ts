/**
 * What the moderator sees at a glance and does without the mouse: the number of pending and spam
 * comments (two queue reads of at most 100, so "100+" past that: a constant cost, no counter to
 * keep), refreshed after every action; and the queue's keyboard shortcuts, listed on the page.
 */
import type { ModerationQueue } from '../../shared/schemas/api-types';
import { h } from '../src/dom';
import { api } from './api-client';

const pending = h('span', { class: 'count-pending' }, '');
const spam = h('span', { class: 'count-spam' }, '');
export const counts = h('p', { class: 'counts', 'aria-live': 'polite' }, pending, spam);

const COUNTED = 100;
const count = async (status: string): Promise<string> => {
  const page = await api<ModerationQueue>(`/v1/admin/comments?status=${status}&limit=${COUNTED}`);
  return `${page.comments.length}${page.nextCursor ? '+' : ''}`;
};

export async function refreshCounts() {
  try {
    const [p, s] = await Promise.all([count('pending'), count('spam')]);
    pending.textContent = `Pending: ${p}`;
    spam.textContent = `Spam: ${s}`;
  } catch {
    // The queue itself reports what went wrong; the counts just stay as they were.
  }
}

export const shortcutsHelp = h(
  'p',
  { class: 'shortcuts' },
  'Keys: ',
  h('kbd', null, 'j'),
  ' next, ',
  h('kbd', null, 'k'),
  ' previous, ',
  h('kbd', null, 'a'),
  ' approve, ',
  h('kbd', null, 'r'),
  ' reject, ',
  h('kbd', null, 's'),
  ' spam.',
);

const ACTION_KEYS: Record<string, string> = { a: 'act-approve', r: 'act-reject', s: 'act-spam' };

/** j/k move through `list`'s items, a/r/s press the current item's button; typing in a field is left alone. */
export function bindShortcuts(list: HTMLElement, active: () => boolean) {
  document.addEventListener('keydown', (ev) => {
    if (!active() || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const target = ev.target as HTMLElement;
    if (target.closest('input, textarea, select, [contenteditable]')) return;
    const items = Array.from(list.querySelectorAll<HTMLElement>(':scope > li.item'));
    if (!items.length) return;
    const current = list.querySelector<HTMLElement>(':scope > li.item.current');
    const at = current ? items.indexOf(current) : -1;
    if (ev.key === 'j' || ev.key === 'k') {
      const next = items[Math.min(items.length - 1, Math.max(0, at + (ev.key === 'j' ? 1 : -1)))]!;
      current?.classList.remove('current');
      next.classList.add('current');
      next.setAttribute('tabindex', '-1');
      next.focus();
      ev.preventDefault();
    } else if (ACTION_KEYS[ev.key] && current) {
      current.querySelector<HTMLButtonElement>(`.${ACTION_KEYS[ev.key]}:not([disabled])`)?.click();
      ev.preventDefault();
    }
  });
}
