/**
 * Reaction buttons: the same markup the server's HTML view renders (shared/domain/thread-html.ts),
 * so a server-rendered thread needs no re-rendering. The reader's own reactions cannot come from
 * the (cached, shared) thread response, so this browser remembers them, with the random reader
 * key the API counts one reader by. Storage may be unavailable: then nothing is remembered.
 */
import { noReactions, REACTION_EMOJI, REACTION_KINDS, type ReactionCounts } from '../../shared/domain/reactions';
import { call } from './api';
import { h, randomKey } from './dom';
import { errorMessage, locale, t } from './i18n';

const READER = 'parley:reader';
const MINE = 'parley:reactions';
let memoryKey: string | undefined;

const readerKey = (): string => {
  try {
    const known = localStorage.getItem(READER);
    if (known) return known;
    const fresh = randomKey();
    localStorage.setItem(READER, fresh);
    return fresh;
  } catch {
    return (memoryKey ??= randomKey());
  }
};

const mine = (): Record<string, 1> => {
  try {
    return (JSON.parse(localStorage.getItem(MINE) ?? '{}') as Record<string, 1>) ?? {};
  } catch {
    return {};
  }
};

const remember = (id: string, kind: string, on: boolean): void => {
  const all = mine();
  if (on) all[`${id}:${kind}`] = 1;
  else delete all[`${id}:${kind}`];
  try {
    localStorage.setItem(MINE, JSON.stringify(all));
  } catch {
    /* storage full or disabled */
  }
};

const show = (button: HTMLElement, count: number): void => {
  button.dataset.count = String(count);
  button.querySelector('.parley-n')!.textContent = count > 0 ? count.toLocaleString(locale()) : '';
};

/** One comment's buttons, as the server renders them. */
export const reactionBar = (id: string, counts: ReactionCounts = noReactions, enabled = true): HTMLElement => {
  const own = mine();
  return h(
    'span',
    { class: 'parley-reacts', role: 'group', 'aria-label': t('reactions') },
    ...REACTION_KINDS.map((k) => {
      const button = h(
        'button',
        {
          type: 'button',
          class: 'parley-react',
          'data-kind': k,
          'aria-pressed': own[`${id}:${k}`] ? 'true' : 'false',
          disabled: !enabled,
        },
        h('span', { 'aria-hidden': 'true' }, REACTION_EMOJI[k]),
        h('span', { class: 'parley-sr' }, t(`react_${k}`)),
        h('span', { class: 'parley-n' }),
      );
      show(button, counts[k]);
      return button;
    }),
  );
};

/** Server-rendered buttons: the reader's own reactions pressed, counts as the API says now. */
export function adoptReactions(article: HTMLElement, counts?: ReactionCounts): void {
  const own = mine();
  article.querySelectorAll<HTMLElement>(':scope > .parley-tools .parley-react').forEach((b) => {
    b.setAttribute('aria-pressed', own[`${article.dataset.id}:${b.dataset.kind}`] ? 'true' : 'false');
    if (counts) show(b, counts[b.dataset.kind as keyof ReactionCounts] ?? 0);
  });
}

/**
 * One click handler for every reaction button in `section`. The button changes at once; the
 * API's answer corrects it: `changed: false` means the count already held this reader's reaction
 * (say, storage was cleared), a failure puts everything back.
 */
export function wireReactions(section: HTMLElement, api: string, post: string, say: (s: string) => void): void {
  section.addEventListener('click', async (ev) => {
    const button = (ev.target as Element).closest<HTMLButtonElement>('.parley-react');
    const id = button?.closest<HTMLElement>('article')?.dataset.id;
    if (!button || !id || button.disabled) return;
    const kind = button.dataset.kind!;
    const on = button.getAttribute('aria-pressed') !== 'true';
    const count = Number(button.dataset.count ?? 0);
    button.setAttribute('aria-pressed', String(on));
    show(button, count + (on ? 1 : -1));
    button.disabled = true;
    try {
      const url = `${api}/v1/comments/${encodeURIComponent(id)}/reactions/${kind}?post=${encodeURIComponent(post)}`;
      const res = await call<{ changed: boolean }>(url, {
        method: on ? 'PUT' : 'DELETE',
        headers: { 'X-Reader-Key': readerKey() },
      });
      if (!res.changed) show(button, count);
      remember(id, kind, on);
    } catch (e) {
      button.setAttribute('aria-pressed', String(!on));
      show(button, count);
      say(errorMessage(e));
    } finally {
      button.disabled = false;
    }
  });
}
