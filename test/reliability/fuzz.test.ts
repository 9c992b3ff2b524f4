/**
 * Property-based fuzzing of every route in the route table: random JSON, strings with control
 * characters and odd Unicode (lone surrogates, bidi overrides, zero-width characters), huge numbers,
 * wrong types, and random headers (content types, huge values, Idempotency-Key, X-Edit-Token,
 * Authorization). Whatever arrives: never a 5xx, always the documented error shape with a
 * documented status, and a rejected request leaves the table exactly as it was, rate windows
 * included (a rejected request does not count against the client's write limit).
 */
import fc from 'fast-check';
import { keyedHash } from '../../shared/crypto';
import { ERROR_STATUS } from '../../shared/http/error-status';
import { routes, type Route } from '../../shared/routes';
import { startTestApi, type TestApi } from '../support/local-api';
import { marker, newComment } from '../support/reliability/bodies';
import { closeTableClients, comments, scanTable, type Item } from '../../infra/local/inspect/table';
import { findLeaks, Traffic, type Exchange } from '../support/reliability/traffic';

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 100);
const FUZZ_IP = '127.0.0.2';
const endpoint = (): string => process.env.DYNAMODB_ENDPOINT ?? '';

let api: TestApi;
let traffic: Traffic;
const seeded: { id: string; token: string; status: string }[] = [];
let tokens: { moderator: string; reader: string; tampered: string };
const sentEmails = new Set<string>(['seed@example.test', 'fuzzer@example.test']);

