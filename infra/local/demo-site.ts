/**
 * The demo blog and the widget files, served by the local server for paths outside /v1/:
 *   /                 the 24 posts, newest first, with comment counts (count.js)
 *   /posts/<slug>     one post with the comment widget (embed.js)
 *   /static/<slug>    the same post built the static way: the thread's HTML view already inside
 *                     the widget's element, as a static site generator includes it (docs/static-sites.md)
 *   /admin/           the moderation console, and /admin/config.json (where it signs in)
 *   /dist/<file>      web/dist: hashed names immutable, stable names (embed.js, count.js) short-cached
 * web/dist is built on first use when it is missing or older than its sources.
 */
import { HASHED_CACHE_CONTROL, STABLE_CACHE_CONTROL, STABLE_WIDGET_FILES } from '../../web/cache-policy';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { ConsoleConfig } from '../../web/admin/oidc';
import { DIST_DIR, WEB_DIR, ensureBuilt, type Manifest } from '../../web/build';
import { consolePage } from '../../web/console-page';
import { consoleSecurityHeaders } from '../console-headers';

export interface DemoSiteOptions {
  /** Base URL of the API the pages talk to. Default: the page's own origin (same server). */
  readonly apiBase?: string;
  readonly siteTitle?: string;
  /** The console's sign-in settings; read per request because the provider starts after the site. */
  readonly consoleConfig?: () => ConsoleConfig | undefined;
}

interface Post {
  slug: string;
  title: string;
  date: string;
  body: string;
}

const STABLE = new Set(STABLE_WIDGET_FILES);
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const longDate = (d: string): string =>
  new Date(`${d}T12:00:00Z`).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
const paragraphs = (body: string): string =>
  body
    .split(/\n[ \t]*\n/)
    .filter((p) => p.trim())
    .map((p) => `<p>${p.split('\n').map(esc).join('<br>')}</p>`)
    .join('\n');

