/**
 * Builds web/dist: embed.js and count.js (stable names, short-cached) plus content-hashed
 * copies of every asset (immutable), and manifest.json (logical name -> hashed name).
 * The widget's CSS is minified into embed.js, so the widget is one file; it is also written as
 * widget.<hash>.css for pages with a strict Content-Security-Policy (no inline style).
 * Every non-English catalogue of shared/i18n/locales becomes locale-<tag>.<hash>.json, and the
 * tag -> file map is compiled into embed.js and count.js, which fetch a locale only when needed.
 * The console's page is admin/index.html (web/console-page.ts), linking its hashed script and style.
 * `npm run build:web` prints gzip sizes and fails when the widget or a locale is over budget.
 */
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { compact, type Catalogue } from '../shared/i18n/format';
import english from '../shared/i18n/locales/en.json';
import { consolePage } from './console-page';

export const WEB_DIR = __dirname;
export const DIST_DIR = path.join(WEB_DIR, 'dist');
/** Widget budget: embed.js (JS + CSS) and count.js, gzip. */
export const BUDGET_GZIP = 12 * 1024;
/** Each locale file, gzip: another language costs one small request. */
export const LOCALE_BUDGET_GZIP = 1.5 * 1024;
/** Console budget: admin.js + admin.css, gzip (moderators load it once per session, on any phone). */
export const CONSOLE_BUDGET_GZIP = 22 * 1024;
export const LOCALES_DIR = path.join(WEB_DIR, '../shared/i18n/locales');
const STABLE = ['embed.js', 'count.js'];

export type Manifest = Record<string, string>;
export interface BuildResult {
  manifest: Manifest;
  gzip: Record<string, number>;
  widgetGzip: number;
  /** admin.js + admin.css, gzip. */
  consoleGzip: number;
  /** Locale tag -> gzip size of its file. */
  localeGzip: Record<string, number>;
}

const hashed = (name: string, content: Uint8Array) => {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 10);
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
};

