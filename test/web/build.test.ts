/** web/build.ts: one content-hashed file per locale, known to the widget, and budgets that fail the build. */
import { expand } from '../../shared/i18n/format';
import english from '../../shared/i18n/locales/en.json';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  BUDGET_GZIP,
  CONSOLE_BUDGET_GZIP,
  LOCALE_BUDGET_GZIP,
  buildWeb,
  overBudget,
  type BuildResult,
} from '../../web/build';

let out: string;
let result: BuildResult;

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'parley-web-'));
  result = await buildWeb(out);
}, 30_000);

afterAll(() => rm(out, { recursive: true, force: true }));

test('each locale is its own hashed file, within its budget, named inside embed.js and not bundled in it', async () => {
  const embed = await readFile(path.join(out, 'embed.js'), 'utf8');
  expect(Object.keys(result.localeGzip).sort()).toEqual(
    expect.arrayContaining(['ar', 'de', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt', 'ru', 'zh']),
  );
  for (const [tag, size] of Object.entries(result.localeGzip)) {
    const file = result.manifest[`locale-${tag}.json`]!;
    expect(file).toMatch(new RegExp(`^locale-${tag}\\.[0-9a-f]{10}\\.json$`));
    expect(size).toBeLessThanOrEqual(LOCALE_BUDGET_GZIP);
    expect(embed).toContain(file);
  }
  const german = expand(
    JSON.parse(await readFile(path.join(out, result.manifest['locale-de.json']!), 'utf8')),
    Object.keys(english),
  );
  expect(german.post_comment).toBe('Kommentar senden');
  expect(embed).not.toContain(german.post_comment);
  expect(result.widgetGzip).toBeLessThanOrEqual(BUDGET_GZIP);
});

test('the strict-CSP stylesheet is written under the hashed name embed.js links to', async () => {
  const file = result.manifest['widget.css']!;
  expect(file).toMatch(/^widget\.[0-9a-f]{10}\.css$/);
  expect(await readFile(path.join(out, 'embed.js'), 'utf8')).toContain(file);
  expect(await readFile(path.join(out, file), 'utf8')).toContain('.parley');
});

test("the console's script and style fit the console's budget", () => {
  expect(result.consoleGzip).toBeGreaterThan(0);
  expect(result.consoleGzip).toBeLessThanOrEqual(CONSOLE_BUDGET_GZIP);
  expect(overBudget({ widgetGzip: 0, consoleGzip: CONSOLE_BUDGET_GZIP + 1, localeGzip: {} })).toEqual([
    `console: ${CONSOLE_BUDGET_GZIP + 1} B gzip > ${CONSOLE_BUDGET_GZIP} B`,
  ]);
});

test('a widget or a locale over its gzip budget fails the build', () => {
  expect(overBudget({ widgetGzip: BUDGET_GZIP, localeGzip: { de: LOCALE_BUDGET_GZIP } })).toEqual([]);
  expect(overBudget({ widgetGzip: BUDGET_GZIP + 1, localeGzip: { de: 1000, ru: LOCALE_BUDGET_GZIP + 1 } })).toEqual([
    `widget: ${BUDGET_GZIP + 1} B gzip > ${BUDGET_GZIP} B`,
    `locale ru: ${LOCALE_BUDGET_GZIP + 1} B gzip > ${LOCALE_BUDGET_GZIP} B`,
  ]);
});

test("the console's page is written to admin/index.html and links the console's built script and style", async () => {
  const page = await readFile(path.join(out, 'admin/index.html'), 'utf8');
  const links = [...page.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  expect(links.sort()).toEqual([result.manifest['admin.css'], result.manifest['admin.js']].sort());
  for (const file of links) await expect(stat(path.join(out, file))).resolves.toBeTruthy();
  expect(page).toContain('<main id="parley-admin" data-api=""');
});
