/**
 * A local stand-in for API Gateway HTTP API (payload format 2.0) in front of the route handlers.
 * Handlers must not be able to tell it from the real thing: same event shape, same authorizer
 * checks, same response rules, same CORS behaviour. Where API Gateway answers by itself (no route,
 * bad token, body too large) the body uses Parley's error shape instead of API Gateway's.
 * This module only wires the steps of one request; each step is its own module beside it.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { config } from '../../../shared/config';
import { routes as allRoutes, type Route } from '../../../shared/routes';
import { REPO_ROOT } from '../paths';
import type { Authorizer } from './authorizer';
import { DEFAULT_MAX_BODY_BYTES, readBody } from './body-limit';
import { createHandlerLoader, invoke, type LambdaHandler } from './handlers';
import { MAX_HEADER_BYTES, oversizedHeader } from './header-limit';
import { DEFAULT_INTEGRATION_TIMEOUT_MS, GatewayTimeout } from './lambda-context';
import { listen, type LocalServer } from './listen';
import { buildEvent } from './payload-v2-event';
import { splitTarget } from './query';
import type { EdgeOptions } from './edge';
import { replies, toHttpResponse } from './response';
import { createRouter } from './router';

export type { LambdaHandler } from './handlers';
export type { LocalServer } from './listen';
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
  /** Checks moderator routes' tokens (the stack binds the local OpenID provider's, oidc-authorizer.ts). */
  readonly authorizer: Authorizer;
  /** Tried for paths outside `/v1/` (demo pages, widget files); returns false when it did not answer. */
  readonly fallback?: Fallback;
  /** API Gateway's payload limit. */
  readonly maxBodyBytes?: number;
  /** API Gateway gives up on an integration after 30 s. */
  readonly integrationTimeoutMs?: number;
  /** Stand in for CloudFront in front of the API too (see edge.ts). */
  readonly edge?: EdgeOptions;
  /** Access log sink; silent by default. */
  readonly log?: (line: string) => void;
}

export const createLocalServer = async (options: LocalServerOptions): Promise<LocalServer> => {
  const matchRoute = createRouter(options.routes ?? allRoutes);
  const loadHandler = createHandlerLoader(options.rootDir ?? REPO_ROOT, options.handlers);
  const authorize = options.authorizer;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const timeoutMs = options.integrationTimeoutMs ?? DEFAULT_INTEGRATION_TIMEOUT_MS;

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const requestId = randomBytes(11).toString('base64');
    const method = (req.method ?? 'GET').toUpperCase();
    const target = req.url ?? '/';
    const { rawPath, rawQueryString } = splitTarget(target);

    const isApi = rawPath === '/v1' || rawPath.startsWith('/v1/');
    if (!isApi && options.fallback && (await options.fallback(req, res))) return;

    const allowedOrigins = options.allowedOrigins ?? config().allowedOrigins;
    const sent = (status: number) => options.log?.(`${method} ${target} ${status} ${Date.now() - started}ms`);
    const { finish, sendError, sendGateway } = replies({ req, res, method, requestId, allowedOrigins, sent });

    const oversized = oversizedHeader(req, target);
    if (oversized) {
      req.resume();
      sendError(
        431,
        'headers_too_large',
        `The request line and headers total ${oversized.total} bytes; at most ${MAX_HEADER_BYTES} are accepted`,
        { [oversized.name]: `The headers may total at most ${MAX_HEADER_BYTES} bytes` },
      );
      return;
    }

    // With CORS configured, API Gateway answers every OPTIONS itself, without CORS headers for a disallowed origin.
    if (method === 'OPTIONS') {
      req.resume();
      // Deployed, API Gateway's CORS configuration cannot add this header (docs/api.md, "Errors").
      finish(204, { 'x-content-type-options': 'nosniff' });
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
      const verdict = await authorize(req.headers.authorization);
      if ('unauthorized' in verdict) {
        sendError(401, 'unauthorized', verdict.unauthorized);
        return;
      }
      claims = verdict.claims;
    }

    const event = buildEvent({
      req,
      route,
      rawPath,
      rawQueryString,
      pathParameters,
      claims,
      body,
      requestId,
      edge: options.edge,
    });
    let result: unknown;
    try {
      result = await invoke(await loadHandler(route), event, route, timeoutMs);
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

  return listen(serve, options.port, options.host ?? '127.0.0.1');
};
