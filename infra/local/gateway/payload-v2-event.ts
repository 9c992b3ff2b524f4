/**
 * The event API Gateway's HTTP API hands a Lambda integration (payload format 2.0), member for
 * member, so a handler cannot tell the local stand-in from the deployed gateway.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { routeKey, type Route } from '../../../shared/routes';
import { EDGE_SOURCE_IP, throughEdge, type EdgeOptions } from './edge';
import { parseQuery } from './query';

export interface EventInput {
  readonly req: IncomingMessage;
  readonly route: Route;
  readonly rawPath: string;
  readonly rawQueryString: string;
  readonly pathParameters: Record<string, string> | undefined;
  readonly claims: Record<string, string> | undefined;
  readonly body: Buffer;
  readonly requestId: string;
  /** CloudFront in front (see edge.ts); absent: the client reaches API Gateway directly. */
  readonly edge?: EdgeOptions;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');
/** API Gateway's `requestContext.time` format: `12/Mar/2020:19:03:58 +0000`. */
const clfTime = (d: Date): string =>
  `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;

/**
 * Header names lower-cased, repeats joined with ",", cookies moved to their own list, and the
 * headers API Gateway adds itself. Built from rawHeaders because Node drops some repeats.
 */
const eventHeaders = (
  req: IncomingMessage,
  sourceIp: string,
  edge?: { options: EdgeOptions; peer: string },
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
  if (edge) throughEdge(headers, req, edge.peer, edge.options);
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

/** The payload format 2.0 event; optional members are absent, not empty, as deployed. */
export const buildEvent = ({
  req,
  route,
  rawPath,
  rawQueryString,
  pathParameters,
  claims,
  body,
  requestId,
  edge,
}: EventInput) => {
  const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  const sourceIp = edge ? EDGE_SOURCE_IP : peer;
  const { headers, cookies } = eventHeaders(req, sourceIp, edge && { options: edge, peer });
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
