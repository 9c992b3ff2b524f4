/**
 * The moderation console's one HTML page, for both places it is served: the local demo site
 * (infra/local/demo-site.ts, scripts under /dist/) and the deployed distribution, where
 * `npm run build:web` writes it to web/dist/admin/index.html (scripts at the bucket's root).
 * One source, so the deployed page cannot drift from the one the browser tests run.
 */
export interface ConsolePageOptions {
  /** The blog's name, in the title. */
  readonly site: string;
  /** The console's hashed stylesheet and script, as the page must link them. */
  readonly cssHref: string;
  readonly jsHref: string;
  /** The API's base URL; empty when it shares the page's origin (`/v1/*` on the distribution). */
  readonly api: string;
  /** Where a post's page lives, for the link to a comment on the blog. */
  readonly postBase: string;
  /** The "back to the blog" link; none where the page does not know the blog (the deployed build). */
  readonly blogHref?: string;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const consolePage = (o: ConsolePageOptions): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>Moderation · ${esc(o.site)}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="${esc(o.cssHref)}"></head>` +
  `<body><header class="site"><h1>Parley moderation</h1>${o.blogHref ? `<a href="${esc(o.blogHref)}">Back to the blog</a>` : ''}</header>` +
  `<main id="parley-admin" data-api="${esc(o.api)}" data-post-base="${esc(o.postBase)}"></main><script src="${esc(o.jsHref)}" defer></script></body></html>`;
