/**
 * Deployment settings, read from CDK context (`cdk.json` or `cdk deploy -c key=value`) as
 * shared/settings/ declares them, and the environment the functions get from them.
 */
import type { Node } from 'constructs';
import {
  ALL_SETTINGS,
  type DEPLOY_SETTINGS,
  type RUNTIME_SETTINGS,
  type ContextValue,
  type Setting,
} from '../../shared/settings';

type ContextSettings = typeof DEPLOY_SETTINGS & Omit<typeof RUNTIME_SETTINGS, 'tableName' | 'dynamoEndpoint'>;

/** One field per context key, typed by its context parser. */
export type ParleySettings = { readonly [K in keyof ContextSettings]: ContextValue<ContextSettings[K]> };

type ContextRow = Setting & { readonly context: string };
const CONTEXT_ROWS = ALL_SETTINGS.filter(
  (entry): entry is readonly [string, ContextRow] => entry[1].context !== undefined,
);

const fromContext = (node: Node, row: ContextRow): unknown => {
  const raw: unknown = node.tryGetContext(row.context);
  const value = raw === undefined || raw === null ? String(row.default) : String(raw).trim();
  return (row.contextKind ?? row.kind).parse(value, `Context ${row.context}`);
};

export const readSettings = (node: Node): ParleySettings => {
  const settings = Object.fromEntries(CONTEXT_ROWS.map(([name, row]) => [name, fromContext(node, row)]));
  const origins = settings.allowedOrigins as readonly string[];
  // Feed links default to the blog itself, which the first allowed origin names.
  if (settings.siteUrl === '' && origins[0]) settings.siteUrl = `${origins[0]}/`;
  return settings as ParleySettings;
};

const asVariable = (value: unknown): string => (Array.isArray(value) ? value.join(',') : String(value));

/**
 * The variables every function gets: each setting that has both a context key and a variable,
 * plus the table the stack made and the service name the logger reports.
 */
export const functionEnvironment = (settings: ParleySettings, tableName: string): Record<string, string> => {
  const environment: Record<string, string> = { TABLE_NAME: tableName, SERVICE_NAME: 'parley' };
  for (const [name, row] of CONTEXT_ROWS) {
    if (row.env === undefined) continue;
    const value = asVariable(settings[name as keyof ParleySettings]);
    if (value !== '' || !row.omitWhenEmpty) environment[row.env] = value;
  }
  return environment;
};