/** Statuses docs/api.md documents for each error code, written out from the contract rather than imported, so the check does not lean on the code it checks. */
const DOCUMENTED_CODES: Record<string, number> = {
  validation_failed: 400,
  invalid_json: 400,
  invalid_cursor: 400,
  unauthorized: 401,
  forbidden: 403,
  edit_window_closed: 403,
  thread_locked: 403,
  not_found: 404,
  post_not_found: 404,
  idempotency_conflict: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

/**
 * Answers the gateway makes before any route runs (docs/api.md, "Errors"): locally, in Parley's
 * error shape, for any path; not error kinds of the handlers, so not in ERROR_STATUS.
 */
const GATEWAY_CODES: Record<string, number> = {
  headers_too_large: 431,
};

/** Statuses each route may answer (docs/api.md); a path or method that names no route is a 404. */
const ROUTE_STATUSES: Record<string, readonly number[]> = {
  ListComments: [200, 400],
  PostComment: [201, 400, 403, 404, 409, 413, 415, 429],
  EditComment: [200, 400, 401, 403, 404, 409, 413, 415, 429],
  DeleteComment: [204, 401, 403, 404, 409, 429],
  GetCounts: [200, 400],
  GetFeed: [200, 400],
  Health: [200],
  AdminListComments: [200, 400, 401, 403],
  AdminApprove: [200, 400, 401, 403, 404, 409, 413, 415],
  AdminReject: [200, 400, 401, 403, 404, 409, 413, 415],
  AdminSpam: [200, 400, 401, 403, 404, 409, 413, 415],
  AdminBulkModerate: [200, 400, 401, 403, 413, 415],
  AdminEraseComment: [204, 400, 401, 403, 404, 409, 413, 415],
  AdminLockPost: [200, 400, 401, 403],
  AdminUnlockPost: [200, 400, 401, 403],
  AdminAudit: [200, 400, 401, 403],
  AdminBlock: [200, 400, 401, 403, 404, 409, 413, 415],
  AdminUnblock: [204, 400, 401, 403, 404, 409],
  AdminReply: [201, 400, 401, 403, 404, 409, 413, 415, 429],
  AdminMoveThread: [200, 400, 401, 403, 409, 413, 415],
  AdminPostMeta: [200, 400, 401, 403, 413, 415],
  AdminPostReactions: [200, 400, 401, 403],
  AdminGetMailSettings: [200, 401, 403],
  AdminSetMailSettings: [200, 400, 401, 403, 413, 415],
  AddReaction: [200, 400, 403, 404, 429],
  RemoveReaction: [200, 400, 403, 404, 429],
  GetThreadHtml: [200, 400],
  NotifyActionPage: [200, 400, 404, 410],
  NotifyAction: [200, 400, 404, 409, 410, 413],
  NotifyConfirmPage: [200, 400, 410],
  NotifyConfirm: [200, 400, 410, 413, 429],
  NotifyUnsubscribePage: [200, 400, 410],
  NotifyUnsubscribe: [200, 400, 410, 413],
  NotifyMyDataPage: [200, 400, 410],
  NotifyMyDataDownload: [200, 400, 413, 429],
  NotifyMyDataErase: [200, 400, 410, 413, 429],
  NotifyMyDataLink: [202, 400, 413, 415, 429],
  NotifySubscribe: [202, 400, 413, 415, 429],
};

/**
 * The notification pages (docs/api.md, "Notification links and pages"): mail links open them, so
 * their refusals (400, 404, 409, 410) are HTML pages by design; the store's 429 and 503 stay JSON,
 * and so does a form body over 32 KiB (413, refused before any page is chosen, like any body).
 */
const JSON_ON_HTML_ROUTES: readonly number[] = [413, 429, 503];
/** A verdict on a comment that changed since the moderator saw it: 409 `conflict` carrying `current`, the comment as it is now (docs/api.md). */
const VERDICT_ROUTES: ReadonlySet<string> = new Set(['AdminApprove', 'AdminReject', 'AdminSpam']);

const HTML_PAGE_ROUTES: ReadonlySet<string> = new Set([
  'NotifyActionPage',
  'NotifyAction',
  'NotifyConfirmPage',
  'NotifyConfirm',
  'NotifyUnsubscribePage',
  'NotifyUnsubscribe',
  'NotifyMyDataPage',
  'NotifyMyDataErase',
]);

beforeAll(async () => {
  api = await startTestApi();
  traffic = new Traffic(api.url, FUZZ_IP);
  const moderator = await api.moderatorToken();
  tokens = {
    moderator,
    reader: await api.readerToken(),
    tampered: `${moderator.slice(0, -3)}${moderator.endsWith('AAA') ? 'BBB' : 'AAA'}`,
  };
  // A small thread to aim at: approved, pending, a reply, each with its edit token (from other clients).
  for (let i = 0; i < 4; i++) {
    const c = newComment({ post: 'fuzz/post', email: 'seed@example.test' });
    const created = await api.request('POST', '/v1/comments', { body: c.body, localAddress: `127.0.0.${30 + i}` });
    seeded.push({ id: created.json.comment.id, token: created.json.editToken, status: 'pending' });
  }
  for (const s of seeded.slice(0, 2)) {
    await api.request('POST', `/v1/admin/comments/${s.id}/approve`, {
      headers: { authorization: `Bearer ${moderator}` },
    });
    s.status = 'approved';
  }
  const reply = await api.request('POST', '/v1/comments', {
    body: newComment({ post: 'fuzz/post', parentId: seeded[0]!.id, email: 'seed@example.test' }).body,
    localAddress: '127.0.0.35',
  });
  seeded.push({ id: reply.json.comment.id, token: reply.json.editToken, status: 'pending' });
});
afterAll(async () => {
  await api.close();
  closeTableClients();
});

// ---------------------------------------------------------------- arbitraries

const SPECIAL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\r',
  '\n',
  '\r\n',
  '\t',
  '\u2028',
  '\u2029',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\ud83d',
  'a\ud800b',
  '\udc00\ud800',
  '\u202a',
  '\u202b',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u2060',
  '\ufeff',
  '\ufffd',
  '\ufffe',
  '\uffff',
  'e\u0301',
  '👩🏽‍💻',
  '𝕏',
  '﷽',
  ' ',
  '   ',
  '"',
  "'",
  '\\',
  '`',
  '<',
  '>',
  '&',
  '<script>alert(1)</script>',
  '[x](javascript:alert(1))',
  '![i](http://evil.example/p.png)',
  '%',
  '%zz',
  '%00',
  '../',
  '..',
  '//',
  '#',
  '?',
  '&',
  '=',
  ',',
  '*'.repeat(60),
  '['.repeat(80),
  '>'.repeat(40),
  'viagra',
  'https://a.example https://b.example https://c.example https://d.example',
  'x'.repeat(10_001),
  'é'.repeat(301),
];
const special = fc.constantFrom(...SPECIAL);
const weird: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
      { weight: 3, arbitrary: special },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 6 }) },
    ),
    { maxLength: 5 },
  )
  .map((parts) => parts.join(''));
const hugeNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, -(2 ** 53), 1e21, 5e-324, -0, 0.5, 86_400_000 * 30 + 1, -1, 0),
  fc.double(),
  fc.integer(),
);
const scalar = fc.oneof(weird, hugeNumber, fc.boolean(), fc.constant(null));
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(weird, tie('value'), { maxKeys: 4 }),
  ),
}));
const ulidLike = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/);
const commentId = fc.oneof(
  fc.constantFrom(...[0, 1, 2, 3, 4]).map((i) => seeded[i]?.id ?? 'x'),
  ulidLike,
  weird,
  fc.constant(''),
);
const postId = fc.oneof(
  fc.constantFrom(
    'fuzz/post',
    '2011/11/cloud-blog-on-wired-site-time-to-value',
    'a',
    'a'.repeat(200),
    'a'.repeat(201),
    'a..b',
    'a//b',
    'a,b',
    '-a',
    '/a',
  ),
  weird,
);

/** A near-valid comment with a few fields replaced by anything. */
const set = (target: Record<string, unknown>, path: string, v: unknown): void => {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) target[head] = v;
  else if (typeof target[head] === 'object' && target[head] !== null)
    (target[head] as Record<string, unknown>)[tail] = v;
};
const FIELDS = [
  'post',
  'parentId',
  'author',
  'author.name',
  'author.email',
  'author.website',
  'body',
  'notifyReplies',
  'title',
  'url',
  'hp',
  'elapsedMs',
  'extra',
  '__proto__',
  'author.extra',
];
const commentBodyArb = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(...FIELDS), fc.oneof(value, postId, commentId, weird)), { maxLength: 3 }),
    fc.option(weird),
    fc.nat(2),
  )
  .map(([mutations, appended, which]) => {
    const base = {
      post: ['fuzz/post', 'fuzz/other', 'fuzz/third'][which]!,
      author: { name: 'Fuzzy', email: 'fuzzer@example.test', website: 'https://example.org' },
      body: `Fuzz body ${marker()}${appended ?? ''}`,
      elapsedMs: 60_000,
    } as Record<string, unknown>;
    for (const [path, v] of mutations) set(base, path, v);
    return base;
  });
const rawBody = fc.oneof(
  weird,
  fc.constantFrom(
    '{',
    '{"post":',
    'null',
    '[]',
    '"str"',
    '123',
    'true',
    '{"a":1}{"b":2}',
    '\ufeff{}',
    '{"elapsedMs": 1e999}',
    '{"post":"a","post":"b"}',
    '{"__proto__":{"polluted":1}}',
    '{"body":"\\ud800"}',
    '{"reason":"\\u0000"}',
  ),
  fc.constant(JSON.stringify({ body: 'a'.repeat(40_000) })),
);

const bodyFor = (route: Route): fc.Arbitrary<unknown> => {
  const specific: fc.Arbitrary<unknown>[] =
    route.name === 'PostComment'
      ? [commentBodyArb, commentBodyArb]
      : route.name === 'EditComment'
        ? [fc.record({ body: fc.oneof(weird, fc.constant(`Edited ${marker()}`), value) }, { requiredKeys: [] })]
        : route.name === 'AdminBulkModerate'
          ? [
              fc.record(
                {
                  action: fc.oneof(fc.constantFrom('approve', 'reject', 'spam', 'delete'), weird),
                  ids: fc.oneof(
                    fc.array(commentId, { maxLength: 5 }),
                    fc.array(ulidLike, { minLength: 101, maxLength: 102 }),
                    value,
                  ),
                  reason: fc.option(weird),
                },
                { requiredKeys: [] },
              ),
            ]
          : ['AdminApprove', 'AdminReject', 'AdminSpam'].includes(route.name)
            ? [fc.record({ reason: fc.oneof(weird, value) }, { requiredKeys: [] })]
            : [];
  return fc.oneof(fc.constant(undefined), value, rawBody, ...specific, ...specific);
};

