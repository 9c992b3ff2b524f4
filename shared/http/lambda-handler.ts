import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError, StaleVersionError } from '../errors';
import type { ApiRequest, ApiResponse } from './api-request';
import { ERROR_STATUS } from './error-status';
import { logger } from './logger';

export type CachePolicy = 'public' | 'no-store';

/** Public reads may sit in a CDN for a few seconds; everything else is never cached. */
const CACHE_CONTROL: Record<CachePolicy, string> = {
  public: 'public, max-age=5, s-maxage=10, stale-while-revalidate=30',
  'no-store': 'no-store',
};

type EventWithClaims = APIGatewayProxyEventV2 & {
  requestContext: { authorizer?: { jwt?: { claims?: Record<string, string | number | boolean | string[]> } } };
};

const toRequest = (event: EventWithClaims): ApiRequest => {
  const rawClaims = event.requestContext.authorizer?.jwt?.claims;
  const body =
    event.body === undefined
      ? undefined
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {}))
    if (value !== undefined) headers[name.toLowerCase()] = value;
  return {
    requestId: event.requestContext.requestId,
    routeKey: event.routeKey,
    pathParameters: (event.pathParameters ?? {}) as Record<string, string>,
    query: (event.queryStringParameters ?? {}) as Record<string, string>,
    headers,
    body,
    sourceIp: event.requestContext.http.sourceIp,
    userAgent: event.requestContext.http.userAgent ?? '',
    claims:
      rawClaims === undefined
        ? undefined
        : Object.fromEntries(
            Object.entries(rawClaims).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]),
          ),
  };
};

const errorResponse = (error: AppError): ApiResponse => ({
  status: ERROR_STATUS[error.kind],
  body: {
    error: {
      code: error.kind,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
      ...(error instanceof StaleVersionError ? { current: error.current } : {}),
    },
  },
  headers:
    error.retryAfterSeconds === undefined
      ? undefined
      : { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) },
});

const toResult = (response: ApiResponse, cache: CachePolicy): APIGatewayProxyStructuredResultV2 => {
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'cache-control': response.status >= 400 ? 'no-store' : CACHE_CONTROL[cache],
    ...response.headers,
  };
  if (response.body === undefined) return { statusCode: response.status, headers };
  headers['content-type'] = response.contentType ?? 'application/json; charset=utf-8';
  const body = response.contentType ? String(response.body) : JSON.stringify(response.body);
  return { statusCode: response.status, headers, body };
};

/**
 * Wraps a request -> response function as an API Gateway HTTP API (payload v2) Lambda handler.
 * Known failures become Parley's error body; anything unexpected is logged and answered with a
 * bare 500 that reveals nothing.
 */
export const lambdaHandler =
  (cache: CachePolicy, handle: (req: ApiRequest) => Promise<ApiResponse>) =>
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    let response: ApiResponse;
    try {
      response = await handle(toRequest(event as EventWithClaims));
    } catch (error) {
      if (error instanceof AppError) {
        response = errorResponse(error);
      } else {
        logger.error('unhandled error', {
          routeKey: event.routeKey,
          requestId: event.requestContext?.requestId,
          error: error as Error,
        });
        response = {
          status: 500,
          body: { error: { code: 'internal_error', message: 'Something went wrong on our side' } },
        };
      }
    }
    return toResult(response, cache);
  };
