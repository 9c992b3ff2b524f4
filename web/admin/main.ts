/**
 * The moderation page: sign in with the moderators' identity provider (session.ts, oidc.ts),
 * review the queue with everything a moderator needs, approve / reject / mark spam / erase one by
 * one or in bulk (with an optional reason), reply as the blog's owner, lock or unlock a post's
 * thread, and read the audit log. API text only ever goes in as text; the one exception is the
 * server's sanitised `html` preview.
 * Markup root: `<main id="parley-admin" data-api="https://api..." data-post-base="/posts/">`.
 *
 * This entry lays the page out and wires its parts together; each part lives in its own module.
 */
import { h } from '../src/dom';
import { auditView, resetAudit } from './audit-view';
import { bulkToolbar, report, showReport } from './bulk-actions';
import { bindShortcuts, counts, refreshCounts, shortcutsHelp } from './glance';
import { config } from './oidc';
import { msg, root, setPostBase } from './page';
import { filters, list, load, more, postInput, queueTitle, statusSel } from './queue-view';
import { mailSettings } from './mail-settings';
import { reasonField, resetReason } from './reason-field';
import { initSession, notModeratorPage, onSignOut, signInPanel, userBar } from './session';
import { resetThread, threadTools } from './thread-tools';

const queue = h(
  'section',
  { class: 'queue-section', hidden: true },
  counts,
  shortcutsHelp,
  filters,
  threadTools,
  bulkToolbar,
  ...reasonField,
  report,
  queueTitle,
  list,
  more,
  auditView,
  mailSettings,
);
root.replaceChildren(userBar, signInPanel, notModeratorPage, msg, queue);

/** Nothing one moderator saw or typed stays for the next. */
function resetTools() {
  resetAudit();
  resetThread();
  resetReason();
  showReport([]);
  list.replaceChildren();
}

/**
 * The moderator's place (status and post filters) lives in the URL hash: it survives a reload,
 * and a sign-in (oidc.ts carries the hash through the provider and back).
 */
function keepPlace() {
  const place = new URLSearchParams({ status: statusSel.value });
  if (postInput.value.trim()) place.set('post', postInput.value.trim());
  history.replaceState(null, '', `#${place}`);
}
function restorePlace() {
  const place = new URLSearchParams(location.hash.slice(1));
  const status = place.get('status');
  if (status && Array.from(statusSel.options).some((o) => o.value === status)) statusSel.value = status;
  postInput.value = place.get('post') ?? '';
}

function start() {
  restorePlace();
  queue.hidden = false;
  void load(true).then(() => queueTitle.focus());
  void refreshCounts();
}

// Every action ends in a status line: the counts follow it.
new MutationObserver(() => void (queue.hidden || refreshCounts())).observe(msg, { childList: true });
bindShortcuts(list, () => !queue.hidden);

onSignOut(() => {
  queue.hidden = true;
  resetTools();
});
filters.addEventListener('submit', (ev) => (ev.preventDefault(), keepPlace(), showReport([]), void load(true)));
statusSel.addEventListener('change', () => (keepPlace(), showReport([]), void load(true)));
void initSession(start);

// Deployed, post links lead to the blog itself, named by the stack in config.json.
void config()
  .then((c) => c.postBase && setPostBase(c.postBase))
  .catch(() => undefined);
