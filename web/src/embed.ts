/**
 * The embeddable widget: `<div id="parley" data-post="ID"></div>` plus
 * `<script src=".../embed.js" data-api="https://api..." defer></script>`.
 * Optional `data-title` / `data-url` on the div name the post for feeds and notifications.
 * First render = one request (`GET /v1/comments`); nothing else leaves the page. When the page
 * already holds the thread's HTML view (a static site, docs/static-sites.md), the widget takes it
 * over in place and that one request asks only for what is newer.
 */
import { call, type Comment, type Created, type ThreadPage } from './api';
import { API, BASE, threadUrl } from './script-origin';
import { h } from './dom';
import { commentForm, editForm } from './form';
import { errorMessage, locale, pickLocale, plural, t, useLocale } from './i18n';
import { adoptLayout, buildLayout } from './layout';
import { manageLink } from './manage';
import { forgetMine, minesFor, saveMine, type Mine } from './mine';
import { adoptReactions, wireReactions } from './reactions';
import { attach } from './styles';
import { renderArticle, renderItem, renderPending, type ThreadHooks } from './thread';

performance.mark('parley:start');

// Renders into `target` (the element or its shadow root); `firstPage` is already under way.
function mount(
  root: HTMLElement,
  post: string,
  target: ParentNode,
  lang: string,
  firstPage: Promise<ThreadPage>,
  server: HTMLElement | null,
): void {
  const title = (root.dataset.title ?? document.title).trim().slice(0, 300) || null;
  const page =
    root.dataset.url ??
    document.querySelector<HTMLLinkElement>('link[rel=canonical]')?.href ??
    location.href.split('#')[0]!;
  const url = /^https?:\/\//.test(page) ? page : null;
  let sort = 'oldest';
  let cursor: string | null = null;
  let total = 0;
  let locked = false;
  let first = true;
  let prefetched: Promise<ThreadPage> | null = server ? null : firstPage;
  let replyForm: HTMLFormElement | null = null;
  const shown = new Map<string, HTMLElement>();
  const placed = new Map<string, HTMLLIElement>();
  const mines = new Map(minesFor(post).map((m) => [m.id, m]));

  const { section, heading, sortSel, status, empty, list, mineList, more, compose } = server
    ? adoptLayout(server)
    : buildLayout(root, lang);
  if (!server) target.replaceChildren(section);
  let reactions = true;

  const say = (text: string) => (status.textContent = text);
  const setTotal = (n: number) => ((total = Math.max(0, n)), (heading.textContent = plural('comments_count', total)));
  const commentUrl = (id: string) => `${API}/v1/comments/${encodeURIComponent(id)}`;

  const hooks: ThreadHooks = {
    locked: () => locked,
    reactions: () => reactions,
    mine: (id) => mines.get(id),
    shown(c, article) {
      shown.set(c.id, article);
      const m = mines.get(c.id);
      if (m && !m.approved) saveMine(Object.assign(m, { approved: true }));
      if (placed.has(c.id)) {
        placed.get(c.id)!.remove();
        placed.delete(c.id);
      }
    },
    reply(c, article) {
      closeReply();
      replyForm = newForm(c, () => (closeReply(), article.querySelector<HTMLElement>('.parley-reply')?.focus()));
      article.after(replyForm);
      const name = replyForm.querySelector<HTMLInputElement>('[name=name]')!;
      (name.value ? replyForm.querySelector('textarea')! : name).focus();
    },
    edit(m, article) {
      const parts = [
        article.querySelector<HTMLElement>('.parley-body')!,
        article.querySelector<HTMLElement>('.parley-tools')!,
      ];
      parts.forEach((p) => (p.hidden = true));
      const form = editForm(
        m.body,
        async (body) => {
          const { comment: c } = await call<{ comment: Comment }>(commentUrl(m.id), {
            method: 'PATCH',
            headers: { 'Content-Type': 'application/json', 'X-Edit-Token': m.editToken },
            body: JSON.stringify({ body }),
          });
          const pending = c.status ? c.status !== 'approved' : !m.approved;
          // An edit may unpublish an approved comment or publish a held one (post and trusted policies).
          if (m.approved && pending) setTotal(total - 1);
          else if (!m.approved && !pending) setTotal(total + 1);
          saveMine(Object.assign(m, { body, comment: c, approved: !pending }));
          const fresh = renderArticle(c, hooks, pending);
          article.replaceWith(fresh);
          fresh.focus();
          say(pending ? t('edit_saved_pending') : t('edit_saved'));
        },
        () => (form.remove(), parts.forEach((p) => (p.hidden = false)), parts[1]!.querySelector('button')?.focus()),
      );
      article.append(form);
      form.querySelector('textarea')!.focus();
    },
    async remove(m, article, button) {
      if (!button.dataset.confirm) {
        button.dataset.confirm = '1';
        button.textContent = t('confirm_delete');
        return void say(t('confirm_delete_hint', { button: t('confirm_delete') }));
      }
      try {
        await call(commentUrl(m.id), { method: 'DELETE', headers: { 'X-Edit-Token': m.editToken } });
        forgetMine(m.id);
        mines.delete(m.id);
        const li = article.parentElement!;
        if (li.querySelector('.parley-replies > li'))
          article.replaceWith(renderArticle({ ...m.comment, deleted: true, author: null }, hooks));
        else li.remove();
        if (m.approved) setTotal(total - 1);
        say(t('deleted_yours'));
        heading.focus();
      } catch (e) {
        say(errorMessage(e));
      }
    },
  };

  function closeReply() {
    replyForm?.remove();
    replyForm = null;
  }

  /** Puts a reader's own comment in place: under its parent if shown, else in the reader's list. */
  function place(m: Mine, li: HTMLLIElement) {
    placed.set(m.id, li);
    const parent = m.comment.parentId
      ? shown.get(m.comment.parentId)?.parentElement?.querySelector(':scope > .parley-replies')
      : null;
    (parent ?? mineList).append(li);
    empty.hidden = true;
  }

  function created(cr: Created, body: string) {
    const published = cr.comment.status === 'approved';
    const m: Mine = {
      id: cr.comment.id,
      post,
      editToken: cr.editToken,
      editableUntil: cr.editableUntil,
      body,
      comment: cr.comment,
      approved: published,
      savedAt: Date.now(),
    };
    saveMine(m);
    mines.set(m.id, m);
    closeReply();
    if (published) setTotal(total + 1);
    const li = published ? renderItem(cr.comment, hooks) : renderPending(cr.comment, hooks);
    place(m, li);
    li.querySelector('article')?.focus();
    say(published ? t('published') : t('awaiting'));
  }

  /** The server's signed issue time of the first page, sent back with a new comment (docs/api.md). */
  let formToken: string | undefined;

  const newForm = (parent: Comment | null, onCancel?: () => void) =>
    commentForm({
      api: API,
      post,
      parentId: parent?.id ?? null,
      title,
      url,
      label: parent ? t('reply_to', { name: parent.author?.name ?? '' }) : t('leave_comment'),
      onCreated: created,
      onCancel,
      onLocked: () => ((locked = true), closeReply(), renderCompose()),
      formToken: () => formToken,
    });

  function renderCompose() {
    compose.replaceChildren(
      locked
        ? h('p', { class: 'parley-closed' }, t('closed'))
        : h('div', null, h('h3', { class: 'parley-subtitle' }, t('leave_comment')), newForm(null)),
      manageLink(API), // also on a closed thread: earlier comments stay the reader's to manage
    );
  }

  async function load(reset: boolean) {
    more.disabled = true;
    const q = new URLSearchParams({ post, sort });
    if (!reset && cursor) q.set('cursor', cursor);
    try {
      const request = prefetched && sort === 'oldest' ? prefetched : call<ThreadPage>(threadUrl(q));
      prefetched = null; // used once: a retry after a failure asks again
      const page = await request;
      formToken ??= page.formToken; // the oldest one: it times the form from the first page shown
      reactions = page.reactions;
      if (page.locked !== locked) {
        locked = page.locked;
        renderCompose();
      }
      setTotal(page.total);
      if (reset) {
        list.replaceChildren();
        mineList.replaceChildren();
        shown.clear();
        placed.clear();
        list[sort === 'newest' ? 'before' : 'after'](mineList);
      }
      const items = page.comments.filter((c) => !shown.has(c.id)).map((c) => renderItem(c, hooks));
      list.append(...items);
      for (const m of mines.values())
        if (!m.approved && !shown.has(m.id) && !placed.has(m.id)) place(m, renderPending(m.comment, hooks));
      empty.hidden = list.children.length + mineList.children.length > 0;
      cursor = page.nextCursor;
      more.hidden = !cursor;
      more.textContent = t('load_more');
      if (first) {
        first = false;
        performance.mark('parley:rendered');
        performance.measure('parley:first-render', 'parley:start', 'parley:rendered');
      } else if (!reset) items[0]?.querySelector('article')?.focus();
    } catch (e) {
      say(errorMessage(e));
      if (reset || (e as { code?: string }).code === 'invalid_cursor') {
        cursor = null;
        more.hidden = false;
        more.textContent = t('reload');
      }
    } finally {
      more.disabled = false;
    }
  }

  /** Over a server-rendered thread: index what is there, then add only what is newer. */
  async function takeOver(page: HTMLElement) {
    cursor = page.dataset.cursor ?? null;
    more.hidden = !cursor;
    const newest = page.dataset.newest ?? '';
    list.querySelectorAll<HTMLElement>('article[data-id]').forEach((article) => {
      shown.set(article.dataset.id!, article);
      adoptReactions(article);
      const name = article.querySelector('.parley-name')?.textContent ?? '';
      const c = { id: article.dataset.id!, author: { name } } as Comment;
      article.querySelector('.parley-reply')?.addEventListener('click', () => hooks.reply(c, article));
    });
    try {
      const fresh = await firstPage;
      [locked, reactions] = [fresh.locked, fresh.reactions];
      setTotal(fresh.total);
      const merge = (c: Comment) => {
        const there = shown.get(c.id);
        if (there) return (adoptReactions(there, c.reactions), c.replies.forEach(merge));
        if (c.createdAt <= newest) return;
        const li = renderItem(c, hooks);
        const parent = c.parentId ? shown.get(c.parentId)?.parentElement : null;
        (parent?.querySelector(':scope > .parley-replies') ?? list).append(li);
      };
      fresh.comments.forEach(merge);
      empty.hidden = list.children.length > 0;
    } catch (e) {
      say(errorMessage(e));
    }
    renderCompose();
    performance.mark('parley:rendered');
    performance.measure('parley:first-render', 'parley:start', 'parley:rendered');
  }

  wireReactions(section, API, post, say);
  sortSel?.addEventListener('change', () => ((sort = sortSel.value), load(true)));
  more.addEventListener('click', () => load(!cursor));
  if (server) return void takeOver(server);
  renderCompose();
  void load(true);
}

async function boot() {
  const root = document.getElementById('parley');
  const post = root?.dataset.post;
  if (!root || !post) return;
  const server = root.querySelector<HTMLElement>('[data-parley-rendered]');
  // A server-rendered thread stays in the page: a shadow root would hide it.
  if (server) delete root.dataset.isolate;
  // The thread and the locale file load in parallel: another language costs no extra wait.
  const firstPage = call<ThreadPage>(threadUrl(new URLSearchParams({ post, sort: server ? 'newest' : 'oldest' })));
  firstPage.catch(() => undefined); // handled in mount; this only keeps it from counting as unhandled
  await useLocale(pickLocale(root), BASE);
  mount(root, post, attach(root, BASE), locale(), firstPage, server);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void boot());
else void boot();
