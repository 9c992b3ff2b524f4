/**
 * A local stand-in for API Gateway HTTP API (payload format 2.0) in front of the route handlers.
 * Handlers must not be able to tell it from the real thing: same event shape, same authorizer
 * checks, same response rules, same CORS behaviour. Where API Gateway answers by itself (no route,
 * bad token, body too large) the body uses Parley's error shape instead of API Gateway's.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Context } from 'aws-lambda';
import { config } from '../../shared/config';
import { CORS_POLICY } from '../../shared/http/cors-policy';
import { routeKey, routes as allRoutes, type Route } from '../../shared/routes';
import { LocalSetupError } from './dynamodb-local';
import { REPO_ROOT, TokenError, toApiGatewayClaims, verifyToken } from './jwt';

// Each handler takes its own event type; the server only passes what it built.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LambdaHandler = (event: any, context: Context) => unknown;
export type Fallback = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export interface LocalServerOptions {
  /** 0 or undefined: a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly routes?: readonly Route[];
  /** Handlers by route name, instead of importing the route's entry file (tests). */
  readonly handlers?: Readonly<Record<string, LambdaHandler>>;
  /** Directory the routes' `entry` paths are relative to. */
  readonly rootDir?: string;
  /** Default: `config().allowedOrigins`, read per request. */
  readonly allowedOrigins?: readonly string[];
  /** Where the JWT signing key lives (see jwt.ts). */
  readonly dataDir?: string;
  /** Tried for paths outside `/v1/` (demo pages, widget files); returns false when it did not answer. */
  readonly fallback?: Fallback;
  /** API Gateway's payload limit. */
  readonly maxBodyBytes?: number;
  /** API Gateway gives up on an integration after 30 s. */
  readonly integrationTimeoutMs?: number;
  /** Access log sink; silent by default. */
  readonly log?: (line: string) => void;
}

export interface LocalServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

interface CompiledRoute {
  readonly route: Route;
  readonly pattern: RegExp;
  readonly params: readonly string[];
}

const compile = (route: Route): CompiledRoute => {
  const params: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param?.[1]) {
        params.push(param[1]);
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, params, pattern: new RegExp(`^${source}$`) };
};

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

