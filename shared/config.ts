/**
 * Run-time settings, read from environment variables. The CDK stack sets them on every function
 * and `npm start` sets them for the local server, so one list documents both.
 */
export type ModerationPolicy = 'pre' | 'trusted' | 'post';

export interface Config {
  readonly tableName: string;
  /** Only set locally: DynamoDB Local's URL. Deployed, the SDK's regional endpoint is used. */
  readonly dynamoEndpoint: string | undefined;
  readonly allowedOrigins: readonly string[];
  readonly moderation: ModerationPolicy;
  readonly editWindowSeconds: number;
  /** Writes (post, edit, delete) one client may make per window. */
  readonly rateLimitMax: number;
  readonly rateLimitWindowSeconds: number;
  readonly maxLinks: number;
  readonly blockedWords: readonly string[];
  /** A submission whose form was open for less than this many milliseconds is held. */
  readonly minSubmitMillis: number;
  /** How long a comment body counts as "recent" for duplicate detection. */
  readonly duplicateWindowSeconds: number;
  readonly siteTitle: string;
  /** Public base URL of the blog, used for feed links when a post has no URL of its own. */
  readonly siteUrl: string;
}

const DEFAULT_BLOCKED_WORDS = ['viagra', 'cialis', 'casino bonus', 'payday loan', 'crypto giveaway', 'replica watches'];

const intFrom = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`Setting ${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
};

const listFrom = (raw: string | undefined, fallback: readonly string[]): readonly string[] =>
  raw === undefined
    ? fallback
    : raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);

const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const moderation = env.MODERATION ?? 'pre';
  if (moderation !== 'pre' && moderation !== 'trusted' && moderation !== 'post') {
    throw new Error(`Setting MODERATION must be pre, trusted or post, got "${moderation}"`);
  }
  return {
    tableName: env.TABLE_NAME ?? 'parley',
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    allowedOrigins: listFrom(env.ALLOWED_ORIGINS, []),
    moderation,
    editWindowSeconds: intFrom(env, 'EDIT_WINDOW_SECONDS', 900, 1),
    rateLimitMax: intFrom(env, 'RATE_LIMIT_MAX', 10, 1),
    rateLimitWindowSeconds: intFrom(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1),
    maxLinks: intFrom(env, 'MAX_LINKS', 3, 0),
    blockedWords: listFrom(env.BLOCKED_WORDS, DEFAULT_BLOCKED_WORDS).map((w) => w.toLowerCase()),
    minSubmitMillis: intFrom(env, 'MIN_SUBMIT_MILLIS', 3000, 0),
    duplicateWindowSeconds: intFrom(env, 'DUPLICATE_WINDOW_SECONDS', 86400, 1),
    siteTitle: env.SITE_TITLE ?? 'Comments',
    siteUrl: env.SITE_URL ?? 'http://localhost:8787/',
  };
};

let cached: { env: string; config: Config } | undefined;

/** The current configuration; re-read only when the environment changed (tests change it, Lambda never does). */
export const config = (): Config => {
  const key = JSON.stringify([
    process.env.TABLE_NAME,
    process.env.DYNAMODB_ENDPOINT,
    process.env.ALLOWED_ORIGINS,
    process.env.MODERATION,
    process.env.EDIT_WINDOW_SECONDS,
    process.env.RATE_LIMIT_MAX,
    process.env.RATE_LIMIT_WINDOW_SECONDS,
    process.env.MAX_LINKS,
    process.env.BLOCKED_WORDS,
    process.env.MIN_SUBMIT_MILLIS,
    process.env.DUPLICATE_WINDOW_SECONDS,
    process.env.SITE_TITLE,
    process.env.SITE_URL,
  ]);
  if (cached?.env !== key) cached = { env: key, config: readConfig() };
  return cached.config;
};
