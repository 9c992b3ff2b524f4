/** One comment of the moderation queue, with everything a moderator needs to decide and its actions. */
import type { ModeratorComment, QueuedComment } from '../../shared/schemas/api-types';
import { h, safeLink, setServerHtml } from '../src/dom';
import { identicon } from '../src/identicon';
import { timeEl } from '../src/time';
import { blockTool } from './block-tool';
import { POST_BASE } from './page';
import { replyBox } from './reply-box';

export type Action = 'approve' | 'reject' | 'spam' | 'delete';
/** Runs one action on one listed comment; `button` is the one pressed (erasing asks twice). */
export type Moderate = (c: ListedComment, action: Action, li: HTMLLIElement, button: HTMLButtonElement) => void;

/** What each action leaves the comment as: its button is disabled when that is already the status. */
const RESULT: Record<Action, string> = { approve: 'approved', reject: 'rejected', spam: 'spam', delete: '' };

const dd = (term: string, ...value: (Node | string | null)[]) => [
  h('dt', null, term),
  h('dd', null, ...(value.length && value.some(Boolean) ? value : ['—'])),
];

/** A comment as listed (with its context) or as an action answered it (without: the context is kept from the list). */
export type ListedComment = ModeratorComment & Partial<Pick<QueuedComment, 'parent' | 'postTitle'>>;

/**
 * The comment as the API now sends it (an action's answer, or a 409's current text), with the
 * post title and parent the list gave it: those answers carry no context, and an edit changes
 * neither. Context that no longer fits (the thread moved) is dropped, not shown wrong.
 */
export const keepContext = (listed: ListedComment, now: ModeratorComment): ListedComment => ({
  ...now,
  ...(listed.parent && listed.parent.id === now.parentId ? { parent: listed.parent } : {}),
  ...(listed.post === now.post ? { postTitle: listed.postTitle } : {}),
});

/** The comment a reply answers, as the moderator recalls it: who wrote it and how it starts. */
const parentOf = (c: ListedComment) =>
  c.parent
    ? h(
        'span',
        { class: 'parent' },
        h('strong', null, c.parent.authorName ?? '(removed)'),
        c.parent.excerpt ? ': ' : '',
        c.parent.excerpt ? h('q', null, c.parent.excerpt) : '',
      )
    : c.parentId;

export function renderItem(c: ListedComment, moderate: Moderate): HTMLLIElement {
  const name = c.author?.name ?? '(erased)';
  const select = h('input', {
    type: 'checkbox',
    class: 'pick',
    value: c.id,
    'data-name': name,
    'data-version': String(c.version),
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
        disabled: c.status === RESULT[a],
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
      // Where readers see it (the widget's anchor); only approved comments are there.
      c.status === 'approved' && h('a', { href: `${POST_BASE}${c.post}#parley-c-${c.id}` }, '(on the blog)'),
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
      ...dd('Post', c.postTitle ?? null),
      ...dd('Reply to', parentOf(c)),
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
    blockTool(c),
    replyBox(c),
  );
  return li;
}
