import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { localDynamoClient } from '../../infra/local/dynamodb-local';
import { toApiGatewayClaims, type Authorizer } from '../../infra/local/gateway/authorizer';
import { createLocalServer, type LambdaHandler, type LocalServer } from '../../infra/local/gateway/server';
import { routes, type Route } from '../../shared/routes';
import { ALL_INDEXES, TTL_ATTRIBUTE } from '../../shared/store/table-definition';
import { httpRequest, startTestApi, type RequestOptions } from '../support/local-api';

const ALLOWED = 'https://blog.example.org';

/**
 * The gateway's side of authorization only: which routes ask, what a refusal looks like, how the
 * claims reach the handler. Checking a token is the local provider's authorizer's job
 * (test/local/oidc-authorizer.test.ts), so here two fixed tokens stand for its verdicts.
 */
const TOKENS: Record<string, Record<string, unknown>> = {
  'moderator-token': { sub: 'alice-sub', username: 'alice', 'cognito:groups': ['moderators'], token_use: 'access' },
  'reader-token': { sub: 'bob-sub', username: 'bob', token_use: 'access' },
};
const authorizer: Authorizer = async (header) => {
  const token = (header ?? '').replace(/^bearer\s+/i, '').trim();
  if (!token) return { unauthorized: 'A moderator token is required: Authorization: Bearer <token>' };
  const claims = TOKENS[token];
  return claims ? { claims: toApiGatewayClaims(claims) } : { unauthorized: 'Invalid token' };
};

type Call = { event: any; context: any };
let calls: Call[] = [];
let behaviour: LambdaHandler = async () => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"ok":true}',
});
const recorder: LambdaHandler = async (event, context) => {
  calls.push({ event, context });
  return behaviour(event, context);
};

let server: LocalServer;
let fallbackCalls: string[] = [];
beforeAll(async () => {
  server = await createLocalServer({
    handlers: Object.fromEntries(routes.map((route) => [route.name, recorder])),
    allowedOrigins: [ALLOWED],
    authorizer,
    maxBodyBytes: 64 * 1024,
    fallback: async (req, res) => {
      fallbackCalls.push(req.url ?? '');
      if (req.url !== '/demo/') return false;
      res.setHeader('content-type', 'text/html');
      res.end('<p>demo</p>');
      return true;
    },
  });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  calls = [];
  fallbackCalls = [];
  behaviour = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
});

const request = (method: string, target: string, options?: RequestOptions) =>
  httpRequest(server.url, method, target, options);
const onlyCall = (): Call => {
  expect(calls).toHaveLength(1);
  return calls[0] as Call;
};

