/**
 * The mails Parley sends, as text and HTML. Builders take only what a mail may show (a comment's
 * post, author name, text and status): no reader's email address or IP hash can reach a mail,
 * because `MailComment` has no field for them.
 */
import type { CommentRecord } from '../comment';
import type { ModeratorAction } from './tokens';

export interface MailHeader {
  readonly name: string;
  readonly value: string;
}

export interface MailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers: readonly MailHeader[];
}

/** The parts of a comment a mail may carry. */
export interface MailComment {
  readonly id: string;
  readonly post: string;
  readonly status: string;
  readonly authorName: string;
  readonly body: string;
  readonly createdAt: string;
}

export const mailComment = (c: CommentRecord): MailComment => ({
  id: c.id,
  post: c.post,
  status: c.status,
  authorName: c.authorName ?? 'Anonymous',
  body: c.body,
  createdAt: c.createdAt,
});

export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const htmlPage = (title: string, inner: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${inner}</body></html>`;

/** RFC 8058 one-click unsubscribe: the URL a mail client POSTs `List-Unsubscribe=One-Click` to. */
export const listUnsubscribeHeaders = (unsubscribeUrl: string): MailHeader[] => [
  { name: 'List-Unsubscribe', value: `<${unsubscribeUrl}>` },
  { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
];

export interface DigestEntry {
  readonly comment: MailComment;
  readonly links: Readonly<Record<ModeratorAction, string>>;
}

export const digestMail = (siteTitle: string, entries: readonly DigestEntry[]): MailContent => {
  const count = entries.length;
  const subject = `[${siteTitle}] ${count} comment${count === 1 ? '' : 's'} awaiting moderation`;
  const text = entries
    .map(({ comment: c, links }) =>
      [
        `${c.authorName} on ${c.post} (${c.status}):`,
        c.body,
        `Approve: ${links.approve}`,
        `Reject: ${links.reject}`,
        `Spam: ${links.spam}`,
      ].join('\n'),
    )
    .join('\n\n---\n\n');
  const html = htmlPage(
    subject,
    entries
      .map(
        ({ comment: c, links }) =>
          `<section><p><strong>${escapeHtml(c.authorName)}</strong> on ${escapeHtml(c.post)} (${escapeHtml(c.status)})</p>` +
          `<blockquote>${escapeHtml(c.body).replace(/\n/g, '<br>')}</blockquote>` +
          `<p><a href="${escapeHtml(links.approve)}">Approve</a> · <a href="${escapeHtml(links.reject)}">Reject</a> · ` +
          `<a href="${escapeHtml(links.spam)}">Spam</a></p></section>`,
      )
      .join('<hr>'),
  );
  return {
    subject,
    text: `${text}\n\nEach link opens a page that asks before acting; links expire after 7 days and work once.\n`,
    html,
    headers: [],
  };
};

export const replyMail = (
  siteTitle: string,
  reply: MailComment,
  replyUrl: string,
  unsubscribeUrl: string,
  myDataUrl: string,
): MailContent => {
  const subject = `[${siteTitle}] ${reply.authorName} replied to your comment`;
  const footer = `You asked to hear of replies. Stop these mails: ${unsubscribeUrl}\nYour data: ${myDataUrl}`;
  return {
    subject,
    text: `${reply.authorName} replied on ${reply.post}:\n\n${reply.body}\n\nRead it: ${replyUrl}\n\n--\n${footer}\n`,
    html: htmlPage(
      subject,
      `<p><strong>${escapeHtml(reply.authorName)}</strong> replied on ${escapeHtml(reply.post)}:</p>` +
        `<blockquote>${escapeHtml(reply.body).replace(/\n/g, '<br>')}</blockquote>` +
        `<p><a href="${escapeHtml(replyUrl)}">Read it</a></p><hr>` +
        `<p><small>You asked to hear of replies. <a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a> · ` +
        `<a href="${escapeHtml(myDataUrl)}">Your data</a></small></p>`,
    ),
    headers: listUnsubscribeHeaders(unsubscribeUrl),
  };
};

/** Carries no reader-supplied name or URL: only the site's title and the confirmation link. */
export const confirmationMail = (siteTitle: string, confirmUrl: string): MailContent => {
  const subject = `[${siteTitle}] Confirm reply notifications`;
  return {
    subject,
    text: `Someone asked ${siteTitle} to mail this address when a comment gets a reply.\nConfirm: ${confirmUrl}\n\nIf it was not you, ignore this mail: nothing more will be sent.\n`,
    html: htmlPage(
      subject,
      `<p>Someone asked ${escapeHtml(siteTitle)} to mail this address when a comment gets a reply.</p>` +
        `<p><a href="${escapeHtml(confirmUrl)}">Confirm</a></p><p>If it was not you, ignore this mail: nothing more will be sent.</p>`,
    ),
    headers: [],
  };
};

/** The link to a reader's own data, asked for from the widget's "manage my comments" form. */
export const myDataMail = (siteTitle: string, myDataUrl: string): MailContent => {
  const subject = `[${siteTitle}] Your comments`;
  return {
    subject,
    text: `Someone asked ${siteTitle} for a link to the comments written with this address.\nDownload or erase them: ${myDataUrl}\n\nIf it was not you, ignore this mail: the link changes nothing by itself.\n`,
    html: htmlPage(
      subject,
      `<p>Someone asked ${escapeHtml(siteTitle)} for a link to the comments written with this address.</p>` +
        `<p><a href="${escapeHtml(myDataUrl)}">Download or erase them</a></p><p>If it was not you, ignore this mail: the link changes nothing by itself.</p>`,
    ),
    headers: [],
  };
};

/** Where a comment is read: the post's URL on the site, with the comment's anchor. */
export const commentUrl = (siteUrl: string, post: string, id: string): string =>
  `${new URL(post, siteUrl).href}#comment-${id}`;
