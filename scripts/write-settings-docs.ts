// Regenerates the README's settings tables and cdk.json's context defaults from shared/settings/:
// `npm run settings:docs`.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'prettier';
import { withContextDefaults, withSettingsTables } from './settings-docs';

const ROOT = path.resolve(__dirname, '..');

const main = async (): Promise<void> => {
  const readme = path.join(ROOT, 'README.md');
  writeFileSync(readme, withSettingsTables(readFileSync(readme, 'utf8')));

  const cdkJson = path.join(ROOT, 'cdk.json');
  const updated = withContextDefaults(
    JSON.parse(readFileSync(cdkJson, 'utf8')) as { context?: Record<string, unknown> },
  );
  // Formatted as `npm run lint` expects, so the generated file passes prettier --check.
  writeFileSync(cdkJson, await format(JSON.stringify(updated, null, 2), { filepath: cdkJson, printWidth: 120 }));
  console.log('wrote the settings tables in README.md and the context defaults in cdk.json');
};

void main();
