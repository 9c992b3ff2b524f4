/**
 * Every Parley setting, declared once. From this table come the functions' run-time parsing
 * (shared/config.ts), the CDK context parsing and the functions' environment map
 * (infra/cdk/settings.ts), and, through `npm run settings:docs`, the README's settings tables and
 * cdk.json's context defaults (test/settings/settings-docs.test.ts fails when those are stale).
 *
 * `runtime` settings are the functions' own: an environment variable on every function and in
 * `npm start`. `deploy` settings only shape the stack (a few are also passed to the functions
 * for the record, like LOG_LEVEL, which Lambda's log format reads, not Parley).
 */
import type { Kind } from '../setting-kinds';

export type ModerationPolicy = 'pre' | 'trusted' | 'post';
export type BlockedPosts = 'hold' | 'refuse';

export interface Setting<T = unknown, C = T> {
  readonly scope: 'runtime' | 'deploy';
  /** The environment variable the functions read. */
  readonly env?: string;
  /** The `cdk.json` / `-c key=value` key; none when the stack decides the value itself (TABLE_NAME). */
  readonly context?: string;
  /** The value in cdk.json, and at run time when the variable is unset unless `runtimeDefault` says otherwise. */
  readonly default: string | number | boolean;
  /** Run time, variable unset, when that differs from "the deployment's default". */
  readonly runtimeDefault?: T;
  readonly kind: Kind<T>;
  /** Stricter or differently shaped parsing of the context value (origins are validated at synth). */
  readonly contextKind?: Kind<C>;
  /** The functions get no variable for an empty value, so their own `runtimeDefault` applies. */
  readonly omitWhenEmpty?: boolean;
  /** One line for the README tables. */
  readonly doc: string;
  /** How the README shows the default, where the literal value says too little. */
  readonly defaultDoc?: string;
  /** The same for the CDK context table, where it differs from the run-time one. */
  readonly contextDefaultDoc?: string;
}

export const setting = <T, C = T>(row: Setting<T, C>): Setting<T, C> => row;

export const DEFAULT_BLOCKED_WORDS = [
  'viagra',
  'cialis',
  'casino bonus',
  'payday loan',
  'crypto giveaway',
  'replica watches',
];
/** Retention values CloudWatch Logs accepts. */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const;
