/**
 * API tests talk HTTP to the local server, exactly as a browser would reach API Gateway. Each
 * `startTestApi` gets a fresh, randomly named table on the run's shared DynamoDB Local, so test
 * files cannot see each other's data. The handlers read their settings from process.env, so run
 * one test API at a time per test file.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { mintLocalToken } from '../../infra/local/oidc/mint-token';
import type { Fallback, LambdaHandler } from '../../infra/local/gateway/server';
import { MODERATORS_GROUP } from '../../shared/http/require-moderator';
import { startLocalStack, type LocalStack } from '../../infra/local/stack';

export interface RequestOptions {
  /** An object is sent as JSON; a string as is. Content-Type defaults to application/json. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  /** Send from another loopback address (e.g. 127.0.0.2) to look like another client. */
  readonly localAddress?: string;
}

export interface TestResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  /** The parsed body, or undefined when it is not JSON. */
  readonly json: any;
}

/** The headers and bytes of a request body: JSON unless a content type is given, with its length. */
export const encodeRequest = (
  options: Pick<RequestOptions, 'headers' | 'body'>,
): { headers: Record<string, string | string[]>; payload: Buffer | undefined } => {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(options.headers ?? {}))
    headers[name] = typeof value === 'string' ? value : [...value];
  if (options.body === undefined) return { headers, payload: undefined };
  const payload = Buffer.isBuffer(options.body)
    ? options.body
    : Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
    headers['content-type'] = 'application/json';
  headers['content-length'] = String(payload.length);
  return { headers, payload };
};

export const httpRequest = (
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<TestResponse> => {
  const { headers, payload } = encodeRequest(options);
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, baseUrl),
      { method, headers, localAddress: options.localAddress, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
};

export interface TestApi {
  readonly url: string;
  readonly tableName: string;
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  moderatorToken(username?: string): Promise<string>;
  readerToken(username?: string): Promise<string>;
  /** The local OpenID provider the gateway trusts. */
  readonly oidc: LocalStack['oidc'];
  readonly keyDir: string;
  close(): Promise<void>;
}

export const startTestApi = async (
  options: {
    env?: Record<string, string>;
    handlers?: Record<string, LambdaHandler>;
    fallback?: Fallback;
    /** CloudFront in front (infra/local/gateway/edge.ts). */
    edge?: boolean;
    tokenTtlSeconds?: number;
  } = {},
): Promise<TestApi> => {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint)
    throw new Error('DYNAMODB_ENDPOINT is not set: run API tests through jest (test/support/global-setup.ts)');
  const tableName = `parley-test-${randomUUID()}`;
  const previous = { ...process.env };
  const stack = await startLocalStack({
    dataDir: null,
    dynamoEndpoint: endpoint,
    tableName,
    env: options.env,
    handlers: options.handlers,
    fallback: options.fallback,
    edge: options.edge,
    tokenTtlSeconds: options.tokenTtlSeconds,
  });
  // Signed by the provider's key with its issuer: the gateway verifies them as signed-in tokens.
  const mint = (username: string, groups: string[]) =>
    mintLocalToken({ dataDir: stack.keyDir, issuer: stack.oidc.issuer, username, groups });
  return {
    url: stack.url,
    tableName,
    request: (method, path, requestOptions) => httpRequest(stack.url, method, path, requestOptions),
    oidc: stack.oidc,
    keyDir: stack.keyDir,
    moderatorToken: (username = 'alice') => mint(username, [MODERATORS_GROUP]),
    readerToken: (username = 'reader') => mint(username, []),
    close: async () => {
      await stack.stop();
      // Put the environment back so the next test API in this file starts from the same settings.
      for (const name of Object.keys(stack.env)) {
        if (previous[name] === undefined) delete process.env[name];
        else process.env[name] = previous[name];
      }
    },
  };
};
