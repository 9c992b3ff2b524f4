/**
 * Blocking the reader of one listed comment (docs/api.md, "block"): by author (their email's key,
 * only when the comment has an email) or by client (its IP hash), for some days, with the reason
 * from the reason field, which a block requires. Lifting is the same form's other button.
 */
import type { ModeratorComment } from '../../shared/schemas/api-types';
import { h } from '../src/dom';
import { api, problem } from './api-client';
import { say } from './page';
import { reasonDone, reasonRefused, takeReason } from './reason-field';

interface BlockResponse {
  readonly block: { readonly target: string; readonly until: string; readonly reason: string };
}

export function blockTool(c: ModeratorComment): HTMLElement {
  const who = c.author?.name ?? 'this reader';
  const target = h(
    'select',
    { class: 'block-target', 'aria-label': `Block ${who} by` },
    h('option', { value: 'author', disabled: !c.email }, 'author (email)'),
    h('option', { value: 'client', selected: !c.email }, 'client (IP hash)'),
  );
  const days = h('input', {
    type: 'number',
    class: 'block-days',
    min: 1,
    max: 365,
    value: 7,
    'aria-label': 'Days',
  });
  const url = `/v1/admin/comments/${encodeURIComponent(c.id)}/block`;
  const block = async () => {
    const reason = takeReason();
    if (!reason) return void say('Give a reason (in the Reason field) before blocking.');
    try {
      const res = await api<BlockResponse>(url, 'POST', { target: target.value, days: Number(days.value), reason });
      reasonDone(reason);
      say(`Blocked the ${res.block.target} of ${who} until ${new Date(res.block.until).toLocaleString()}.`);
    } catch (e) {
      if (!reasonRefused(e)) say(problem(e));
    }
  };
  const lift = async () => {
    try {
      await api(`${url}?target=${target.value}`, 'DELETE');
      say(`Lifted the block on the ${target.value} of ${who}.`);
    } catch (e) {
      say(problem(e));
    }
  };
  return h(
    'details',
    { class: 'block-tool' },
    h('summary', null, 'Block this reader'),
    h(
      'div',
      { class: 'toolbar' },
      h('label', null, 'By ', target),
      h('label', null, ' for ', days, ' days '),
      h('button', { type: 'button', class: 'act-block', onclick: () => void block() }, 'Block'),
      h('button', { type: 'button', class: 'act-unblock', onclick: () => void lift() }, 'Lift block'),
    ),
  );
}
