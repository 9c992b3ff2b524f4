/**
 * Run-time settings, read from environment variables. The CDK stack sets them on every function
 * and `npm start` sets them for the local server; shared/settings/ declares each one, its
 * default, bound and meaning.
 */
import { RUNTIME_SETTINGS, type RuntimeValue, type Setting } from './settings';

export type { ModerationPolicy } from './settings';

type RuntimeSettings = typeof RUNTIME_SETTINGS;

/** One field per run-time setting, typed by its parser. */
export type Config = { readonly [K in keyof RuntimeSettings]: RuntimeValue<RuntimeSettings[K]> };

const fromEnv = <T>(name: string, row: Setting<T, unknown>, env: NodeJS.ProcessEnv): T => {
  const raw = env[row.env ?? name];
  if (raw === undefined || (raw === '' && row.kind.emptyIsUnset))
    return row.runtimeDefault !== undefined ? row.runtimeDefault : row.kind.parse(String(row.default), '');
  return row.kind.parse(raw, `Setting ${row.env}`);
};

/** The configuration `env` describes (tests pass their own). */
export const readConfig = (env: NodeJS.ProcessEnv): Config =>
  Object.fromEntries(
    Object.entries(RUNTIME_SETTINGS).map(([name, row]) => [name, fromEnv(name, row as Setting, env)]),
  ) as Config;

const ENV_NAMES = Object.values(RUNTIME_SETTINGS).flatMap((row) => row.env ?? []);

let cached: { env: string; config: Config } | undefined;

/** The current configuration; re-read only when the environment changed (tests change it, Lambda never does). */
export const config = (): Config => {
  const key = JSON.stringify(ENV_NAMES.map((name) => process.env[name]));
  if (cached?.env !== key) cached = { env: key, config: readConfig(process.env) };
  return cached.config;
};
