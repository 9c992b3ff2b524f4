/**
 * The moderation page: paste a moderator token (kept in sessionStorage), review the queue
 * with everything a moderator needs, approve / reject / mark spam / erase one by one or in bulk
 * (with an optional reason), lock or unlock a post's thread, and read the audit log.
 * API text only ever goes in as text; the one exception is the server's sanitised `html` preview.
 * Markup root: `<main id="parley-admin" data-api="https://api..." data-post-base="/posts/">`.
 */
import { call, errorText, ApiError, type Comment } from '../src/api';
import { h, safeLink, setServerHtml } from '../src/dom';
import { identicon } from '../src/identicon';
import { relative, timeEl } from '../src/time';

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
type Outcome = 'ok' | 'not_found' | 'conflict';
interface AuditEntry {
  id: string;
  action: string;
  by: string;
  commentId: string | null;
  post: string;
  at: string;
  reason: string | null;
}

const root = document.getElementById('parley-admin')!;
const API = (root.dataset.api ?? '').replace(/\/+$/, '');
const POST_BASE = root.dataset.postBase ?? '/posts/';
const TOKEN = 'parley:admin-token';
const DONE: Record<Action, string> = {
  approve: 'Approved',
  reject: 'Rejected',
  spam: 'Marked as spam',
  delete: 'Erased',
};
/** The API takes at most this many ids per bulk request. */
const BULK_CHUNK = 100;
const AUDIT_PAGE = 50;
const FAILED: Record<Exclude<Outcome, 'ok'>, string> = {
  not_found: 'no longer exists (erased)',
  conflict: 'its author deleted it, or it changed at the same moment',
};
const AUDIT_ACTIONS: Record<string, string> = {
  approve: 'Approved',
  reject: 'Rejected',
  spam: 'Marked as spam',
  erase: 'Erased',
  lock: 'Locked thread',
  unlock: 'Unlocked thread',
};
let cursor: string | null = null;
let auditCursor: string | null = null;
let armedBulk = false;

const tokenInput = h('textarea', { id: 'token', rows: 3, autocomplete: 'off', spellcheck: 'false' });
const tokenForm = h(
  'form',
  { class: 'token' },
  h('label', { for: 'token' }, 'Moderator token'),
  tokenInput,
  h(
    'p',
    { class: 'hint' },
    'Get one with ',
    h('code', null, 'npm run token -- alice'),
    '. It stays in this browser tab only (sessionStorage).',
  ),
  h('button', { type: 'submit' }, 'Sign in'),
);
const statusSel = h(
  'select',
  { id: 'status' },
  ...['pending', 'approved', 'rejected', 'spam', 'deleted'].map((s) => h('option', { value: s }, s)),
);
const postInput = h('input', { id: 'post', placeholder: 'all posts', size: 30 });
const all = h('input', { type: 'checkbox', id: 'select-all' });
const bulkSel = h(
  'select',
  { id: 'bulk-action' },
  h('option', { value: 'approve' }, 'Approve'),
  h('option', { value: 'reject' }, 'Reject'),
  h('option', { value: 'spam' }, 'Mark as spam'),
  h('option', { value: 'delete' }, 'Erase for good'),
);
const bulkBtn = h('button', { type: 'button' }, 'Apply to selected');
const reasonInput = h('input', {
  id: 'reason',
  maxlength: 500,
  size: 40,
  autocomplete: 'off',
  'aria-describedby': 'reason-hint reason-error',
});
const reasonError = h('p', { id: 'reason-error', class: 'field-error' });
const report = h('div', { class: 'report', hidden: true });
const msg = h('p', { class: 'msg', role: 'status', 'aria-live': 'polite' });
const queueTitle = h('h2', { tabindex: -1 }, 'Queue');
const list = h('ol', { class: 'queue' });
const more = h('button', { type: 'button', hidden: true }, 'Load more');
const filters = h(
  'form',
  { class: 'toolbar' },
  h('label', { for: 'status' }, 'Status '),
  statusSel,
  h('label', { for: 'post' }, 'Post '),
  postInput,
  h('button', { type: 'submit' }, 'Refresh'),
  h('button', { type: 'button', onclick: () => signOut('Signed out.') }, 'Sign out'),
);