/** Write-then-rename, so a concurrent reader (or builder) never sees half a file. */
async function writeAtomic(file: string, content: Uint8Array | string) {
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}`,
  );
  await writeFile(tmp, content);
  await rename(tmp, file);
}

const gz = (content: Uint8Array | string) => gzipSync(content, { level: 9 }).length;

/** English's message ids in file order: the widget and count.js name a message by its position. */
const ENGLISH_KEYS = Object.keys(english);

/** The non-English catalogues, minified and compacted (shared/i18n/format.ts): tag -> JSON text. */
async function localeFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const f of (await readdir(LOCALES_DIR)).sort())
    if (f.endsWith('.json') && f !== 'en.json')
      files.set(
        f.slice(0, -5),
        // `page_*` messages are for pages the server renders (the thread's HTML view), never the widget.
        JSON.stringify(
          compact(
            JSON.parse(await readFile(path.join(LOCALES_DIR, f), 'utf8'), (key, value: unknown) =>
              key.startsWith('page_') ? undefined : value,
            ) as Catalogue,
            ENGLISH_KEYS,
          ),
        ),
      );
  return files;
}

export async function buildWeb(outDir = DIST_DIR): Promise<BuildResult> {
  const css = await transform(await readFile(path.join(WEB_DIR, 'src/widget.css'), 'utf8'), {
    loader: 'css',
    minify: true,
  });
  const cssFile = hashed('widget.css', Buffer.from(css.code));
  const locales = await localeFiles();
  const localeMap = Object.fromEntries(
    [...locales].map(([tag, json]) => [tag, hashed(`locale-${tag}.json`, Buffer.from(json))]),
  );
  const common = {
    bundle: true,
    minify: true,
    write: false,
    outdir: outDir,
    legalComments: 'none',
    charset: 'utf8',
  } as const;
  const [scripts, styles] = await Promise.all([
    build({
      ...common,
      entryPoints: {
        embed: path.join(WEB_DIR, 'src/embed.ts'),
        count: path.join(WEB_DIR, 'src/count.ts'),
        admin: path.join(WEB_DIR, 'admin/main.ts'),
      },
      format: 'iife',
      target: 'es2020',
      define: {
        __PARLEY_CSS__: JSON.stringify(css.code.trim()),
        __PARLEY_CSS_FILE__: JSON.stringify(cssFile),
        __PARLEY_LOCALES__: JSON.stringify(localeMap),
        __PARLEY_COUNT_KEYS__: JSON.stringify(ENGLISH_KEYS.filter((k) => k.startsWith('comments_count_'))),
        __PARLEY_KEY_BASE__: String(ENGLISH_KEYS.findIndex((k) => k.startsWith('comments_count_'))),
      },
    }),
    build({
      ...common,
      entryPoints: { admin: path.join(WEB_DIR, 'admin/admin.css'), site: path.join(WEB_DIR, 'demo/site.css') },
    }),
  ]);
  await mkdir(outDir, { recursive: true });
  const manifest: Manifest = {};
  const gzip: Record<string, number> = {};
  const keep = new Set(['manifest.json']);
  const localeGzip: Record<string, number> = {};
  const extras: [string, string, string][] = [['widget.css', cssFile, css.code]];
  for (const [tag, json] of locales) extras.push([`locale-${tag}.json`, localeMap[tag]!, json]);
  for (const [name, file, content] of extras) {
    manifest[name] = file;
    gzip[name] = gz(content);
    keep.add(file);
    await writeAtomic(path.join(outDir, file), content);
  }
  for (const tag of locales.keys()) localeGzip[tag] = gzip[`locale-${tag}.json`]!;
  for (const out of [...scripts.outputFiles, ...styles.outputFiles]) {
    const name = path.basename(out.path);
    manifest[name] = hashed(name, out.contents);
    gzip[name] = gz(out.contents);
    const targets = STABLE.includes(name) ? [manifest[name], name] : [manifest[name]];
    for (const t of targets) {
      keep.add(t);
      await writeAtomic(path.join(outDir, t), out.contents);
    }
  }
  // The console's page, for the distribution's /admin/ (the API shares its origin: `/v1/*`).
  await mkdir(path.join(outDir, 'admin'), { recursive: true });
  await writeAtomic(
    path.join(outDir, 'admin/index.html'),
    consolePage({
      site: 'Parley',
      cssHref: `/${manifest['admin.css']}`,
      jsHref: `/${manifest['admin.js']}`,
      api: '',
      postBase: '/posts/',
    }),
  );
  keep.add('admin');
  await writeAtomic(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const f of await readdir(outDir))
    if (!keep.has(f) && !f.startsWith('.')) await rm(path.join(outDir, f), { force: true });
  return {
    manifest,
    gzip,
    widgetGzip: (gzip['embed.js'] ?? 0) + (gzip['count.js'] ?? 0),
    consoleGzip: (gzip['admin.js'] ?? 0) + (gzip['admin.css'] ?? 0),
    localeGzip,
  };
}

/** Why a build must fail: the English widget, the console or a locale file over its gzip budget. */
export function overBudget({
  widgetGzip,
  consoleGzip = 0,
  localeGzip,
}: Pick<BuildResult, 'widgetGzip' | 'localeGzip'> & { consoleGzip?: number }): string[] {
  const problems = widgetGzip > BUDGET_GZIP ? [`widget: ${widgetGzip} B gzip > ${BUDGET_GZIP} B`] : [];
  if (consoleGzip > CONSOLE_BUDGET_GZIP) problems.push(`console: ${consoleGzip} B gzip > ${CONSOLE_BUDGET_GZIP} B`);
  for (const [tag, n] of Object.entries(localeGzip))
    if (n > LOCALE_BUDGET_GZIP) problems.push(`locale ${tag}: ${n} B gzip > ${LOCALE_BUDGET_GZIP} B`);
  return problems;
}

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? await newestSource(p) : (await stat(p)).mtimeMs);
  }
  return newest;
}

let pending: Promise<Manifest> | undefined;

/** The current manifest; builds first when web/dist is missing or older than a source file. */
export function ensureBuilt(outDir = DIST_DIR): Promise<Manifest> {
  pending ??= (async () => {
    const built = await stat(path.join(outDir, 'manifest.json')).then(
      (s) => s.mtimeMs,
      () => 0,
    );
    const sources = Math.max(await newestSource(WEB_DIR), await newestSource(path.dirname(LOCALES_DIR)));
    if (built > 0 && built >= sources)
      return JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8')) as Manifest;
    return (await buildWeb(outDir)).manifest;
  })();
  pending.catch(() => (pending = undefined));
  return pending;
}

if (require.main === module) {
  buildWeb()
    .then(({ manifest, gzip, widgetGzip, consoleGzip, localeGzip }) => {
      for (const [name, file] of Object.entries(manifest))
        console.log(`${file.padEnd(32)} ${String(gzip[name]).padStart(6)} B gzip`);
      const kb = (n: number) => (n / 1024).toFixed(2);
      console.log(
        `English widget (embed.js JS+CSS + count.js): ${kb(widgetGzip)} KB gzip, budget ${kb(BUDGET_GZIP)} KB`,
      );
      console.log(
        `locales (${Object.keys(localeGzip).length}, budget ${kb(LOCALE_BUDGET_GZIP)} KB each): ` +
          Object.entries(localeGzip)
            .map(([tag, n]) => `${tag} ${kb(n)}`)
            .join(', '),
      );
      console.log(`console (admin.js + admin.css): ${kb(consoleGzip)} KB gzip, budget ${kb(CONSOLE_BUDGET_GZIP)} KB`);
      const problems = overBudget({ widgetGzip, consoleGzip, localeGzip });
      if (problems.length) throw new Error(`over budget: ${problems.join('; ')}`);
    })
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
