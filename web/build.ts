/**
 * Builds web/dist: embed.js and count.js (stable names, short-cached) plus content-hashed
 * copies of every asset (immutable), and manifest.json (logical name -> hashed name).
 * The widget's CSS is minified into embed.js, so the widget is one file.
 * `npm run build:web` prints gzip sizes and fails when the widget is over budget.
 */
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const WEB_DIR = __dirname;
export const DIST_DIR = path.join(WEB_DIR, 'dist');
/** Widget budget: embed.js (JS + CSS) and count.js, gzip. */
export const BUDGET_GZIP = 12 * 1024;
const STABLE = ['embed.js', 'count.js'];

export type Manifest = Record<string, string>;
export interface BuildResult {
  manifest: Manifest;
  gzip: Record<string, number>;
  widgetGzip: number;
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

export async function buildWeb(outDir = DIST_DIR): Promise<BuildResult> {
  const css = await transform(await readFile(path.join(WEB_DIR, 'src/widget.css'), 'utf8'), {
    loader: 'css',
    minify: true,
  });
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
      define: { __PARLEY_CSS__: JSON.stringify(css.code.trim()) },
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
  for (const out of [...scripts.outputFiles, ...styles.outputFiles]) {
    const name = path.basename(out.path);
    manifest[name] = hashed(name, out.contents);
    gzip[name] = gzipSync(out.contents, { level: 9 }).length;
    const targets = STABLE.includes(name) ? [manifest[name], name] : [manifest[name]];
    for (const t of targets) {
      keep.add(t);
      await writeAtomic(path.join(outDir, t), out.contents);
    }
  }
  await writeAtomic(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const f of await readdir(outDir))
    if (!keep.has(f) && !f.startsWith('.')) await rm(path.join(outDir, f), { force: true });
  return { manifest, gzip, widgetGzip: (gzip['embed.js'] ?? 0) + (gzip['count.js'] ?? 0) };
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
    if (built > 0 && built >= (await newestSource(WEB_DIR)))
      return JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8')) as Manifest;
    return (await buildWeb(outDir)).manifest;
  })();
  pending.catch(() => (pending = undefined));
  return pending;
}

if (require.main === module) {
  buildWeb()
    .then(({ manifest, gzip, widgetGzip }) => {
      for (const [name, file] of Object.entries(manifest))
        console.log(`${file.padEnd(28)} ${String(gzip[name]).padStart(6)} B gzip`);
      const kb = (n: number) => (n / 1024).toFixed(2);
      console.log(`widget (embed.js JS+CSS + count.js): ${kb(widgetGzip)} KB gzip, budget ${kb(BUDGET_GZIP)} KB`);
      if (widgetGzip > BUDGET_GZIP) throw new Error('widget is over its gzip budget');
    })
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