// Thread lock: a post id (prefilled from the post filter) and Lock / Unlock.
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
const thread = h(
  'fieldset',
  { class: 'panel thread' },
  h('legend', null, 'Thread'),
  h('div', { class: 'toolbar' }, h('label', { for: 'thread-post' }, 'Post id '), threadPost, lockBtn, unlockBtn),
  threadState,
);

// Audit log: newest first, loaded on demand, "load more" with the cursor.
const auditTitle = h('h2', { id: 'audit-title', tabindex: -1 }, 'Audit log');
const auditBtn = h('button', { type: 'button', 'aria-controls': 'audit-table' }, 'Show audit log');
const auditState = h('p', { class: 'state', role: 'status', 'aria-live': 'polite' });
const auditRows = h('tbody');
const auditTable = h(
  'table',
  { id: 'audit-table', class: 'audit', hidden: true },
  h('caption', null, 'Every moderation action, newest first'),
  h(
    'thead',
    null,
    h('tr', null, ...['When', 'Action', 'By', 'Post', 'Comment', 'Reason'].map((c) => h('th', { scope: 'col' }, c))),
  ),
  auditRows,
);
const auditMore = h('button', { type: 'button', hidden: true }, 'Load older entries');
const audit = h(
  'section',
  { class: 'audit-section', 'aria-labelledby': 'audit-title' },
  h('div', { class: 'toolbar' }, auditTitle, auditBtn),
  auditState,
  h('div', { class: 'scroll' }, auditTable),
  auditMore,
);

const queue = h(
  'section',
  { class: 'queue-section', hidden: true },
  filters,
  thread,
  h(
    'div',
    { class: 'toolbar bulk' },
    h('label', null, all, ' Select all'),
    h('label', { for: 'bulk-action' }, 'With selected '),
    bulkSel,
    bulkBtn,
  ),
  h('div', { class: 'toolbar' }, h('label', { for: 'reason' }, 'Reason (optional) '), reasonInput),
  h(
    'p',
    { id: 'reason-hint', class: 'hint' },
    'Recorded with the next approve, reject or spam, one by one or in bulk, then cleared.',
  ),
  reasonError,
  report,
  queueTitle,
  list,
  more,
  audit,
);
root.replaceChildren(tokenForm, msg, queue);

const say = (text: string) => (msg.textContent = text);
const token = () => sessionStorage.getItem(TOKEN) ?? '';

/** errorText, plus the server's per-field reasons for a 400 (as text, never as markup). */
function problem(e: unknown): string {
  if (e instanceof ApiError && e.code === 'validation_failed') {
    const fields = Object.entries(e.fields).map(([k, v]) => `${k}: ${v}`);
    if (fields.length) return `The server refused this request (${fields.join('; ')}).`;
  }
  return errorText(e, 'admin');
}

