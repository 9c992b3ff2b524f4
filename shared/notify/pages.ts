/**
 * The pages behind the links of notification mails. Opening one (GET) only shows what its button
 * will do; the button's POST acts. Mail scanners follow GET links, so a GET never changes state.
 * Forms post to a relative URL, so the pages work under any base path of the API.
 */
import type { MailComment } from '../domain/notifications/mail-content';
import type { ModeratorAction } from '../domain/notifications/tokens';
import type { HtmlPage } from '../http/define-handler';
import { escapeHtml, htmlPage } from '../http/html-page';
import type { ActionPreview } from './moderator-actions';
import type { PageWords } from './page-words';
import type { LinkOutcome } from './reply-notifications';

export type LinkProblem = 'invalid' | 'expired' | 'used' | 'not_found';

const PROBLEM_STATUS: Record<LinkProblem, number> = { invalid: 400, expired: 410, used: 409, not_found: 404 };

export const linkProblemPage = (w: PageWords, problem: LinkProblem): HtmlPage =>
  htmlPage({
    ...w,
    title: w.t('link_title'),
    blocks: [`<p>${escapeHtml(w.t(`link_${problem}`))}</p>`],
    status: PROBLEM_STATUS[problem],
  });

const quote = (w: PageWords, comment: MailComment): string =>
  `<blockquote>${escapeHtml(comment.body)}</blockquote><p class="note">${escapeHtml(
    w.t('comment_by', { name: comment.authorName, post: comment.post, date: comment.createdAt.slice(0, 10) }),
  )}</p>`;

const ASK: Record<ModeratorAction, 'action_ask_approve' | 'action_ask_reject' | 'action_ask_spam'> = {
  approve: 'action_ask_approve',
  reject: 'action_ask_reject',
  spam: 'action_ask_spam',
};

/** GET: names the comment and the action, with the one button that acts. */
export const actionPreviewPage = (w: PageWords, preview: ActionPreview, token: string): HtmlPage => {
  if (!preview.ok) return linkProblemPage(w, preview.reason);
  return htmlPage({
    ...w,
    title: w.t('action_title'),
    blocks: [`<p><strong>${escapeHtml(w.t(ASK[preview.action]))}</strong></p>`, quote(w, preview.comment)],
    forms: [{ action: 'action', fields: { token, lang: w.lang }, button: w.t(`action_button_${preview.action}`) }],
  });
};

/** POST: what was done, or why not (a second POST of the same link: "already used"). */
export const actionDonePage = (w: PageWords, outcome: ActionPreview): HtmlPage => {
  if (!outcome.ok) return linkProblemPage(w, outcome.reason);
  return htmlPage({
    ...w,
    title: w.t('action_title'),
    blocks: [`<p>${escapeHtml(w.t(`action_done_${outcome.action}`))}</p>`, quote(w, outcome.comment)],
  });
};

type Kind = 'confirm' | 'unsubscribe';

/** GET of a confirm or unsubscribe link: the question and its button; a bad token says so at once. */
export const askPage = (w: PageWords, kind: Kind, token: string, problem: LinkProblem | null): HtmlPage =>
  problem
    ? linkProblemPage(w, problem)
    : htmlPage({
        ...w,
        title: w.t(`${kind}_title`),
        blocks: [
          `<p>${escapeHtml(w.t(`${kind}_ask`))}</p>`,
          `<p class="note">${escapeHtml(w.t('no_change_note'))}</p>`,
        ],
        forms: [{ action: kind, fields: { token, lang: w.lang }, button: w.t(`${kind}_button`) }],
      });

/** The POST's answer for a confirm or unsubscribe link. */
export const linkDonePage = (w: PageWords, kind: Kind, outcome: LinkOutcome): HtmlPage => {
  if (outcome === 'invalid' || outcome === 'expired') return linkProblemPage(w, outcome);
  return htmlPage({
    ...w,
    title: w.t(`${kind}_title`),
    blocks: [`<p>${escapeHtml(w.t(outcome === 'done' ? `${kind}_done` : `${kind}_unknown`))}</p>`],
  });
};

/** GET of a my-data link: what the two buttons do; neither acts before it is pressed. */
export const myDataPage = (w: PageWords, token: string, problem: LinkProblem | null): HtmlPage =>
  problem
    ? linkProblemPage(w, problem)
    : htmlPage({
        ...w,
        title: w.t('mydata_title'),
        blocks: [`<p>${escapeHtml(w.t('mydata_ask'))}</p>`, `<p class="note">${escapeHtml(w.t('no_change_note'))}</p>`],
        forms: [
          { action: 'my-data/download', fields: { token }, button: w.t('mydata_download') },
          { action: 'my-data/erase', fields: { token, lang: w.lang }, button: w.t('mydata_erase') },
        ],
      });

/** After an erase POST: how many went, and "continue" while some remain. */
export const erasedPage = (w: PageWords, token: string, outcome: { erased: number; more: boolean }): HtmlPage =>
  htmlPage({
    ...w,
    title: w.t('mydata_title'),
    blocks: [
      `<p>${escapeHtml(w.t('mydata_erased', { count: outcome.erased }))}${outcome.more ? ` ${escapeHtml(w.t('mydata_more'))}` : ''}</p>`,
    ],
    // Relative to /v1/notify/my-data/erase, where this page is shown.
    forms: outcome.more ? [{ action: 'erase', fields: { token, lang: w.lang }, button: w.t('mydata_continue') }] : [],
  });
