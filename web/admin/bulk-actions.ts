/** Bulk moderation of the selected comments, in chunks the API accepts, with a report of what was not changed. */
import type { BulkModerationResponse, BulkOutcome } from '../../shared/schemas/api-types';
import { ApiError } from '../src/api';
import { h } from '../src/dom';
import { api, problem } from './api-client';
import { say } from './page';
import type { Action } from './queue-item';
import { DONE, list, load, queueTitle, selectAll } from './queue-view';
import { reasonDone, reasonRefused, takeReason } from './reason-field';

/** The API takes at most this many ids per bulk request. */
const BULK_CHUNK = 100;
const FAILED: Record<Exclude<BulkOutcome, 'ok'>, string> = {
  not_found: 'no longer exists (erased)',
  conflict: 'it changed since you loaded it (its new text is listed), or its author deleted it',
};
/** Erasing in bulk asks twice: the first press arms, the second erases. */
let armedBulk = false;

const bulkSel = h(
  'select',
  { id: 'bulk-action' },
  h('option', { value: 'approve' }, 'Approve'),
  h('option', { value: 'reject' }, 'Reject'),
  h('option', { value: 'spam' }, 'Mark as spam'),
  h('option', { value: 'delete' }, 'Erase for good'),
);
const bulkBtn = h('button', { type: 'button' }, 'Apply to selected');
export const bulkToolbar = h(
  'div',
  { class: 'toolbar bulk' },
  h('label', null, selectAll, ' Select all'),
  h('label', { for: 'bulk-action' }, 'With selected '),
  bulkSel,
  bulkBtn,
);
export const report = h('div', { class: 'report', hidden: true });

/** Lists the comments a bulk action did not change, and why; an empty list hides the report. */
export function showReport(rows: { id: string; name: string; why: string }[]) {
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
  // The version each comment had when listed: one edited since is refused, not decided blind.
  const versions = Object.fromEntries(picked.map((i) => [i.value, Number(i.dataset.version)]));
  const action = bulkSel.value as Action;
  if (!ids.length) return void say('Select at least one comment first.');
  if (action === 'delete' && !armedBulk) {
    armedBulk = true;
    return void say(`Press "Apply to selected" again to erase ${ids.length} comment(s) for good.`);
  }
  armedBulk = false;
  const reason = action === 'delete' ? '' : takeReason();
  showReport([]);
  const results: Record<string, BulkOutcome> = {};
  let failure: unknown = null;
  bulkBtn.disabled = true;
  list.setAttribute('aria-busy', 'true');
  try {
    for (let i = 0; i < ids.length; i += BULK_CHUNK) {
      const chunk = ids.slice(i, i + BULK_CHUNK);
      if (ids.length > BULK_CHUNK) say(`Working: ${i} of ${ids.length} done…`);
      try {
        const res = await api<BulkModerationResponse>('/v1/admin/moderation', 'POST', {
          action,
          ids: chunk,
          ...(action === 'delete' ? {} : { versions: Object.fromEntries(chunk.map((id) => [id, versions[id]])) }),
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
      why: FAILED[results[id] as Exclude<BulkOutcome, 'ok'>] ?? String(results[id]),
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

bulkBtn.addEventListener('click', () => void bulk());
bulkSel.addEventListener('change', () => (armedBulk = false));