describe('the event handed to the handler', () => {
  test('has exactly the payload format 2.0 shape API Gateway sends', async () => {
    await request('GET', '/v1/comments?post=2011%2F11%2Fhello&sort=oldest', {
      headers: { 'User-Agent': 'jest-agent', Cookie: 'a=1; b=2', 'X-Custom': 'yes' },
    });
    const { event, context } = onlyCall();
    expect(Object.keys(event).sort()).toEqual([
      'cookies',
      'headers',
      'isBase64Encoded',
      'queryStringParameters',
      'rawPath',
      'rawQueryString',
      'requestContext',
      'routeKey',
      'version',
    ]);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /v1/comments',
      rawPath: '/v1/comments',
      rawQueryString: 'post=2011%2F11%2Fhello&sort=oldest',
      cookies: ['a=1', 'b=2'],
      queryStringParameters: { post: '2011/11/hello', sort: 'oldest' },
      isBase64Encoded: false,
    });
    expect(event.headers).toMatchObject({ 'user-agent': 'jest-agent', 'x-custom': 'yes', host: expect.any(String) });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(Object.keys(event.requestContext).sort()).toEqual([
      'accountId',
      'apiId',
      'domainName',
      'domainPrefix',
      'http',
      'requestId',
      'routeKey',
      'stage',
      'time',
      'timeEpoch',
    ]);
    expect(event.requestContext).toMatchObject({
      routeKey: 'GET /v1/comments',
      stage: '$default',
      domainName: '127.0.0.1',
      http: {
        method: 'GET',
        path: '/v1/comments',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'jest-agent',
      },
    });
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(5000);
    expect(context.functionName).toBe('ListComments');
    expect(context.awsRequestId).toEqual(expect.any(String));
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  test('omits queryStringParameters, cookies, pathParameters and body when there are none', async () => {
    await request('GET', '/v1/health');
    const { event } = onlyCall();
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('pathParameters');
    expect(event).not.toHaveProperty('body');
    expect(event.rawQueryString).toBe('');
  });

  test('joins a repeated query key with commas, as API Gateway does', async () => {
    await request('GET', '/v1/counts?post=a&post=b%2Fc&post=d+e');
    expect(onlyCall().event.queryStringParameters).toEqual({ post: 'a,b/c,d e' });
  });

  test('joins a repeated header with commas', async () => {
    await request('GET', '/v1/health', { headers: { 'X-Repeated': ['one', 'two'] } });
    expect(onlyCall().event.headers['x-repeated']).toBe('one,two');
  });

  test('takes sourceIp from the TCP peer, never from X-Forwarded-For', async () => {
    await request('GET', '/v1/health', { localAddress: '127.0.0.2', headers: { 'X-Forwarded-For': '203.0.113.9' } });
    const { event } = onlyCall();
    expect(event.requestContext.http.sourceIp).toBe('127.0.0.2');
    expect(event.headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.2');
  });

  test('fills pathParameters from the route template and passes the body as a UTF-8 string', async () => {
    await request('PATCH', '/v1/comments/01JD3ABC', {
      body: { body: 'Grüße ✓' },
      headers: { 'X-Edit-Token': 'secret' },
    });
    const { event, context } = onlyCall();
    expect(event.routeKey).toBe('PATCH /v1/comments/{id}');
    expect(event.pathParameters).toEqual({ id: '01JD3ABC' });
    expect(event.body).toBe('{"body":"Grüße ✓"}');
    expect(event.isBase64Encoded).toBe(false);
    expect(event.headers['x-edit-token']).toBe('secret');
    expect(context.functionName).toBe('EditComment');
  });
});

describe('moderator routes', () => {
  test("without a token answer 401 in Parley's error shape and never reach the handler", async () => {
    const res = await request('GET', '/v1/admin/comments');
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    expect(calls).toHaveLength(0);
  });

  test('with a token the authorizer refuses answer 401 and never reach the handler', async () => {
    for (const token of ['garbage', 'an-expired-token']) {
      const res = await request('POST', '/v1/admin/comments/01ABC/approve', {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('unauthorized');
    }
    expect(calls).toHaveLength(0);
  });

  test('with a valid token reach the handler with the claims flattened as API Gateway does', async () => {
    const token = 'moderator-token';
    const res = await request('POST', '/v1/admin/comments/01ABC/approve', {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const { event } = onlyCall();
    expect(event.pathParameters).toEqual({ id: '01ABC' });
    expect(event.requestContext.authorizer.jwt.scopes).toBeNull();
    const { claims } = event.requestContext.authorizer.jwt;
    expect(claims).toMatchObject({ username: 'alice', 'cognito:groups': '[moderators]', token_use: 'access' });
    expect(Object.values(claims).every((value) => typeof value === 'string')).toBe(true);
  });

  test('leave the group check to the handler: a valid reader token reaches it', async () => {
    const token = 'reader-token';
    await request('GET', '/v1/admin/audit', { headers: { Authorization: `Bearer ${token}` } });
    expect(onlyCall().event.requestContext.authorizer.jwt.claims).not.toHaveProperty('cognito:groups');
  });

  test('public routes carry no authorizer even when a token is sent', async () => {
    const token = 'moderator-token';
    await request('GET', '/v1/health', { headers: { Authorization: `Bearer ${token}` } });
    expect(onlyCall().event.requestContext).not.toHaveProperty('authorizer');
  });
});

describe('routing', () => {
  test("an unknown path is a 404 in Parley's error shape", async () => {
    const res = await request('GET', '/v1/nope');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    expect(calls).toHaveLength(0);
  });

  test('a known path with a method it has no route for is a 404 too', async () => {
    const res = await request('PUT', '/v1/health');
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
  });

  test('paths outside /v1/ go to the fallback, and a declined one is a 404', async () => {
    expect((await request('GET', '/demo/')).text).toBe('<p>demo</p>');
    expect((await request('GET', '/missing.js')).status).toBe(404);
    await request('GET', '/v1/health');
    expect(fallbackCalls).toEqual(['/demo/', '/missing.js']);
  });
});

describe('CORS, as configured on the HTTP API', () => {
  test('a preflight from an allowed origin is answered 204 with the policy', async () => {
    const res = await request('OPTIONS', '/v1/comments', {
      headers: {
        Origin: ALLOWED,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,idempotency-key',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toBe(
      'content-type,authorization,idempotency-key,x-edit-token,x-author-credential',
    );
    expect(res.headers['access-control-max-age']).toEqual(expect.any(String));
    expect(calls).toHaveLength(0);
  });

  test('a preflight answer carries X-Content-Type-Options: nosniff like every other answer', async () => {
    for (const origin of [ALLOWED, 'https://evil.example']) {
      const res = await request('OPTIONS', '/v1/comments', {
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
      });
      expect(res.status).toBe(204);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  test('a preflight from another origin is answered 204 without any CORS header', async () => {
    const res = await request('OPTIONS', '/v1/comments', {
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(Object.keys(res.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  test("a response to an allowed origin carries Allow-Origin, Vary and the exposed headers, replacing the handler's own", async () => {
    behaviour = async () => ({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: '{}' });
    const res = await request('GET', '/v1/health', { headers: { Origin: ALLOWED } });
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(res.headers.vary).toBe('Origin');
    expect(res.headers['access-control-expose-headers']).toBe('retry-after');
  });

  test('a response to another origin carries no CORS header, even one the handler set', async () => {
    behaviour = async () => ({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: '{}' });
    const res = await request('GET', '/v1/health', { headers: { Origin: 'https://evil.example' } });
    expect(Object.keys(res.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });
});

describe('the handler result becomes the HTTP response as API Gateway builds it', () => {
  test('statusCode, headers, cookies and body are used as returned', async () => {
    behaviour = async () => ({
      statusCode: 201,
      headers: { 'Content-Type': 'text/plain', 'X-Count': 3 },
      cookies: ['a=1; Path=/', 'b=2'],
      body: 'made',
    });
    const res = await request('POST', '/v1/comments', { body: {} });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['x-count']).toBe('3');
    expect(res.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2']);
    expect(res.text).toBe('made');
  });

  test('a base64-encoded body is decoded', async () => {
    behaviour = async () => ({ statusCode: 200, body: Buffer.from('bytes').toString('base64'), isBase64Encoded: true });
    expect((await request('GET', '/v1/feed')).text).toBe('bytes');
  });

  test('an object without statusCode is inferred as a 200 JSON response', async () => {
    behaviour = async () => ({ ok: true, at: new Date(0) });
    const res = await request('GET', '/v1/health');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json).toEqual({ ok: true, at: '1970-01-01T00:00:00.000Z' });
  });

  test("a handler that throws is a 500 with API Gateway's body and no trace of the error", async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    behaviour = async () => {
      throw new Error('secret internal detail at table parley-internal');
    };
    const res = await request('GET', '/v1/health');
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ message: 'Internal Server Error' });
    expect(res.text).not.toMatch(/secret|parley-internal|at /);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });

  test('a malformed result (non-string body) is a 500 too', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    behaviour = async () => ({ statusCode: 200, body: { not: 'a string' } });
    expect((await request('GET', '/v1/health')).status).toBe(500);
    logged.mockRestore();
  });
});

describe('request body limit', () => {
  test("a body over the gateway limit is a 413 in Parley's error shape and never reaches the handler", async () => {
    const res = await request('POST', '/v1/comments', { body: 'x'.repeat(64 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
    expect(calls).toHaveLength(0);
  });

  test("headers over API Gateway's 10240 bytes are refused with 431 naming the header, never reaching the handler", async () => {
    const res = await request('GET', '/v1/comments?post=a', { headers: { Cookie: `c=${'x'.repeat(12 * 1024)}` } });
    expect(res.status).toBe(431);
    expect(res.json.error).toEqual(
      expect.objectContaining({ code: 'headers_too_large', fields: { Cookie: expect.stringContaining('10240') } }),
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(calls).toHaveLength(0);
  });

  test('headers just under the limit are passed through', async () => {
    const res = await request('GET', '/v1/comments?post=a', { headers: { Cookie: `c=${'x'.repeat(9 * 1024)}` } });
    expect(res.status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  test('a body at the limit is passed through', async () => {
    await request('POST', '/v1/comments', { body: 'x'.repeat(64 * 1024) });
    expect(onlyCall().event.body).toHaveLength(64 * 1024);
  });
});

describe('integration timeout', () => {
  test("a handler slower than the integration timeout is a 503 like API Gateway's", async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const slow = await createLocalServer({
      handlers: { Health: () => new Promise((resolve) => setTimeout(resolve, 500, { ok: true })) },
      integrationTimeoutMs: 50,
      authorizer,
    });
    try {
      const res = await httpRequest(slow.url, 'GET', '/v1/health');
      expect(res.status).toBe(503);
      expect(res.json).toEqual({ message: 'Service Unavailable' });
    } finally {
      await slow.close();
      logged.mockRestore();
    }
  });
});

describe('handler loading', () => {
  test("a handler is imported from its route's entry file on first use", async () => {
    const rootDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-entry-'));
    fs.writeFileSync(
      path.join(rootDir, 'probe.js'),
      'exports.handler = async (event, context) => ({ route: event.routeKey, fn: context.functionName });',
    );
    const probe: Route = {
      name: 'Probe',
      method: 'GET',
      path: '/v1/probe',
      auth: 'public',
      entry: 'probe.js',
      tableAccess: [],
      indexes: [],
      usesSecret: false,
    };
    const local = await createLocalServer({ routes: [probe], rootDir, authorizer });
    try {
      expect((await httpRequest(local.url, 'GET', '/v1/probe')).json).toEqual({ route: 'GET /v1/probe', fn: 'Probe' });
    } finally {
      await local.close();
      fs.rmSync(rootDir, { recursive: true, force: true });
    }
  });
});

describe('the test API', () => {
  test('gets its own table, built from the table definition, on the shared DynamoDB Local', async () => {
    const seen: string[] = [];
    const api = await startTestApi({
      handlers: {
        Health: async () => {
          seen.push(process.env.TABLE_NAME ?? '');
          return { ok: true };
        },
      },
    });
    const client = localDynamoClient(process.env.DYNAMODB_ENDPOINT ?? '');
    try {
      expect((await api.request('GET', '/v1/health')).json).toEqual({ ok: true });
      expect(seen).toEqual([api.tableName]);
      const { Table } = await client.send(new DescribeTableCommand({ TableName: api.tableName }));
      expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
      const indexes = Object.fromEntries(
        (Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index.Projection]),
      );
      for (const index of ALL_INDEXES) {
        expect(indexes[index.indexName]).toEqual(
          index.projection === 'ALL' || index.projection === 'KEYS_ONLY'
            ? { ProjectionType: index.projection }
            : { ProjectionType: 'INCLUDE', NonKeyAttributes: expect.arrayContaining([...index.projection]) },
        );
      }
      const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: api.tableName }));
      expect(TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: TTL_ATTRIBUTE });
    } finally {
      client.destroy();
      await api.close();
    }
    expect(process.env.TABLE_NAME).toBeUndefined();
  });
});
