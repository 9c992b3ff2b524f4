/** What every part of the moderation console shares: its root, where the API and the posts live, the status line. */
import { h } from '../src/dom';

export const root = document.getElementById('parley-admin')!;
export const API = (root.dataset.api ?? '').replace(/\/+$/, '');
/** Where a post id links to on the blog: `data-post-base`, or config.json's `postBase` once it is read. */
export let POST_BASE = root.dataset.postBase ?? '/posts/';
export const setPostBase = (base: string) => (POST_BASE = base);

/** The console's status line, announced to screen readers. */
export const msg = h('p', { class: 'msg', role: 'status', 'aria-live': 'polite' });
export const say = (text: string) => (msg.textContent = text);