const QUERY_KEYS = ['post', 'sort', 'limit', 'cursor', 'status'];
const queryValue = fc.oneof(
  weird,
  postId,
  fc.constantFrom(
    'oldest',
    'newest',
    'pending',
    'approved',
    'spam',
    '0',
    '1',
    '20',
    '100',
    '101',
    '-1',
    '1e3',
    '99999999999999999999',
    '0x10',
    ' 5',
    'NaN',
    '',
  ),
  fc.string({ maxLength: 60 }),
);
const encodings = fc.constantFrom('component', 'component', 'raw-safe', 'broken');
const queryFor = (route: Route): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), weird), queryValue), {
        maxLength: route.name === 'GetCounts' ? 110 : 5,
      }),
      encodings,
      fc.boolean(),
    )
    .map(([pairs, encoding, valid]) => {
      const list = valid && route.path !== '/v1/health' ? [['post', 'fuzz/post'] as [string, string], ...pairs] : pairs;
      const encode = (s: string): string =>
        encoding === 'component'
          ? encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))
          : encoding === 'raw-safe'
            ? s.replace(/[^A-Za-z0-9/_.~-]/g, '')
            : `${encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))}%${['zz', 'ED%A0%80', '', 'C0%AF'][s.length % 4]}`;
      // API Gateway (HTTP API) refuses a request line plus headers over 10,240 bytes before any
      // handler runs; with the huge header (6,000) this keeps every request inside that quota.
      return list
        .map(([k, v]) => `${encode(k)}=${encode(v)}`)
        .join('&')
        .slice(0, 3000);
    });

const latin1 = (max: number) =>
  fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c)),
    maxLength: max,
  });
const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=UTF-8',
  'application/json; charset="utf-8"',
  'APPLICATION/JSON',
];
const OTHER_TYPES = [
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  'application/json, text/plain',
  ' application/json ',
  'application/*',
];
/** Mostly headers that let a request reach the handler's own checks; sometimes anything. */
const headersArb = fc
  .record(
    {
      'content-type': fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...JSON_TYPES) },
        { weight: 2, arbitrary: fc.constantFrom(...OTHER_TYPES) },
        { weight: 1, arbitrary: latin1(40) },
      ),
      'idempotency-key': fc.oneof(
        { weight: 3, arbitrary: fc.stringMatching(/^[\x21-\x7e]{1,128}$/) },
        { weight: 1, arbitrary: latin1(200) },
      ),
      'x-edit-token': fc.oneof(
        fc.constantFrom(...[0, 1, 2, 3, 4]).map((i) => seeded[i]?.token ?? 'x'),
        latin1(100),
      ),
      authorization: fc.oneof(
        { weight: 5, arbitrary: fc.constant('moderator').map(() => `Bearer ${tokens.moderator}`) },
        {
          weight: 1,
          arbitrary: fc.constantFrom('reader', 'tampered').map((k) => `Bearer ${tokens[k as keyof typeof tokens]}`),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'bearer x.y.z', 'Bearer a.b.c'),
        },
        { weight: 1, arbitrary: latin1(300).map((s) => `Bearer ${s}`) },
      ),
      'x-forwarded-for': fc.constantFrom('1.2.3.4', '127.0.0.99', '::1'),
      huge: fc.tuple(fc.stringMatching(/^x-[a-z0-9-]{1,20}$/), latin1(6000)),
    },
    { requiredKeys: ['content-type'] },
  )
  .map(({ huge, ...rest }) => ({ ...rest, ...(huge ? { [huge[0]]: huge[1] } : {}) }) as Record<string, string>);

