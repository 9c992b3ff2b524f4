/**
 * Boots the whole local stand-in for AWS (DynamoDB Local, the table, the settings the handlers
 * read, the API server) in one call, so `npm start`, the tests and the benchmarks run the same thing.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureTable } from './create-table';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import type { Authorizer } from './gateway/authorizer';
import { oidcAuthorizer } from './gateway/oidc-authorizer';
import { createLocalServer, type Fallback, type LambdaHandler } from './gateway/server';
import { ensureDefaultModerator } from './oidc/accounts';
import { startOidcProvider, type RunningOidcProvider } from './oidc/provider';

export interface LocalStackOptions {
  /** Holds the database (`dynamodb/`), the HMAC secret and the JWT key; `null`: in-memory database and a throwaway secret. */
  readonly dataDir: string | null;
  /** API port; 0 or undefined picks a free one. */
  readonly port?: number;
  readonly host?: string;
  /** DynamoDB Local's port; 0 or undefined picks a free one. */
  readonly dynamoPort?: number;
  /** Use this DynamoDB instead of starting DynamoDB Local. */
  readonly dynamoEndpoint?: string;
  /** Default: TABLE_NAME, else `parley`. */
  readonly tableName?: string;
  /** Settings for the handlers that win over both exported variables and defaults. */
  readonly env?: Readonly<Record<string, string>>;
  readonly fallback?: Fallback;
  readonly handlers?: Readonly<Record<string, LambdaHandler>>;
  readonly log?: (line: string) => void;
  /**
   * Stand in for CloudFront too: the API sees requests as they come through the edge (the
   * reader's address in `CloudFront-Viewer-Address`, the origin secret added). Without it, the
   * API is reached as the execute-api URL is; with `ORIGIN_VERIFY_SECRET` set, that is the
   * deployed API behind CloudFront reached directly.
   */
  readonly edge?: boolean;
  /** The local OpenID provider's port; 0 or undefined picks a free one. */
  readonly oidcPort?: number;
  /** Access and ID token lifetime of the provider (tests shorten it to watch refresh). */
  readonly tokenTtlSeconds?: number;
}

export interface LocalStack {
  /** http://<host>:<port>, the address the server listens on. */
  readonly url: string;
  readonly port: number;
  /** DynamoDB endpoint the handlers use. */
  readonly endpoint: string;
  readonly tableName: string;
  /** Directory of the provider's signing key and accounts: pass it to `mintLocalToken`. */
  readonly keyDir: string;
  /** The local OpenID provider whose tokens the gateway accepts for moderator routes. */
  readonly oidc: RunningOidcProvider;
  /** The settings this stack put into process.env. */
  readonly env: Readonly<Record<string, string>>;
  /** Undefined when an external endpoint was given. */
  readonly dynamo: DynamoDbLocal | undefined;
  stop(): Promise<void>;
}

/** A random secret kept across restarts, so edit tokens, cursors and hashes stay valid. */
const persistentSecret = async (file: string): Promise<string> => {
  try {
    await fs.writeFile(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return (await fs.readFile(file, 'utf8')).trim();
};

export const startLocalStack = async (options: LocalStackOptions): Promise<LocalStack> => {
  const overrides = options.env ?? {};
  /** What the user exported wins over our defaults; explicit overrides win over both. */
  const setting = (name: string, fallback: () => string | Promise<string>): string | Promise<string> =>
    overrides[name] ?? process.env[name] ?? fallback();

  if (options.dataDir !== null)
    await fs.mkdir(path.join(options.dataDir, 'dynamodb'), { recursive: true, mode: 0o700 });
  const dynamo = options.dynamoEndpoint
    ? undefined
    : await startDynamoDbLocal({
        dataDir: options.dataDir === null ? null : path.join(options.dataDir, 'dynamodb'),
        port: options.dynamoPort,
      });
  try {
    const endpoint = options.dynamoEndpoint ?? (dynamo as DynamoDbLocal).endpoint;
    const tableName = options.tableName ?? overrides.TABLE_NAME ?? process.env.TABLE_NAME ?? 'parley';
    await ensureTable({ endpoint, tableName });

    const env: Record<string, string> = {
      // The handlers must reach this stack's table, so these two are not left to the environment.
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: endpoint,
      PARLEY_SECRET: await setting('PARLEY_SECRET', () =>
        options.dataDir === null
          ? randomBytes(32).toString('base64url')
          : persistentSecret(path.join(options.dataDir, 'secret')),
      ),
      // The SDK insists on credentials and a region; dummy ones also keep it from searching
      // profiles or the instance metadata service for real ones.
      AWS_ACCESS_KEY_ID: await setting('AWS_ACCESS_KEY_ID', () => 'local'),
      AWS_SECRET_ACCESS_KEY: await setting('AWS_SECRET_ACCESS_KEY', () => 'local'),
      AWS_REGION: await setting('AWS_REGION', () => 'us-east-1'),
      ...(options.edge
        ? { ORIGIN_VERIFY_SECRET: await setting('ORIGIN_VERIFY_SECRET', () => randomBytes(24).toString('base64url')) }
        : {}),
      ...overrides,
    };
    Object.assign(process.env, env);

    // The provider needs the console's address (the server's port) and the server needs the
    // provider's keys: the authorizer is bound once both run, before any request can need it.
    let authorize: Authorizer = async () => ({ unauthorized: 'The sign-in service is starting' });
    const server = await createLocalServer({
      port: options.port,
      host: options.host,
      fallback: options.fallback,
      handlers: options.handlers,
      log: options.log,
      edge: options.edge && env.ORIGIN_VERIFY_SECRET ? { originSecret: env.ORIGIN_VERIFY_SECRET } : undefined,
      authorizer: (header) => authorize(header),
    });
    const keyDir = options.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'parley-oidc-')));
    await ensureDefaultModerator(keyDir);
    const consoleUris = [`http://localhost:${server.port}/admin/`, `http://127.0.0.1:${server.port}/admin/`];
    let oidc: RunningOidcProvider;
    try {
      oidc = await startOidcProvider({
        port: options.oidcPort ?? 0,
        host: options.host,
        dataDir: keyDir,
        consoleRedirectUris: consoleUris,
        tokenTtlSeconds: options.tokenTtlSeconds,
      });
    } catch (error) {
      await server.close();
      throw error;
    }
    authorize = oidcAuthorizer({ issuer: oidc.issuer, jwksUri: oidc.jwksUri, audience: [oidc.clientId] });
    // Known only now that the port is: the default origin is the local demo site itself.
    const origin = `http://localhost:${server.port}`;
    env.ALLOWED_ORIGINS = await setting('ALLOWED_ORIGINS', () => origin);
    env.SITE_URL = await setting('SITE_URL', () => `${origin}/`);
    Object.assign(process.env, { ALLOWED_ORIGINS: env.ALLOWED_ORIGINS, SITE_URL: env.SITE_URL });

    let stopped: Promise<void> | undefined;
    return {
      url: server.url,
      port: server.port,
      endpoint,
      tableName,
      keyDir,
      oidc,
      env,
      dynamo,
      stop: () =>
        (stopped ??= (async () => {
          await server.close();
          await oidc.stop();
          if (options.dataDir === null) await fs.rm(keyDir, { recursive: true, force: true });
          await dynamo?.stop();
        })()),
    };
  } catch (error) {
    await dynamo?.stop();
    throw error;
  }
};