/** API Gateway decodes query values and joins a repeated key's values with commas. */
export const parseQuery = (raw: string): Record<string, string> | undefined => {
  const values = new Map<string, string>();
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = decode(eq < 0 ? '' : part.slice(eq + 1));
    const previous = values.get(key);
    values.set(key, previous === undefined ? value : `${previous},${value}`);
  }
  return values.size === 0 ? undefined : Object.fromEntries(values);
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');
/** API Gateway's `requestContext.time` format: `12/Mar/2020:19:03:58 +0000`. */
const clfTime = (d: Date): string =>
  `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;

const JSON_TYPE = 'application/json; charset=utf-8';

class GatewayTimeout extends Error {}

/** The CORS headers API Gateway adds for an allowed origin; none at all for any other. */
const corsHeaders = (
  origin: string | undefined,
  allowed: readonly string[],
  preflight: boolean,
): Record<string, string> => {
  if (origin === undefined || !allowed.includes(origin)) return {};
  const policy: Record<string, string> = preflight
    ? {
        'access-control-allow-methods': CORS_POLICY.allowMethods.join(','),
        'access-control-allow-headers': CORS_POLICY.allowHeaders.join(','),
        'access-control-max-age': String(CORS_POLICY.maxAgeSeconds),
      }
    : { 'access-control-expose-headers': CORS_POLICY.exposeHeaders.join(',') };
  return { 'access-control-allow-origin': origin, vary: 'Origin', ...policy };
};

interface EventInput {
  readonly req: IncomingMessage;
  readonly route: Route;
  readonly rawPath: string;
  readonly rawQueryString: string;
  readonly pathParameters: Record<string, string> | undefined;
  readonly claims: Record<string, string> | undefined;
  readonly body: Buffer;
  readonly requestId: string;
}

/** The payload format 2.0 event, member for member; optional members are absent, not empty. */
const buildEvent = ({ req, route, rawPath, rawQueryString, pathParameters, claims, body, requestId }: EventInput) => {
  const sourceIp = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  const { headers, cookies } = eventHeaders(req, sourceIp);
  const domainName = (req.headers.host ?? `127.0.0.1:${req.socket.localPort}`).replace(/:\d+$/, '');
  const queryStringParameters = parseQuery(rawQueryString);
  const now = new Date();
  const key = routeKey(route);
  return {
    version: '2.0',
    routeKey: key,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: route.method,
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: req.headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: key,
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    ...(pathParameters ? { pathParameters } : {}),
    ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
    isBase64Encoded: false,
  };
};

export const createLocalServer = async (options: LocalServerOptions = {}): Promise<LocalServer> => {
  const compiled = (options.routes ?? allRoutes).map(compile);
  const rootDir = options.rootDir ?? REPO_ROOT;
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const timeoutMs = options.integrationTimeoutMs ?? 30_000;

  const matchRoute = (
    method: string,
    rawPath: string,
  ): { route: Route; pathParameters: Record<string, string> | undefined } | undefined => {
    for (const { route, pattern, params } of compiled) {
      const found = route.method === method ? pattern.exec(rawPath) : null;
      if (!found) continue;
      const pathParameters =
        params.length === 0
          ? undefined
          : Object.fromEntries(params.map((name, i) => [name, decode(found[i + 1] ?? '')]));
      return { route, pathParameters };
    }
    return undefined;
  };

  const loaded = new Map<string, Promise<LambdaHandler>>();
  const loadHandler = (route: Route): Promise<LambdaHandler> => {
    const injected = options.handlers?.[route.name];
    if (injected) return Promise.resolve(injected);
    let handler = loaded.get(route.name);
    if (!handler) {
      // Lazy, like a cold start: a broken handler file fails its own route, not the whole server.
      handler = import(path.resolve(rootDir, route.entry)).then(
        (module: { handler?: unknown; default?: { handler?: unknown } }) => {
          const exported = module.handler ?? module.default?.handler;
          if (typeof exported !== 'function') throw new Error(`${route.entry} does not export a handler`);
          return exported as LambdaHandler;
        },
      );
      handler.catch(() => loaded.delete(route.name));
      loaded.set(route.name, handler);
    }
    return handler;
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const requestId = randomBytes(11).toString('base64');
    const method = (req.method ?? 'GET').toUpperCase();
    const target = req.url ?? '/';
    const queryAt = target.indexOf('?');
    const rawPath = queryAt < 0 ? target : target.slice(0, queryAt);
    const rawQueryString = queryAt < 0 ? '' : target.slice(queryAt + 1);

    const isApi = rawPath === '/v1' || rawPath.startsWith('/v1/');
    if (!isApi && options.fallback && (await options.fallback(req, res))) return;

    const allowedOrigins = options.allowedOrigins ?? config().allowedOrigins;
    const finish = (
      status: number,
      headers: Record<string, string>,
      body: Buffer | string = '',
      cookies: readonly string[] = [],
    ): void => {
      res.statusCode = status;
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      if (cookies.length > 0) res.setHeader('set-cookie', [...cookies]);
      for (const [name, value] of Object.entries(corsHeaders(req.headers.origin, allowedOrigins, method === 'OPTIONS')))
        res.setHeader(name, value);
      res.setHeader('apigw-requestid', requestId);
      if (status !== 204) res.setHeader('content-length', Buffer.byteLength(body));
      res.end(body);
      options.log?.(`${method} ${target} ${status} ${Date.now() - started}ms`);
    };
    const sendError = (status: number, code: string, message: string): void =>
      finish(
        status,
        { 'content-type': JSON_TYPE, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' },
        JSON.stringify({ error: { code, message } }),
      );
    const sendGateway = (status: number, message: string): void =>
      finish(status, { 'content-type': 'application/json' }, JSON.stringify({ message }));

    // With CORS configured, API Gateway answers every OPTIONS itself, without CORS headers for a disallowed origin.
    if (method === 'OPTIONS') {
      req.resume();
      finish(204, {});
      return;
    }

    const match = matchRoute(method, rawPath);
    if (!match) {
      req.resume();
      sendError(404, 'not_found', `No route for ${method} ${rawPath}`);
      return;
    }
    const { route, pathParameters } = match;

    const body = await readBody(req, maxBodyBytes);
    if (body === 'too_large') {
      res.setHeader('connection', 'close');
      sendError(413, 'payload_too_large', `The request body exceeds ${maxBodyBytes} bytes`);
      // Keep draining briefly so the client reads the answer instead of a reset, then hang up.
      req.resume();
      setTimeout(() => req.socket.destroy(), 1000).unref();
      return;
    }

    let claims: Record<string, string> | undefined;
    if (route.auth === 'moderator') {
      // Like the JWT authorizer, take the token with or without its "Bearer " prefix.
      const token = (req.headers.authorization ?? '').replace(/^bearer\s+/i, '').trim();
      if (!token) {
        sendError(401, 'unauthorized', 'A moderator token is required: Authorization: Bearer <token>');
        return;
      }
      try {
        claims = toApiGatewayClaims(await verifyToken(token, { dataDir: options.dataDir }));
      } catch (error) {
        // Only a rejected token is a 401; a broken key file is our failure, a 500.
        if (!(error instanceof TokenError)) throw error;
        sendError(401, 'unauthorized', `Invalid token: ${error.message}`);
        return;
      }
    }

    const event = buildEvent({ req, route, rawPath, rawQueryString, pathParameters, claims, body, requestId });
    let result: unknown;
    try {
      const handler = await loadHandler(route);
      const deadline = Date.now() + timeoutMs;
      result = await withTimeout(
        Promise.resolve().then(() => handler(event, lambdaContext(route, deadline))),
        timeoutMs,
      );
      // The result crosses Lambda as JSON: Dates become strings and undefined members vanish, as deployed.
      result = JSON.parse(JSON.stringify(result ?? null)) as unknown;
    } catch (error) {
      if (error instanceof GatewayTimeout) {
        console.error(`[${route.name}] ${requestId} timed out after ${timeoutMs} ms`);
        sendGateway(503, 'Service Unavailable');
      } else {
        console.error(`[${route.name}] ${requestId} handler failed:`, error);
        sendGateway(500, 'Internal Server Error');
      }
      return;
    }

    const response = toHttpResponse(result);
    if ('invalid' in response) {
      console.error(`[${route.name}] ${requestId} returned a malformed response: ${response.invalid}`);
      sendGateway(500, 'Internal Server Error');
      return;
    }
    finish(response.statusCode, response.headers, response.body, response.cookies);
  };

  const server = http.createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      console.error('local server failed:', error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ message: 'Internal Server Error' }));
      } else {
        res.destroy();
      }
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalSetupError(
              'port_busy',
              `Port ${options.port} is already in use, so the local API cannot start: stop what listens there or set PORT to a free port`,
            )
          : error,
      ),
    );
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        // In-flight requests get a moment to finish; then the connections are cut.
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }),
  };
};

const readBody = (req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> =>
  new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      resolve('too_large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
      done = true;
    });
    req.on('error', reject);
  });

/**
 * Header names lower-cased, repeats joined with ",", cookies moved to their own list, and the
 * headers API Gateway adds itself. Built from rawHeaders because Node drops some repeats.
 */
const eventHeaders = (
  req: IncomingMessage,
  sourceIp: string,
): { headers: Record<string, string>; cookies: string[] } => {
  const headers = new Map<string, string>();
  const cookies: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] ?? '').toLowerCase();
    const value = req.rawHeaders[i + 1] ?? '';
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter((c) => c !== ''),
      );
      continue;
    }
    const previous = headers.get(name);
    headers.set(name, previous === undefined ? value : `${previous},${value}`);
  }
  const forwarded = headers.get('x-forwarded-for');
  headers.set('x-forwarded-for', forwarded ? `${forwarded}, ${sourceIp}` : sourceIp);
  headers.set('x-forwarded-port', String(req.socket.localPort ?? ''));
  headers.set('x-forwarded-proto', 'http');
  headers.set(
    'x-amzn-trace-id',
    `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`,
  );
  return { headers: Object.fromEntries(headers), cookies };
};

const lambdaContext = (route: Route, deadline: number): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: route.name,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${route.name}`,
  memoryLimitInMB: '256',
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/${route.name}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GatewayTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};

type HttpResponse =
  { statusCode: number; headers: Record<string, string>; body: Buffer; cookies: string[] } | { invalid: string };

/** API Gateway's payload 2.0 response rules, including its inference when there is no statusCode. */
export const toHttpResponse = (result: unknown): HttpResponse => {
  const isStructured =
    typeof result === 'object' && result !== null && !Array.isArray(result) && 'statusCode' in result;
  if (!isStructured) {
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body), cookies: [] };
  }
  const {
    statusCode,
    headers = {},
    cookies = [],
    body = '',
    isBase64Encoded = false,
  } = result as Record<string, unknown>;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599)
    return { invalid: `statusCode ${String(statusCode)}` };
  if (typeof body !== 'string') return { invalid: 'body is not a string' };
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
    return { invalid: 'headers is not an object' };
  if (!Array.isArray(cookies) || cookies.some((c) => typeof c !== 'string'))
    return { invalid: 'cookies is not a list of strings' };
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    // API Gateway replaces the integration's CORS headers with its own configuration.
    if (!/^access-control-/i.test(name)) out[name.toLowerCase()] = String(value);
  }
  return {
    statusCode,
    headers: out,
    body: isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body),
    cookies: cookies as string[],
  };
};
