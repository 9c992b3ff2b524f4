/**
 * A thread page as HTML, for search engines, readers without JavaScript and static site
 * generators that include it in the post page at build time. The markup is the widget's own
 * (same classes and structure), so the widget can take it over without rendering it again, and
 * each comment carries schema.org `Comment` microdata. Comment bodies are the stored, already
 * sanitised HTML, exactly as in the JSON; every other reader-supplied string is escaped here.
 */
import type { Translator } from '../i18n/format';
import { isRtl } from '../i18n/format';
import type { PublicComment } from './comment';
import { REACTION_EMOJI, REACTION_KINDS, type ReactionCounts } from './reactions';

export interface ThreadHtmlPage {
  readonly post: string;
  readonly total: number;
  readonly locked: boolean;
  readonly reactions: boolean;
  readonly comments: readonly PublicComment[];
  readonly nextCursor: string | null;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const isHttp = (url: string | null): url is string => url !== null && /^https?:\/\//i.test(url);

/** The newest creation time in the tree: the widget fetches only what is newer. */
const newestOf = (comments: readonly PublicComment[]): string =>
  comments.reduce((max, c) => {
    const below = newestOf(c.replies);
    const mine = c.deleted ? '' : c.createdAt;
    return [max, below, mine].reduce((a, b) => (b > a ? b : a));
  }, '');

const reactionBar = (counts: ReactionCounts, enabled: boolean, tr: Translator): string =>
  `<span class="parley-reacts" role="group" aria-label="${esc(tr.t('reactions'))}">${REACTION_KINDS.map(
    (k) =>
      `<button type="button" class="parley-react" data-kind="${k}" data-count="${counts[k]}" aria-pressed="false"${enabled ? '' : ' disabled'}>` +
      `<span aria-hidden="true">${REACTION_EMOJI[k]}</span><span class="parley-sr">${esc(tr.t(`react_${k}`))}</span>` +
      `<span class="parley-n">${counts[k] > 0 ? counts[k].toLocaleString(tr.locale) : ''}</span></button>`,
  ).join('')}</span>`;

const article = (c: PublicComment, page: ThreadHtmlPage, tr: Translator): string => {
  const open = `<article class="parley-c" id="parley-c-${esc(c.id)}" tabindex="-1" data-id="${esc(c.id)}"`;
  if (c.deleted || !c.author) return `${open}><p class="parley-deleted">${esc(tr.t('deleted'))}</p></article>`;
  const { name, website } = c.author;
  const who = isHttp(website)
    ? `<a class="parley-name" href="${esc(website)}" rel="nofollow ugc noopener" itemprop="url"><span itemprop="name">${esc(name)}</span></a>`
    : `<span class="parley-name" itemprop="name">${esc(name)}</span>`;
  const date = new Intl.DateTimeFormat(tr.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(c.createdAt),
  );
  const reply = page.locked
    ? ''
    : `<button type="button" class="parley-reply" data-reply>${esc(tr.t('reply'))}</button>`;
  return (
    `${open} itemscope itemtype="https://schema.org/Comment">` +
    `<header class="parley-meta"><span itemprop="author" itemscope itemtype="https://schema.org/Person">${who}</span>` +
    `<time itemprop="dateCreated" datetime="${esc(c.createdAt)}">${esc(date)}</time>` +
    (c.editedAt ? `<span class="parley-edited">${esc(tr.t('edited'))}</span>` : '') +
    `</header><div class="parley-body" itemprop="text">${c.html}</div>` +
    `<div class="parley-tools">${reactionBar(c.reactions, page.reactions, tr)}${reply}</div></article>`
  );
};

const item = (c: PublicComment, page: ThreadHtmlPage, tr: Translator): string =>
  `<li class="parley-item">${article(c, page, tr)}<ol class="parley-replies">${c.replies
    .map((r) => item(r, page, tr))
    .join('')}</ol></li>`;

/**
 * The thread's HTML: a `<section>` to place inside `<div id="parley" data-post="...">`.
 * `commentHref` is where a reader without JavaScript can go to comment (the post page's widget).
 */
export const renderThreadHtml = (page: ThreadHtmlPage, tr: Translator, commentHref: string | null): string => {
  const dir = isRtl(tr.locale) ? 'rtl' : 'ltr';
  const attrs = [
    `class="parley" data-parley-rendered lang="${esc(tr.locale)}" dir="${dir}"`,
    `data-post="${esc(page.post)}" data-total="${page.total}" data-newest="${esc(newestOf(page.comments))}"`,
    page.nextCursor ? `data-cursor="${esc(page.nextCursor)}"` : '',
  ].filter(Boolean);
  const note = page.locked
    ? `<p class="parley-closed">${esc(tr.t('closed'))}</p>`
    : `<p class="parley-nojs">${esc(tr.t('page_nojs_note'))}${
        commentHref ? ` <a href="${esc(commentHref)}">${esc(tr.t('page_nojs_link'))}</a>` : ''
      }</p>`;
  return (
    `<section ${attrs.join(' ')} aria-labelledby="parley-title">` +
    `<div class="parley-head"><h2 class="parley-title" id="parley-title" tabindex="-1">${esc(tr.plural('comments_count', page.total))}</h2></div>` +
    (page.comments.length === 0 ? `<p class="parley-empty">${esc(tr.t('empty'))}</p>` : '') +
    `<ol class="parley-list">${page.comments.map((c) => item(c, page, tr)).join('')}</ol>${note}</section>`
  );
};