export function createDemoSite(
  options: DemoSiteOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const posts = (JSON.parse(readFileSync(path.join(WEB_DIR, 'demo/posts.json'), 'utf8')) as Post[]).sort((a, b) =>
    b.date.localeCompare(a.date),
  );
  const bySlug = new Map(posts.map((p) => [p.slug, p]));
  const api = (options.apiBase ?? '').replace(/\/+$/, '');
  const site = options.siteTitle ?? 'Open Source & Cloud Notes';
  const header = `<header class="site"><div class="wrap"><a href="/">${esc(site)}</a> · <a href="/admin/">Moderation</a></div></header>`;

  const layout = (m: Manifest, title: string, main: string, script: string): string =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${esc(title)}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/dist/${m['site.css']}"></head>` +
    `<body>${header}<main class="wrap">${main}</main>${script}</body></html>`;

  const index = (m: Manifest): string =>
    layout(
      m,
      site,
      `<h1>All posts</h1><ol class="posts">${posts
        .map((p) => {
          const href = `/posts/${esc(p.slug)}`;
          return `<li><h2><a href="${href}">${esc(p.title)}</a></h2><p class="meta"><time datetime="${esc(p.date)}">${longDate(p.date)}</time> · <a href="${href}#parley" data-parley-count="${esc(p.slug)}">Comments</a></p></li>`;
        })
        .join('')}</ol>`,
      `<script src="/dist/${m['count.js']}" data-api="${esc(api)}" defer></script>`,
    );

  const postPage = (m: Manifest, p: Post, origin: string, rendered = ''): string =>
    layout(
      m,
      `${p.title} · ${site}`,
      (rendered ? `<link rel="stylesheet" href="/dist/${m['widget.css']}">` : '') +
        `<article><h1>${esc(p.title)}</h1><p class="meta"><time datetime="${esc(p.date)}">${longDate(p.date)}</time></p>${paragraphs(p.body)}</article>` +
        `<div id="parley" data-post="${esc(p.slug)}" data-title="${esc(p.title)}" data-url="${esc(`${origin}/posts/${p.slug}`)}">${rendered}</div>`,
      `<script src="/dist/${m['embed.js']}" data-api="${esc(api)}" defer></script>`,
    );

  /** What a static site generator does at build time: fetch the thread's HTML view and include it. */
  const threadHtml = async (origin: string, p: Post): Promise<string> => {
    const href = `${origin}/posts/${p.slug}#parley`;
    const res = await fetch(
      `${api || origin}/v1/comments.html?post=${encodeURIComponent(p.slug)}&lang=en&href=${encodeURIComponent(href)}`,
    );
    return res.ok ? res.text() : '';
  };

  const admin = (m: Manifest): string =>
    consolePage({
      site,
      cssHref: `/dist/${m['admin.css']}`,
      jsHref: `/dist/${m['admin.js']}`,
      api,
      postBase: '/posts/',
      blogHref: '/',
    });

  // The deployed console's headers (infra/console-headers.ts), with this server's provider and API.
  // Not HSTS: this server speaks plain HTTP, where browsers ignore it anyway.
  const consoleHeaders = (): Record<string, string> => {
    const signIn = options.consoleConfig?.();
    const { 'strict-transport-security': _https, ...headers } = consoleSecurityHeaders({
      signInOrigin: signIn && new URL(signIn.tokenEndpoint).origin,
      apiOrigin: api ? new URL(api).origin : undefined,
    });
    return headers;
  };

  return async (req, res) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return false;
    const url = new URL(req.url ?? '/', 'http://local');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return false;
    }
    const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): true => {
      res.writeHead(status, {
        'content-type': type,
        'content-length': Buffer.byteLength(body),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
        ...headers,
      });
      res.end(method === 'HEAD' ? undefined : body);
      return true;
    };
    const html = (status: number, body: string, headers: Record<string, string> = {}) =>
      send(status, 'text/html; charset=utf-8', body, { 'cache-control': 'no-cache', ...headers });

    if (pathname.startsWith('/dist/')) {
      const name = pathname.slice('/dist/'.length);
      const manifest = await ensureBuilt();
      const hashed = Object.values(manifest).includes(name);
      if (!hashed && !STABLE.has(name)) return false;
      const body = await readFile(path.join(DIST_DIR, name));
      return send(200, TYPES[path.extname(name)] ?? 'application/octet-stream', body, {
        'cache-control': hashed ? HASHED_CACHE_CONTROL : STABLE_CACHE_CONTROL,
        'access-control-allow-origin': '*',
      });
    }
    if (pathname === '/' || pathname === '/index.html') return html(200, index(await ensureBuilt()));
    if (pathname === '/admin/config.json') {
      const signIn = options.consoleConfig?.();
      if (!signIn) return false;
      return send(200, TYPES['.json']!, JSON.stringify(signIn), { 'cache-control': 'no-cache' });
    }
    if (pathname === '/admin') {
      // The provider returns to /admin/ only (its registered redirect URI): the console lives there.
      res.writeHead(308, { location: `/admin/${url.search}` }).end();
      return true;
    }
    if (pathname === '/admin/') {
      return html(200, admin(await ensureBuilt()), consoleHeaders());
    }
    if (pathname.startsWith('/static/')) {
      const post = bySlug.get(pathname.slice('/static/'.length).replace(/\/$/, ''));
      if (!post) return false;
      const origin = `http://${req.headers.host ?? 'localhost'}`;
      return html(200, postPage(await ensureBuilt(), post, origin, await threadHtml(origin, post)));
    }
    if (pathname.startsWith('/posts/')) {
      const post = bySlug.get(pathname.slice('/posts/'.length).replace(/\/$/, ''));
      const m = await ensureBuilt();
      if (!post)
        return html(404, layout(m, 'Not found', '<h1>Post not found</h1><p><a href="/">All posts</a></p>', ''));
      return html(200, postPage(m, post, `http://${req.headers.host ?? 'localhost'}`));
    }
    return false;
  };
}
