/**
 * The answer side of the gateway: API Gateway's rules for turning a handler's result into an HTTP
 * response, and the replies it sends by itself (no route, bad token, failed integration).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { corsHeaders } from './cors';

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

const JSON_TYPE = 'application/json; charset=utf-8';

export interface ReplyContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly requestId: string;
  readonly allowedOrigins: readonly string[];
  /** Called once the response is sent, for the access log. */
  readonly sent: (status: number) => void;
}

/** The three ways one request is answered; each adds CORS and the request id, as API Gateway does. */
export const replies = ({ req, res, method, requestId, allowedOrigins, sent }: ReplyContext) => {
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
    sent(status);
  };
  /** Where the deployed gateway answers by itself, the stand-in uses Parley's error shape. */
  const sendError = (status: number, code: string, message: string, fields?: Record<string, string>): void =>
    finish(
      status,
      { 'content-type': JSON_TYPE, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' },
      JSON.stringify({ error: { code, message, ...(fields ? { fields } : {}) } }),
    );
  /** API Gateway's own body for a failed integration. */
  const sendGateway = (status: number, message: string): void =>
    finish(status, { 'content-type': 'application/json' }, JSON.stringify({ message }));
  return { finish, sendError, sendGateway };
};
