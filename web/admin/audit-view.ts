/** The audit log: every moderation action, newest first, loaded on demand, "load more" with the cursor. */
import type { AuditEntry, AuditPage } from '../../shared/schemas/api-types';
import { ApiError } from '../src/api';
import { h } from '../src/dom';
import { relative, timeEl } from '../src/time';
import { api, problem } from './api-client';
import { POST_BASE } from './page';

const AUDIT_PAGE = 50;
const AUDIT_ACTIONS: Record<string, string> = {
  approve: 'Approved',
  reject: 'Rejected',
  spam: 'Marked as spam',
  erase: 'Erased',
  lock: 'Locked thread',
  unlock: 'Unlocked thread',
  'block-author': 'Blocked author',
  'block-client': 'Blocked client',
  'unblock-author': 'Lifted author block',
  'unblock-client': 'Lifted client block',
};
let auditCursor: string | null = null;

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
export const auditView = h(
  'section',
  { class: 'audit-section', 'aria-labelledby': 'audit-title' },
  h('div', { class: 'toolbar' }, auditTitle, auditBtn),
  auditState,
  h('div', { class: 'scroll' }, auditTable),
  auditMore,
);

/** A full date and time (an audit is read for exact moments), with the relative time as a tooltip. */
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
    // Named as they were when they acted; the sub (in the title) is who they are for good.
    h('td', { title: `user pool sub ${e.by}` }, e.byEmail ?? e.byName),
    h('td', null, h('a', { href: POST_BASE + e.post }, e.post)),
    h('td', null, e.commentId ? h('code', null, e.commentId) : '—'),
    h('td', null, e.reason ?? '—'),
  );

async function loadAudit(reset: boolean) {
  const q = new URLSearchParams({ limit: String(AUDIT_PAGE) });
  if (!reset && auditCursor) q.set('cursor', auditCursor);
  auditBtn.disabled = auditMore.disabled = true;
  try {
    const page = await api<AuditPage>(`/v1/admin/audit?${q}`);
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

/** On sign-out: the log is hidden and forgotten; the next moderator loads it afresh. */
export function resetAudit() {
  auditRows.replaceChildren();
  auditTable.hidden = auditMore.hidden = true;
  auditCursor = null;
  auditBtn.textContent = 'Show audit log';
  auditTitle.textContent = 'Audit log';
  auditState.textContent = '';
}

auditBtn.addEventListener('click', () => void loadAudit(true));
auditMore.addEventListener('click', () => void loadAudit(false));
