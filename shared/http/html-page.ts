/**
 * Small server-rendered pages (the links in notification mails open them). No script at all, so
 * the policy forbids every script; the one inline style is allowed by its hash, and forms may
 * post only back to this API.
 */
import { createHash } from 'node:crypto';
import type { HtmlPage } from './define-handler';

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#222}' +
  'blockquote{border-inline-start:3px solid #ccc;margin:1rem 0;padding:.25rem 1rem;white-space:pre-wrap}' +
  'button{font:inherit;padding:.5rem 1.25rem;cursor:pointer}.note{color:#666;font-size:.9rem}';

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** A POST form with hidden fields and one button; every value is escaped here. */
export interface PageForm {
  readonly action: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly button: string;
}

export interface PageContent {
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  readonly title: string;
  /** Already-escaped HTML fragments, one per block. */
  readonly blocks?: readonly string[];
  readonly forms?: readonly PageForm[];
  readonly status?: number;
}

const renderForm = (form: PageForm): string =>
  `<form method="post" action="${escapeHtml(form.action)}">` +
  Object.entries(form.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('') +
  `<button type="submit">${escapeHtml(form.button)}</button></form>`;

export const htmlPage = (page: PageContent): HtmlPage => ({
  status: page.status,
  headers: PAGE_HEADERS,
  html:
    `<!doctype html><html lang="${escapeHtml(page.lang)}" dir="${page.dir}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">' +
    `<title>${escapeHtml(page.title)}</title><style>${STYLE}</style></head><body>` +
    `<h1>${escapeHtml(page.title)}</h1>${(page.blocks ?? []).join('')}${(page.forms ?? []).map(renderForm).join('')}` +
    '</body></html>',
});
