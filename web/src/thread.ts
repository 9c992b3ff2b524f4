/** Rendering of one comment (and its replies). Server HTML goes in as is; names/websites as text. */
import type { Comment } from './api';
import { h, safeLink, setServerHtml } from './dom';
import { identicon } from './identicon';
import { reactionBar } from './reactions';
import { editable, type Mine } from './mine';
import { t as tr } from './i18n';
import { timeEl } from './time';

export interface ThreadHooks {
  locked: () => boolean;
  /** Whether readers may react on this post. */
  reactions: () => boolean;
  mine: (id: string) => Mine | undefined;
  reply: (c: Comment, article: HTMLElement) => void;
  edit: (m: Mine, article: HTMLElement) => void;
  remove: (m: Mine, article: HTMLElement, button: HTMLButtonElement) => void;
  /** Called for every public comment rendered, so the widget can index them. */
  shown: (c: Comment, article: HTMLElement) => void;
}

export function renderArticle(c: Comment, t: ThreadHooks, pending = false): HTMLElement {
  const article = h('article', {
    class: `parley-c${pending ? ' parley-pending' : ''}`,
    id: `parley-c-${c.id}`,
    tabindex: -1,
    'data-id': c.id,
  });
  if (c.deleted || !c.author) {
    article.append(h('p', { class: 'parley-deleted' }, tr('deleted')));
    return article;
  }
  const body = h('div', { class: 'parley-body' });
  setServerHtml(body, c.html);
  const actions = h('div', { class: 'parley-tools' });
  if (!pending) actions.append(reactionBar(c.id, c.reactions, t.reactions()));
  if (!pending && !t.locked())
    actions.append(
      h('button', { type: 'button', class: 'parley-reply', onclick: () => t.reply(c, article) }, tr('reply')),
    );
  const m = t.mine(c.id);
  if (m && editable(m)) {
    const edit = h('button', { type: 'button', onclick: () => t.edit(m, article) }, tr('edit'));
    const del: HTMLButtonElement = h(
      'button',
      { type: 'button', onclick: () => t.remove(m, article, del) },
      tr('delete'),
    );
    actions.append(edit, del);
    setTimeout(() => (edit.remove(), del.remove()), new Date(m.editableUntil).getTime() - Date.now());
  }
  article.append(
    h(
      'header',
      { class: 'parley-meta' },
      identicon(c.author.avatar),
      safeLink(c.author.name, c.author.website, 'parley-name'),
      // Only the API sets the role (a moderator's reply from the console): a name alone earns no badge.
      c.author.role === 'moderator' &&
        h(
          'strong',
          { class: 'parley-badge parley-mod', 'aria-label': tr('moderator_verified'), title: tr('moderator_verified') },
          tr('moderator'),
        ),
      timeEl(c.createdAt),
      c.editedAt && h('span', { class: 'parley-edited' }, tr('edited')),
      pending && h('strong', { class: 'parley-badge' }, tr('pending')),
    ),
    body,
    actions,
  );
  return article;
}

export function renderItem(c: Comment, t: ThreadHooks): HTMLLIElement {
  const article = renderArticle(c, t);
  t.shown(c, article);
  const replies = h('ol', { class: 'parley-replies' });
  for (const r of c.replies ?? []) replies.append(renderItem(r, t));
  return h('li', { class: 'parley-item' }, article, replies);
}

/** A reader's own comment not (yet) public. */
export const renderPending = (c: Comment, t: ThreadHooks): HTMLLIElement =>
  h('li', { class: 'parley-item' }, renderArticle(c, t, true), h('ol', { class: 'parley-replies' }));