async function api<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token()}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    return await call<T>(`${API}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e instanceof ApiError && e.code === 'unauthorized') signOut(errorText(e, 'admin'));
    throw e;
  }
}

function signOut(text: string) {
  sessionStorage.removeItem(TOKEN);
  queue.hidden = true;
  resetTools();
  tokenForm.hidden = false;
  say(text);
  tokenInput.focus();
}

const dd = (term: string, ...value: (Node | string | null)[]) => [
  h('dt', null, term),
  h('dd', null, ...(value.length && value.some(Boolean) ? value : ['—'])),
];

function renderItem(c: Item): HTMLLIElement {
  const name = c.author?.name ?? '(erased)';
  const select = h('input', {
    type: 'checkbox',
    class: 'pick',
    value: c.id,
    'data-name': name,
    'aria-label': `Select comment by ${name}`,
  });
  const preview = h('div', { class: 'preview' });
  setServerHtml(preview, c.html);
  const act = (a: Action, label: string) =>
    h(
      'button',
      {
        type: 'button',
        class: `act-${a}`,
        disabled: c.status === { approve: 'approved', reject: 'rejected', spam: 'spam', delete: '' }[a],
        onclick: (ev: Event) => moderate(c, a, li, ev.currentTarget as HTMLButtonElement),
      },
      label,
    );
  const history = c.moderation ?? [];
  const li: HTMLLIElement = h(
    'li',
    { class: 'item', 'data-id': c.id },
    h(
      'header',
      null,
      select,
      identicon(c.author?.avatar),
      h('strong', null, name),
      ' on ',
      h('a', { href: POST_BASE + c.post }, c.post),
      ' ',
      timeEl(c.createdAt),
      ' ',
      h('span', { class: `badge ${c.status}` }, c.status),
    ),
    h(
      'dl',
      null,
      ...dd('Email', c.email),
      ...dd('Website', c.author?.website ? safeLink(c.author.website, c.author.website) : null),
      ...dd('IP hash', c.ipHash && h('code', null, c.ipHash)),
      ...dd('User agent', c.userAgent),
      ...dd(
        'Spam score',
        c.spam
          ? `${c.spam.score.toFixed(2)}${c.spam.reasons.length ? ` (${c.spam.reasons.join(', ')})` : ' (no signals)'}`
          : null,
      ),
      ...dd('Reply to', c.parentId),
      ...dd('Id', h('code', null, c.id)),
    ),
    h(
      'div',
      { class: 'cols' },
      h('section', null, h('h3', null, 'Raw body'), h('pre', null, c.body ?? '')),
      h('section', null, h('h3', null, 'Preview'), preview),
    ),
    h(
      'details',
      null,
      h('summary', null, `Moderation history (${history.length})`),
      history.length
        ? h(
            'ol',
            null,
            ...history.map((m) =>
              h('li', null, `${m.action} by ${m.by} `, timeEl(m.at), m.reason ? ` — ${m.reason}` : ''),
            ),
          )
        : h('p', null, 'No moderation yet.'),
    ),
    h(
      'div',
      { class: 'actions' },
      act('approve', 'Approve'),
      act('reject', 'Reject'),
      act('spam', 'Spam'),
      act('delete', 'Erase'),
    ),
  );
  return li;
}

function gone(li: HTMLElement) {
  const next = (li.nextElementSibling ?? li.previousElementSibling)?.querySelector<HTMLElement>(
    '.actions button:not([disabled])',
  );
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
      const reason = takeReason();
      const res = await api<Item | { comment: Item }>(
        `/v1/admin/comments/${encodeURIComponent(c.id)}/${action}`,
        'POST',
        reason ? { reason } : {},
      );
      reasonDone(reason);
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
    if (reasonRefused(e)) return;
    say(problem(e));
  }
}

async function load(reset: boolean) {
  const q = new URLSearchParams({ status: statusSel.value });
  if (postInput.value.trim()) q.set('post', postInput.value.trim());
  followFilter();
  if (!reset && cursor) q.set('cursor', cursor);
  try {
    const page = await api<{ comments: Item[]; nextCursor: string | null }>(`/v1/admin/comments?${q}`);
    if (reset) {
      list.replaceChildren();
      all.checked = false;
    }
    list.append(...page.comments.map(renderItem));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    queueTitle.textContent = `${statusSel.value[0]!.toUpperCase()}${statusSel.value.slice(1)} comments (${list.children.length}${cursor ? '+' : ''})`;
    if (reset) say(list.children.length ? '' : `No ${statusSel.value} comments.`);
  } catch (e) {
    say(errorText(e, 'admin'));
  }
}

/** The reason to send ('' for none); clears the field's last error. */
function takeReason(): string {
  reasonError.textContent = '';
  reasonInput.removeAttribute('aria-invalid');
  return reasonInput.value.trim();
}
/** After an accepted action: the reason was recorded, so it must not stick to the next one. */
const reasonDone = (reason: string) => void (reason && (reasonInput.value = ''));
/** A 400 about the reason shows at the field; returns whether it was one. */
function reasonRefused(e: unknown): boolean {
  const why = e instanceof ApiError && e.code === 'validation_failed' ? e.fields.reason : undefined;
  if (!why) return false;
  reasonError.textContent = `Reason: ${why}`;
  reasonInput.setAttribute('aria-invalid', 'true');
  reasonInput.focus();
  say('The reason was not accepted; nothing was changed.');
  return true;
}

function showReport(rows: { id: string; name: string; why: string }[]) {
  report.hidden = !rows.length;
  if (!rows.length) return void report.replaceChildren();
  report.replaceChildren(
    h('h3', null, `Not changed (${rows.length})`),
    h(
      'ul',
      null,
      ...rows.map((r) =>
        h('li', { 'data-id': r.id }, h('strong', null, r.name), ` (`, h('code', null, r.id), `): ${r.why}`),
      ),
    ),
  );
}

async function bulk() {
  const picked = Array.from(list.querySelectorAll<HTMLInputElement>('.pick:checked'));
  const names = new Map(picked.map((i) => [i.value, i.dataset.name ?? i.value]));
  const ids = [...names.keys()];
  const action = bulkSel.value as Action;
  if (!ids.length) return void say('Select at least one comment first.');
  if (action === 'delete' && !armedBulk) {
    armedBulk = true;
    return void say(`Press "Apply to selected" again to erase ${ids.length} comment(s) for good.`);
  }
  armedBulk = false;
  const reason = action === 'delete' ? '' : takeReason();
  showReport([]);
  const results: Record<string, Outcome> = {};
  let failure: unknown = null;
  bulkBtn.disabled = true;
  list.setAttribute('aria-busy', 'true');
  try {
    for (let i = 0; i < ids.length; i += BULK_CHUNK) {
      const chunk = ids.slice(i, i + BULK_CHUNK);
      if (ids.length > BULK_CHUNK) say(`Working: ${i} of ${ids.length} done…`);
      try {
        const res = await api<{ results: Record<string, Outcome> }>('/v1/admin/moderation', 'POST', {
          action,
          ids: chunk,
          ...(reason ? { reason } : {}),
        });
        Object.assign(results, res.results);
      } catch (e) {
        failure = e;
        break;
      }
    }
  } finally {
    bulkBtn.disabled = false;
    list.removeAttribute('aria-busy');
  }
  if (failure instanceof ApiError && failure.code === 'unauthorized') return; // signed out, and said why
  if (!Object.keys(results).length && reasonRefused(failure)) return;
  const ok = ids.filter((id) => results[id] === 'ok');
  if (ok.length && reason) reasonDone(reason);
  const failed = ids.filter((id) => results[id] && results[id] !== 'ok');
  const unsent = ids.filter((id) => !results[id]);
  await load(true);
  const rows = [
    ...failed.map((id) => ({
      id,
      name: names.get(id)!,
      why: FAILED[results[id] as Exclude<Outcome, 'ok'>] ?? String(results[id]),
    })),
    ...unsent.map((id) => ({ id, name: names.get(id)!, why: 'not sent' })),
  ];
  showReport(rows);
  // What was not changed and is still listed stays selected, ready for another try.
  const retry = new Set(rows.map((r) => r.id));
  list.querySelectorAll<HTMLInputElement>('.pick').forEach((i) => (i.checked = retry.has(i.value)));
  const count = (n: number, what: string) => (n ? [`${n} ${what}`] : []);
  const notFound = failed.filter((id) => results[id] === 'not_found').length;
  const problems = [
    ...count(notFound, 'not found'),
    ...count(failed.length - notFound, 'in conflict'),
    ...count(unsent.length, 'not sent'),
  ];
  say(
    problems.length
      ? `${DONE[action]} ${ok.length} of ${ids.length} comment(s); ${problems.join(', ')} (listed under "Not changed").${failure ? ` ${problem(failure)}` : ''}`
      : `${DONE[action]} ${ok.length} comment(s).`,
  );
  queueTitle.focus();
}

/* ---- Thread lock ---- */

let threadTouched = false;
/** The thread's post id follows the post filter until the moderator types their own. */
function followFilter() {
  const post = postInput.value.trim();
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
    const res = await api<{ post: string; locked: boolean }>(
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

/* ---- Audit log ---- */

const when = (iso: string) => {
  const t = timeEl(iso);
  t.textContent = new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  t.title = relative(iso);
  return t;
};

const auditRow = (e: AuditEntry) =>
  h(
    'tr',
    { 'data-id': e.id, 'data-action': e.action },
    h('td', null, when(e.at)),
    h('td', null, AUDIT_ACTIONS[e.action] ?? e.action),
    h('td', null, e.by),
    h('td', null, h('a', { href: POST_BASE + e.post }, e.post)),
    h('td', null, e.commentId ? h('code', null, e.commentId) : '—'),
    h('td', null, e.reason ?? '—'),
  );

async function loadAudit(reset: boolean) {
  const q = new URLSearchParams({ limit: String(AUDIT_PAGE) });
  if (!reset && auditCursor) q.set('cursor', auditCursor);
  auditBtn.disabled = auditMore.disabled = true;
  try {
    const page = await api<{ entries: AuditEntry[]; nextCursor: string | null }>(`/v1/admin/audit?${q}`);
    if (reset) auditRows.replaceChildren();
    const rows = page.entries.map(auditRow);
    auditRows.append(...rows);
    auditCursor = page.nextCursor;
    auditMore.hidden = !auditCursor;
    auditTable.hidden = !auditRows.children.length;
    auditBtn.textContent = 'Reload audit log';
    auditTitle.textContent = `Audit log (${auditRows.children.length}${auditCursor ? '+' : ''})`;
    auditState.textContent = !auditRows.children.length
      ? 'No moderation actions yet.'
      : reset
        ? `Showing the ${auditRows.children.length} newest action(s).`
        : `Showing ${rows.length} older action(s); ${auditRows.children.length} in all.`;
    if (!reset && rows[0]) {
      rows[0].setAttribute('tabindex', '-1');
      rows[0].focus();
    }
  } catch (e) {
    auditState.textContent =
      e instanceof ApiError && e.code === 'invalid_cursor'
        ? 'The audit log could not continue from here. Reload it.'
        : problem(e);
  } finally {
    auditBtn.disabled = auditMore.disabled = false;
  }
}

function resetTools() {
  auditRows.replaceChildren();
  auditTable.hidden = auditMore.hidden = true;
  auditCursor = null;
  auditBtn.textContent = 'Show audit log';
  auditTitle.textContent = 'Audit log';
  auditState.textContent = threadState.textContent = reasonError.textContent = reasonInput.value = '';
  reasonInput.removeAttribute('aria-invalid');
  showReport([]);
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
filters.addEventListener('submit', (ev) => (ev.preventDefault(), showReport([]), void load(true)));
statusSel.addEventListener('change', () => (showReport([]), void load(true)));
postInput.addEventListener('input', followFilter);
threadPost.addEventListener('input', () => ((threadTouched = threadPost.value.trim() !== ''), threadChanged()));
lockBtn.addEventListener('click', () => void setLock(true));
unlockBtn.addEventListener('click', () => void setLock(false));
auditBtn.addEventListener('click', () => void loadAudit(true));
auditMore.addEventListener('click', () => void loadAudit(false));
more.addEventListener('click', () => void load(false));
bulkBtn.addEventListener('click', () => void bulk());
bulkSel.addEventListener('change', () => (armedBulk = false));
all.addEventListener('change', () =>
  list.querySelectorAll<HTMLInputElement>('.pick').forEach((i) => (i.checked = all.checked)),
);
if (token()) start();
