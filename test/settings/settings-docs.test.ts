import { readFileSync } from 'node:fs';
import path from 'node:path';
import { contextDefaults, MARKERS, withContextDefaults, withSettingsTables } from '../../scripts/settings-docs';
import { RUNTIME_SETTINGS } from '../../shared/settings';

const ROOT = path.resolve(__dirname, '../..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const cdkJson = JSON.parse(readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

test("the README's settings tables are what shared/settings/ generates (run npm run settings:docs)", () => {
  for (const [start, end] of Object.values(MARKERS)) {
    expect(readme).toContain(start);
    expect(readme).toContain(end);
  }
  expect(readme).toEqual(withSettingsTables(readme));
});

test("cdk.json's context holds every setting's default (run npm run settings:docs)", () => {
  expect(cdkJson).toEqual(withContextDefaults(cdkJson));
  expect(Object.keys(cdkJson.context).slice(0, Object.keys(contextDefaults()).length)).toEqual(
    Object.keys(contextDefaults()),
  );
});

test('every run-time setting is documented in the run-time table by its variable', () => {
  const [start, end] = MARKERS.runtime;
  const section = readme.slice(readme.indexOf(start), readme.indexOf(end));
  for (const row of Object.values(RUNTIME_SETTINGS)) expect(section).toContain(`| \`${row.env}\` |`);
});
