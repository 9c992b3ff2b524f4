/**
 * The moderation page: paste a moderator token (kept in sessionStorage), review the queue
 * with everything a moderator needs, approve / reject / mark spam / erase one by one or in bulk.
 * Markup root: `<main id="parley-admin" data-api="https://api..." data-post-base="/posts/">`.
 */
import { call, errorText, ApiError, type Comment } from '../src/api';
import { h, safeLink, setServerHtml } from '../src/dom';
import { identicon } from '../src/identicon';
import { timeEl } from '../src/time';

interface Moderation {
  action: string;
  by: string;
  at: string;
  reason: string | null;
}
interface Item extends Comment {
  status: string;
  body: string;
  email: string | null;
  ipHash: string | null;
  userAgent: string | null;
  spam: { score: number; reasons: string[] } | null;
  moderation: Moderation[];
}
type Action = 'approve' | 'reject' | 'spam' | 'delete';

const root = document.getElementById('parley-admin')!;
const API = (root.dataset.api ?? '').replace(/\/+$/, '');
const POST_BASE = root.dataset.postBase ?? '/posts/';
const TOKEN = 'parley:admin-token';
const DONE: Record<Action, string> = { approve: 'Approved', reject: 'Rejected', spam: 'Marked as spam', delete: 'Erased' };
let cursor: string | null = null;
let armedBulk = false;

const tokenInput = h('textarea', { id: 'token', rows: 3, autocomplete: 'off', spellcheck: 'false' });
const tokenForm = h(
  'form',
  { class: 'token' },
  h('label', { for: 'token' }, 'Moderator token'),
  tokenInput,
  h('p', { class: 'hint' }, 'Get one with ', h('code', null, 'npm run token -- alice'), '. It stays in this browser tab only (sessionStorage).'),
  h('button', { type: 'submit' }, 'Sign in'),
);
const statusSel = h('select', { id: 'status' }, ...['pending', 'approved', 'rejected', 'spam', 'deleted'].map((s) => h('option', { value: s }, s)));
const postInput = h('input', { id: 'post', placeholder: 'all posts', size: 30 });
const all = h('input', { type: 'checkbox', id: 'select-all' });
const bulkSel = h('select', { id: 'bulk-action' }, h('option', { value: 'approve' }, 'Approve'), h('option', { value: 'reject' }, 'Reject'), h('option', { value: 'spam' }, 'Mark as spam'), h('option', { value: 'delete' }, 'Erase for good'));
const bulkBtn = h('button', { type: 'button' }, 'Apply to selected');
const msg = h('p', { class: 'msg', role: 'status', 'aria-live': 'polite' });
const queueTitle = h('h2', { tabindex: -1 }, 'Queue');
const list = h('ol', { class: 'queue' });
const more = h('button', { type: 'button', hidden: true }, 'Load more');
const filters = h('form', { class: 'toolbar' }, h('label', { for: 'status' }, 'Status '), statusSel, h('label', { for: 'post' }, 'Post '), postInput, h('button', { type: 'submit' }, 'Refresh'), h('button', { type: 'button', onclick: () => signOut('Signed out.') }, 'Sign out'));
const queue = h(
  'section',
  { class: 'queue-section', hidden: true },
  filters,
  h('div', { class: 'toolbar bulk' }, h('label', null, all, ' Select all'), h('label', { for: 'bulk-action' }, 'With selected '), bulkSel, bulkBtn),
  queueTitle,
  list,
  more,
);
root.replaceChildren(tokenForm, msg, queue);

const say = (text: string) => (msg.textContent = text);
const token = () => sessionStorage.getItem(TOKEN) ?? '';

