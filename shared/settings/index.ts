/**
 * Every Parley setting, declared once: the row types and helpers (setting.ts), the functions' run-time
 * settings (runtime-settings.ts) and the deployment's own (deploy-settings.ts).
 */
import { DEPLOY_SETTINGS } from './deploy-settings';
import { RUNTIME_SETTINGS } from './runtime-settings';
import type { Setting } from './setting';

export { DEPLOY_SETTINGS } from './deploy-settings';
export { RUNTIME_SETTINGS } from './runtime-settings';
export type { BlockedPosts, ModerationPolicy, Setting } from './setting';

export const ALL_SETTINGS: ReadonlyArray<readonly [string, Setting<unknown, unknown>]> = [
  ...Object.entries(RUNTIME_SETTINGS),
  ...Object.entries(DEPLOY_SETTINGS),
] as ReadonlyArray<readonly [string, Setting<unknown, unknown>]>;

/** The value a setting's text parses to at run time. */
export type RuntimeValue<S> = S extends Setting<infer T, unknown> ? T : never;
/** The value a setting's context text parses to at synth time. */
export type ContextValue<S> = S extends Setting<unknown, infer C> ? C : never;
