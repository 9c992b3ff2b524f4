/**
 * Deployment settings, read from CDK context (`cdk.json` or `cdk deploy -c key=value`).
 * Every key, its default and its meaning is listed in the README (Deploy to AWS: Settings); keep the two in step.
 */
import { Node } from 'constructs';
import type { Config } from '../../shared/config';

/** The run-time settings a deployment chooses are the functions' own (shared/config.ts), passed as environment variables. */
type RuntimeSettings = Pick<
  Config,
  | 'allowedOrigins'
  | 'moderation'
  | 'editWindowSeconds'
  | 'rateLimitMax'
  | 'rateLimitWindowSeconds'
  | 'maxLinks'
  | 'minSubmitMillis'
  | 'duplicateWindowSeconds'
  | 'siteTitle'
  | 'siteUrl'
>;

export interface ParleySettings extends RuntimeSettings {
  /** `dev` lets `cdk destroy` delete the table and the secret; anything else keeps them. */
  readonly stage: string;
  /** Comma-separated words that mark a comment as spam; empty keeps the built-in list. */
  readonly blockedWords: string;
  readonly logLevel: string;
  readonly throttleRateLimit: number;
  readonly throttleBurstLimit: number;
  readonly logRetentionDays: number;
  readonly lambdaMemoryMb: number;
  /** Create the CloudWatch alarms (each alarm metric costs money beyond the free tier). */
  readonly alarms: boolean;
  /** Where alarm notifications go; none subscribes nobody to the alarm topic. */
  readonly alarmEmail: string | undefined;
  /** Use this existing (retained) table instead of creating one. */
  readonly existingTableName: string | undefined;
}

/** Retention values CloudWatch Logs accepts. */
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'];

const text = (node: Node, key: string, fallback: string): string => {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined || raw === null) return fallback;
  return String(raw).trim();
};

const int = (node: Node, key: string, fallback: number, min: number): number => {
  const raw = text(node, key, String(fallback));
  const value = Number(raw);
  if (raw === '' || !Number.isInteger(value) || value < min)
    throw new Error(`Context ${key} must be an integer >= ${min}, got "${raw}"`);
  return value;
};

const bool = (node: Node, key: string, fallback: boolean): boolean => {
  const raw = text(node, key, String(fallback)).toLowerCase();
  if (raw !== 'true' && raw !== 'false') throw new Error(`Context ${key} must be true or false, got "${raw}"`);
  return raw === 'true';
};

const optional = (node: Node, key: string): string | undefined => {
  const raw = text(node, key, '');
  return raw === '' ? undefined : raw;
};

/** An origin as a browser sends it: scheme, host and optional port; no path, no trailing slash, no wildcard. */
export const parseOrigins = (raw: string): string[] => {
  const origins = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    const local = parsed?.hostname === 'localhost' || parsed?.hostname === '127.0.0.1';
    const ok =
      parsed !== undefined &&
      !origin.includes('*') &&
      parsed.origin === origin &&
      (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && local));
    if (!ok)
      throw new Error(
        `Context allowedOrigins: "${origin}" is not an origin like https://blog.example.org (https, no path, no trailing slash, no wildcard)`,
      );
  }
  return origins;
};

export const readSettings = (node: Node): ParleySettings => {
  const moderation = text(node, 'moderation', 'pre');
  if (moderation !== 'pre' && moderation !== 'trusted' && moderation !== 'post') {
    throw new Error(`Context moderation must be pre, trusted or post, got "${moderation}"`);
  }
  const logLevel = text(node, 'logLevel', 'INFO').toUpperCase();
  if (!LOG_LEVELS.includes(logLevel))
    throw new Error(`Context logLevel must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const logRetentionDays = int(node, 'logRetentionDays', 30, 1);
  if (!RETENTION_DAYS.includes(logRetentionDays)) {
    throw new Error(`Context logRetentionDays must be one of ${RETENTION_DAYS.join(', ')}, got ${logRetentionDays}`);
  }
  const allowedOrigins = parseOrigins(text(node, 'allowedOrigins', ''));
  const siteUrl = text(node, 'siteUrl', '') || (allowedOrigins[0] ? `${allowedOrigins[0]}/` : '');
  return {
    stage: text(node, 'stage', 'prod'),
    allowedOrigins,
    moderation,
    editWindowSeconds: int(node, 'editWindowSeconds', 900, 1),
    rateLimitMax: int(node, 'rateLimitMax', 10, 1),
    rateLimitWindowSeconds: int(node, 'rateLimitWindowSeconds', 60, 1),
    maxLinks: int(node, 'maxLinks', 3, 0),
    blockedWords: text(node, 'blockedWords', ''),
    minSubmitMillis: int(node, 'minSubmitMillis', 3000, 0),
    duplicateWindowSeconds: int(node, 'duplicateWindowSeconds', 86400, 1),
    siteTitle: text(node, 'siteTitle', 'Comments'),
    siteUrl,
    logLevel,
    throttleRateLimit: int(node, 'throttleRateLimit', 50, 1),
    throttleBurstLimit: int(node, 'throttleBurstLimit', 100, 1),
    logRetentionDays,
    lambdaMemoryMb: int(node, 'lambdaMemoryMb', 256, 128),
    alarms: bool(node, 'alarms', true),
    alarmEmail: optional(node, 'alarmEmail'),
    existingTableName: optional(node, 'existingTableName'),
  };
};
