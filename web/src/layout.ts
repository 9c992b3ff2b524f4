/**
 * The widget's frame: built fresh, or adopted from the thread's HTML view that a static site put
 * in the page (`data-parley-rendered`, see docs/static-sites.md). Adopting keeps every server-made
 * node where it is and adds the widget's own parts below the thread, so nothing already shown
 * moves.
 */
import { h, uid } from './dom';
import { t } from './i18n';
import { isRtl } from '../../shared/i18n/format';

export interface Layout {
  readonly section: HTMLElement;
  readonly heading: HTMLElement;
  /** None on an adopted thread: it is in the order the server rendered (oldest first). */
  readonly sortSel: HTMLSelectElement | null;
  readonly status: HTMLElement;
  readonly empty: HTMLElement;
  readonly list: HTMLElement;
  readonly mineList: HTMLElement;
  readonly more: HTMLButtonElement;
  readonly compose: HTMLElement;
}

const parts = () => ({
  status: h('p', { class: 'parley-status', role: 'status', 'aria-live': 'polite' }),
  mineList: h('ol', { class: 'parley-list parley-mine' }),
  more: h('button', { type: 'button', class: 'parley-more', hidden: true }, t('load_more')),
  compose: h('div', { class: 'parley-compose' }),
});

export function buildLayout(root: HTMLElement, lang: string): Layout {
  const heading = h('h2', { id: uid('t'), class: 'parley-title', tabindex: -1 }, t('comments'));
  const sortSel = h(
    'select',
    { id: uid('s') },
    h('option', { value: 'oldest' }, t('sort_oldest')),
    h('option', { value: 'newest' }, t('sort_newest')),
  );
  const { status, mineList, more, compose } = parts();
  const empty = h('p', { class: 'parley-empty', hidden: true }, t('empty'));
  const list = h('ol', { class: 'parley-list' });
  const section = h(
    'section',
    {
      class: 'parley',
      'aria-labelledby': heading.id,
      lang,
      dir: isRtl(lang) ? 'rtl' : 'ltr',
      'data-theme': root.dataset.theme ?? 'auto',
    },
    h('div', { class: 'parley-head' }, heading, h('label', { class: 'parley-sort' }, `${t('sort')} `, sortSel)),
    status,
    empty,
    list,
    mineList,
    more,
    compose,
  );
  return { section, heading, sortSel, status, empty, list, mineList, more, compose };
}

/** Takes over a server-rendered thread; the no-JavaScript note gives way to the widget's parts. */
export function adoptLayout(section: HTMLElement): Layout {
  const list = section.querySelector<HTMLElement>('.parley-list')!;
  const empty =
    section.querySelector<HTMLElement>('.parley-empty') ?? h('p', { class: 'parley-empty', hidden: true }, t('empty'));
  if (!empty.isConnected) list.before(empty);
  section.querySelector('.parley-nojs, .parley-closed')?.remove();
  const { status, mineList, more, compose } = parts();
  section.append(mineList, more, status, compose);
  const heading = section.querySelector<HTMLElement>('.parley-title')!;
  return { section, heading, sortSel: null, status, empty, list, mineList, more, compose };
}