const pathFor = (route: Route): fc.Arbitrary<string> =>
  route.path.includes('{id}')
    ? commentId.map((id) => route.path.replace('{id}', encodeURIComponent(id.replace(/[\ud800-\udfff]/g, ''))))
    : fc.constant(route.path);

const methodFor = (route: Route) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(route.method) },
    { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE') },
  );

// ---------------------------------------------------------------- checks

/** The route a method and path reach, as the router matches them. */
const routeOf = (method: string, path: string): Route | undefined =>
  routes.find(
    (r) => r.method === method && new RegExp(`^${r.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path.split('?')[0]!),
  );

const tableState = async (): Promise<string> =>
  JSON.stringify(
    (await scanTable(endpoint(), api.tableName)).map((i: Item) => JSON.stringify(i, Object.keys(i).sort())).sort(),
  );

const STORE_NAMES =
  /\bat \S+\.(ts|js):\d+|node_modules|DynamoDB|AWS SDK|TransactionCanceled|ConditionalCheckFailed|ResourceNotFound|ValidationException|ProvisionedThroughput/;

const problemsOf = (e: Exchange, route: Route | undefined): string[] => {
  const problems: string[] = [];
  const allowed = [...(route ? ROUTE_STATUSES[route.name]! : [404]), ...Object.values(GATEWAY_CODES)];
  if (e.status === 0) return [`no answer: ${e.error}`];
  if (e.status >= 500) problems.push(`status ${e.status}`);
  if (!allowed.includes(e.status))
    problems.push(`status ${e.status} is not documented for ${route?.name ?? 'an unknown route'}`);
  if (e.headers['x-content-type-options'] !== 'nosniff') problems.push('no X-Content-Type-Options: nosniff');
  if (STORE_NAMES.test(e.text)) problems.push('the body names the store or shows a stack trace');
  const htmlPage =
    route !== undefined &&
    HTML_PAGE_ROUTES.has(route.name) &&
    e.status >= 400 &&
    !JSON_ON_HTML_ROUTES.includes(e.status);
  if (htmlPage) {
    if (!String(e.headers['content-type'] ?? '').startsWith('text/html'))
      problems.push(`error page content-type ${String(e.headers['content-type'])}`);
    if (!/<html[\s>]/i.test(e.text)) problems.push(`error page is not an HTML page: ${e.text.slice(0, 200)}`);
  } else if (e.status >= 400) {
    const body = e.json as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | undefined;
    const error = body?.error;
    const keysOk =
      body !== undefined &&
      Object.keys(body).join() === 'error' &&
      error !== undefined &&
      Object.keys(error).every(
        (k) =>
          ['code', 'message', 'fields'].includes(k) ||
          (k === 'current' && error.code === 'conflict' && VERDICT_ROUTES.has(route?.name ?? '')),
      );
    if (!keysOk || typeof error?.code !== 'string' || typeof error.message !== 'string')
      problems.push(`error body is not { error: { code, message, fields? } }: ${e.text.slice(0, 200)}`);
    else {
      const current = (error as { current?: unknown }).current;
      if (
        'current' in error &&
        (typeof current !== 'object' || current === null || typeof (current as { id?: unknown }).id !== 'string')
      )
        problems.push(`current is not the comment as it is now: ${e.text.slice(0, 200)}`);
      if (error.code in GATEWAY_CODES) {
        if (GATEWAY_CODES[error.code] !== e.status) problems.push(`code ${error.code} answered with ${e.status}`);
      } else {
        if (DOCUMENTED_CODES[error.code] !== e.status) problems.push(`code ${error.code} answered with ${e.status}`);
        if (ERROR_STATUS[error.code as keyof typeof ERROR_STATUS] !== e.status)
          problems.push(`code ${error.code} disagrees with ERROR_STATUS`);
      }
      if (
        error.fields !== undefined &&
        (typeof error.fields !== 'object' ||
          error.fields === null ||
          Object.values(error.fields).some((v) => typeof v !== 'string'))
      )
        problems.push('fields is not a map of strings');
    }
    if (!String(e.headers['content-type'] ?? '').startsWith('application/json'))
      problems.push(`error content-type ${String(e.headers['content-type'])}`);
    if ((e.status === 429 || e.status === 503) && !(Number(e.headers['retry-after']) >= 1))
      problems.push('no Retry-After');
  }
  return problems;
};

const fuzzRoute = async (route: Route): Promise<void> => {
  let before = await tableState();
  await fc.assert(
    fc.asyncProperty(
      methodFor(route),
      pathFor(route),
      queryFor(route),
      headersArb,
      bodyFor(route),
      fc.boolean(),
      async (method, path, query, headers, body, ownToken) => {
        const target = `${path}${query ? `?${query}` : ''}`;
        // Half the time, the edit token that belongs to the comment in the path (reaching past 401).
        const own = seeded.find((s) => path.includes(s.id));
        if (ownToken && own) headers = { ...headers, 'x-edit-token': own.token };
        const e = await traffic.send(method, target, {
          body: body === undefined ? undefined : body,
          headers,
          timeoutMs: 20_000,
        });
        const problems = problemsOf(e, routeOf(method, target));
        const after = await tableState();
        if (e.status >= 400 && after !== before) problems.push('a rejected request changed the table');
        before = after;
        if (problems.length > 0)
          throw new Error(
            `${method} ${target.slice(0, 200)} -> ${e.status}: ${problems.join('; ')}\n${e.text.slice(0, 300)}`,
          );
      },
    ),
    {
      numRuns: RUNS_PER_ROUTE,
      endOnFailure: true,
      seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined,
    },
  );
};

for (const route of routes) {
  test(`${route.method} ${route.path}: fuzzed input never gets a 5xx, always a documented status and error shape, and a rejected request changes nothing in the table`, async () => {
    await fuzzRoute(route);
  });
}

test('lone surrogates, bidi overrides and zero-width characters in an otherwise valid comment get a 201 or a 400, and an accepted text comes back unchanged', async () => {
  const oddities = [
    '\ud800',
    '\udfff',
    'a\udc00b',
    '\u202e',
    '\u2066',
    '\u200b',
    '\u200d',
    '\ufeff',
    '\u2028',
    '\u0000',
    '\u001b',
  ];
  for (const [i, odd] of oddities.entries()) {
    for (const field of ['body', 'author.name']) {
      const c = newComment({ post: 'fuzz/unicode', email: 'fuzzer@example.test' });
      set(c.body, field, field === 'body' ? `${String(c.body.body)} ${odd} end` : `Name ${odd} x`);
      const e = await traffic.send('POST', '/v1/comments', { body: c.body, localAddress: `127.0.0.${150 + i}` });
      expect(
        problemsOf(
          e,
          routes.find((r) => r.name === 'PostComment'),
        ),
      ).toEqual([]);
      expect([201, 400]).toContain(e.status);
      if (e.status === 201) {
        const stored = comments(await scanTable(endpoint(), api.tableName)).find((s) => s.id === e.json.comment.id)!;
        if (field === 'body') expect(stored.body).toBe(c.body.body);
        else expect(stored.authorName).toBe((c.body.author as { name: string }).name);
      }
    }
  }
});

test('the fuzzing reached past the gates: every route family answered successes and each kind of refusal', () => {
  const seen = new Set(traffic.exchanges.map((e) => e.status));
  expect([200, 201, 204, 400, 401, 403, 404, 413, 415].filter((status) => !seen.has(status))).toEqual([]);
  const reached = (name: string, statuses: number[]) =>
    traffic.exchanges.some((e) => routeOf(e.method, e.path)?.name === name && statuses.includes(e.status));
  expect({
    postAccepted: reached('PostComment', [201]),
    editWithItsOwnToken: reached('EditComment', [200, 400, 403, 429]),
    moderated:
      reached('AdminApprove', [200, 404, 409]) ||
      reached('AdminReject', [200, 404, 409]) ||
      reached('AdminSpam', [200, 404, 409]),
    bulk: reached('AdminBulkModerate', [200, 400]),
  }).toEqual({ postAccepted: true, editWithItsOwnToken: true, moderated: true, bulk: true });
});

test('refused writes never count against the client\u2019s rate limit: after 30 refusals a client still gets its 10 writes, and the 11th is a 429 with Retry-After that changes nothing', async () => {
  const ip = '127.0.0.200';
  const window = 60; // the default RATE_LIMIT_WINDOW_SECONDS of this test API
  const left = window - ((Date.now() / 1000) % window);
  if (left < 12) await new Promise((r) => setTimeout(r, left * 1000 + 200)); // stay inside one window
  const taken = newComment({ post: 'fuzz/rate', email: 'fuzzer@example.test' });
  const first = await traffic.send('POST', '/v1/comments', {
    body: taken.body,
    headers: { 'idempotency-key': 'rate-key' },
    localAddress: '127.0.0.201',
  });
  expect(first.status).toBe(201);
  const before = await tableState();
  const refusals: Promise<Exchange>[] = [];
  for (let i = 0; i < 10; i++) {
    refusals.push(
      traffic.send('POST', '/v1/comments', { body: { ...newComment().body, author: { name: '' } }, localAddress: ip }),
    ); // 400
    refusals.push(
      traffic.send('POST', '/v1/comments', {
        body: newComment().body,
        headers: { 'content-type': 'text/plain' },
        localAddress: ip,
      }),
    ); // 415
    refusals.push(
      traffic.send('POST', '/v1/comments', {
        body: newComment({ post: 'fuzz/rate' }).body,
        headers: { 'idempotency-key': 'rate-key' },
        localAddress: ip,
      }),
    ); // 409
  }
  refusals.push(
    traffic.send('PATCH', `/v1/comments/${first.json.comment.id}`, {
      body: { body: 'changed' },
      headers: { 'x-edit-token': 'wrong' },
      localAddress: ip,
    }),
  ); // 404: a wrong edit token is answered as an unknown id
  const statuses = (await Promise.all(refusals)).map((e) => e.status);
  expect(new Set(statuses)).toEqual(new Set([400, 415, 409, 404]));
  expect(await tableState()).toBe(before);
  const accepted = [];
  for (let i = 0; i < 10; i++)
    accepted.push(
      (await traffic.send('POST', '/v1/comments', { body: newComment({ post: 'fuzz/rate' }).body, localAddress: ip }))
        .status,
    );
  expect(accepted).toEqual(Array(10).fill(201));
  const afterTen = await tableState();
  const eleventh = await traffic.send('POST', '/v1/comments', {
    body: newComment({ post: 'fuzz/rate' }).body,
    localAddress: ip,
  });
  expect({
    status: eleventh.status,
    code: eleventh.json?.error?.code,
    retryAfter: Number(eleventh.headers['retry-after']) >= 1,
  }).toEqual({ status: 429, code: 'rate_limited', retryAfter: true });
  expect(await tableState()).toBe(afterTen);
});

test('no public response of the fuzzing leaks an email, a client address, an IP hash or someone else\u2019s edit token', async () => {
  const stored = comments(await scanTable(endpoint(), api.tableName));
  const secret = process.env.PARLEY_SECRET ?? '';
  const ips = [
    FUZZ_IP,
    ...Array.from({ length: 30 }, (_, i) => `127.0.0.${30 + i}`),
    ...Array.from({ length: 20 }, (_, i) => `127.0.0.${150 + i}`),
  ];
  for (const s of stored) if (typeof s.authorEmail === 'string') sentEmails.add(s.authorEmail);
  const leaks = findLeaks(traffic.publicExchanges(), {
    emails: sentEmails,
    ips,
    ipHashes: [...stored.map((c) => String(c.ipHash)), ...ips.map((ip) => keyedHash(secret, 'ip', ip))],
    editTokenHashes: stored.map((c) => String(c.editTokenHash)),
    hiddenMarkers: stored
      .filter((c) => c.inThread !== true)
      .map((c) => /mk[0-9a-f]{10}x\d+/.exec(String(c.body))?.[0] ?? '')
      .filter(Boolean),
  });
  // The seeded edit tokens were issued to other clients, then sent by the fuzzer; answers never echo them.
  expect(leaks).toEqual([]);
});
