/**
 * What shared/settings/ generates: the README's two settings tables (between HTML comment
 * markers) and cdk.json's context defaults. Pure, so test/settings/settings-docs.test.ts can compare the
 * committed files with it; scripts/write-settings-docs.ts writes them.
 */
import { ALL_SETTINGS, type Setting } from '../shared/settings';

const rows = ALL_SETTINGS.map(([, row]) => row);

const literal = (value: unknown): string => (value === '' ? '*(empty)*' : `\`${String(value)}\``);

const runtimeDefault = (row: Setting): string =>
  row.defaultDoc ?? literal(row.runtimeDefault !== undefined ? row.runtimeDefault : row.default);

const table = (header: string, lines: string[]): string =>
  [`| ${header} | default | meaning |`, '| --- | --- | --- |', ...lines].join('\n');

/** Variables the functions read, with what applies when a variable is unset. */
export const runtimeTable = (): string =>
  table(
    'variable',
    rows
      .filter((row) => row.scope === 'runtime' && row.env)
      .map((row) => `| \`${row.env}\` | ${runtimeDefault(row)} | ${row.doc} |`),
  );

/** CDK context keys, with the default cdk.json holds. */
export const contextTable = (): string =>
  table(
    'key',
    rows
      .filter((row) => row.context)
      .map(
        (row) =>
          `| \`${row.context}\` | ${row.contextDefaultDoc ?? row.defaultDoc ?? literal(row.default)} | ${row.doc} |`,
      ),
  );

export const MARKERS = {
  runtime: ['<!-- settings:runtime:start (npm run settings:docs) -->', '<!-- settings:runtime:end -->'],
  context: ['<!-- settings:context:start (npm run settings:docs) -->', '<!-- settings:context:end -->'],
} as const;

const replaceBetween = (text: string, [start, end]: readonly [string, string], body: string): string => {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md lacks the markers ${start} ... ${end}`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
};

/** The README with both settings tables regenerated. */
export const withSettingsTables = (readme: string): string =>
  replaceBetween(replaceBetween(readme, MARKERS.runtime, runtimeTable()), MARKERS.context, contextTable());

/** Every context key's default, in table order. */
export const contextDefaults = (): Record<string, string | number | boolean> =>
  Object.fromEntries(rows.filter((row) => row.context).map((row) => [row.context as string, row.default]));

/** cdk.json's context: the settings' defaults first, then everything else it holds (CDK feature flags). */
export const withContextDefaults = (cdkJson: { context?: Record<string, unknown> }): object => {
  const defaults = contextDefaults();
  const others = Object.entries(cdkJson.context ?? {}).filter(([key]) => !(key in defaults));
  return { ...cdkJson, context: { ...defaults, ...Object.fromEntries(others) } };
};