async function api<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token()}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    return await call<T>(`${API}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    if (e instanceof ApiError && e.code === 'unauthorized') signOut(errorText(e, 'admin'));
    throw e;
  }
}

function signOut(text: string) {
  sessionStorage.removeItem(TOKEN);
  queue.hidden = true;
  tokenForm.hidden = false;
  say(text);
  tokenInput.focus();
}

const dd = (term: string, ...value: (Node | string | null)[]) => [h('dt', null, term), h('dd', null, ...(value.length && value.some(Boolean) ? value : ['—']))];

function renderItem(c: Item): HTMLLIElement {
  const name = c.author?.name ?? '(erased)';
  const select = h('input', { type: 'checkbox', class: 'pick', value: c.id, 'aria-label': `Select comment by ${name}` });
  const preview = h('div', { class: 'preview' });
  setServerHtml(preview, c.html);
  const act = (a: Action, label: string) => h('button', { type: 'button', class: `act-${a}`, disabled: c.status === { approve: 'approved', reject: 'rejected', spam: 'spam', delete: '' }[a], onclick: (ev: Event) => moderate(c, a, li, ev.currentTarget as HTMLButtonElement) }, label);
  const history = c.moderation ?? [];
  const li: HTMLLIElement = h(
    'li',
    { class: 'item', 'data-id': c.id },
    h('header', null, select, identicon(c.author?.avatar), h('strong', null, name), ' on ', h('a', { href: POST_BASE + c.post }, c.post), ' ', timeEl(c.createdAt), ' ', h('span', { class: `badge ${c.status}` }, c.status)),
    h(
      'dl',
      null,
      ...dd('Email', c.email),
      ...dd('Website', c.author?.website ? safeLink(c.author.website, c.author.website) : null),
      ...dd('IP hash', c.ipHash && h('code', null, c.ipHash)),
      ...dd('User agent', c.userAgent),
      ...dd('Spam score', c.spam ? `${c.spam.score.toFixed(2)}${c.spam.reasons.length ? ` (${c.spam.reasons.join(', ')})` : ' (no signals)'}` : null),
      ...dd('Reply to', c.parentId),
      ...dd('Id', h('code', null, c.id)),
    ),
    h('div', { class: 'cols' }, h('section', null, h('h3', null, 'Raw body'), h('pre', null, c.body ?? '')), h('section', null, h('h3', null, 'Preview'), preview)),
    h(
      'details',
      null,
      h('summary', null, `Moderation history (${history.length})`),
      history.length ? h('ol', null, ...history.map((m) => h('li', null, `${m.action} by ${m.by} `, timeEl(m.at), m.reason ? ` — ${m.reason}` : ''))) : h('p', null, 'No moderation yet.'),
    ),
    h('div', { class: 'actions' }, act('approve', 'Approve'), act('reject', 'Reject'), act('spam', 'Spam'), act('delete', 'Erase')),
  );
  return li;
}

function gone(li: HTMLElement) {
  const next = (li.nextElementSibling ?? li.previousElementSibling)?.querySelector<HTMLElement>('.actions button:not([disabled])');
  li.remove();
  (next ?? queueTitle).focus();
}

async function moderate(c: Item, action: Action, li: HTMLLIElement, button: HTMLButtonElement) {
  const who = c.author?.name ?? 'an erased author';
  if (action === 'delete' && !button.dataset.armed) {
    button.dataset.armed = '1';
    button.textContent = 'Confirm erase';
    return void say(`Press "Confirm erase" to erase the comment by ${who} for good.`);
  }
  try {
    if (action === 'delete') await api(`/v1/admin/comments/${encodeURIComponent(c.id)}`, 'DELETE');
    else {
      const res = await api<Item | { comment: Item }>(`/v1/admin/comments/${encodeURIComponent(c.id)}/${action}`, 'POST', {});
      const updated = 'comment' in res ? res.comment : res;
      if (updated.status === statusSel.value) {
        const fresh = renderItem(updated);
        li.replaceWith(fresh);
        fresh.querySelector<HTMLElement>('.actions button:not([disabled])')?.focus();
        return void say(`${DONE[action]} the comment by ${who}.`);
      }
    }
    gone(li);
    say(`${DONE[action]} the comment by ${who}.`);
  } catch (e) {
    say(errorText(e, 'admin'));
  }
}

async function load(reset: boolean) {
  const q = new URLSearchParams({ status: statusSel.value });
  if (postInput.value.trim()) q.set('post', postInput.value.trim());
  if (!reset && cursor) q.set('cursor', cursor);
  try {
    const page = await api<{ comments: Item[]; nextCursor: string | null }>(`/v1/admin/comments?${q}`);
    if (reset) list.replaceChildren(), (all.checked = false);
    list.append(...page.comments.map(renderItem));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    queueTitle.textContent = `${statusSel.value[0]!.toUpperCase()}${statusSel.value.slice(1)} comments (${list.children.length}${cursor ? '+' : ''})`;
    if (reset) say(list.children.length ? '' : `No ${statusSel.value} comments.`);
  } catch (e) {
    say(errorText(e, 'admin'));
  }
}

async function bulk() {
  const ids = Array.from(list.querySelectorAll<HTMLInputElement>('.pick:checked'), (i) => i.value);
  const action = bulkSel.value as Action;
  if (!ids.length) return void say('Select at least one comment first.');
  if (action === 'delete' && !armedBulk) {
    armedBulk = true;
    return void say(`Press "Apply to selected" again to erase ${ids.length} comment(s) for good.`);
  }
  armedBulk = false;
  try {
    const { results } = await api<{ results: Record<string, string> }>('/v1/admin/moderation', 'POST', { action, ids: ids.slice(0, 100) });
    const ok = Object.values(results).filter((r) => r === 'ok').length;
    await load(true);
    say(`${DONE[action]} ${ok} comment(s)${ok < ids.length ? `; ${ids.length - ok} not found` : ''}.`);
    queueTitle.focus();
  } catch (e) {
    say(errorText(e, 'admin'));
  }
}

function start() {
  tokenForm.hidden = true;
  queue.hidden = false;
  void load(true).then(() => queueTitle.focus());
}

tokenForm.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const value = tokenInput.value.trim().replace(/^Bearer\s+/i, '');
  if (!value) return void say('Paste a moderator token first.');
  sessionStorage.setItem(TOKEN, value);
  tokenInput.value = '';
  start();
});
filters.addEventListener('submit', (ev) => (ev.preventDefault(), void load(true)));
statusSel.addEventListener('change', () => void load(true));
more.addEventListener('click', () => void load(false));
bulkBtn.addEventListener('click', () => void bulk());
bulkSel.addEventListener('change', () => (armedBulk = false));
all.addEventListener('change', () => list.querySelectorAll<HTMLInputElement>('.pick').forEach((i) => (i.checked = all.checked)));
if (token()) start();
