import { commentBody, expectStatus } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';
import { tableSnapshot } from '../support/table-snapshot';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000' } });
  // One stored comment, so "unchanged" is checked against a table that is not empty.
  expectStatus(await api.request('POST', '/v1/comments', { body: commentBody() }), 201);
});
afterAll(() => api.close());

const expectError = (response: { status: number; json: any }, status: number, code: string) => {
  expect(response.status).toBe(status);
  expect(response.json).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
};

/** Sends a request that must be refused, and checks the refusal changed nothing in the table. */
const refused = async (status: number, code: string, body: unknown, headers: Record<string, string> = {}) => {
  const before = await tableSnapshot(api.tableName);
  const response = await api.request('POST', '/v1/comments', { body, headers });
  expectError(response, status, code);
  expect(await tableSnapshot(api.tableName)).toEqual(before);
  return response.json.error;
};

test.each([
  ['a missing author name', commentBody({ author: { email: 'a@example.org' } }), 'author.name', 'Required'],
  ['a blank author name', commentBody({ author: { name: '   ' } }), 'author.name', 'Required'],
  [
    'an author name of 81 code points',
    commentBody({ author: { name: '😀'.repeat(81) } }),
    'author.name',
    'At most 80 characters',
  ],
  [
    'a name with a control character',
    commentBody({ author: { name: 'Ter\u0007ri' } }),
    'author.name',
    'Control characters are not allowed',
  ],
  [
    'a name with a bidi override',
    commentBody({ author: { name: 'Terri\u202Egnp.exe' } }),
    'author.name',
    'Control characters are not allowed',
  ],
  ['a body with a lone surrogate', commentBody({ body: 'broken \uD800 text' }), 'body', 'Must be valid Unicode text'],
  [
    'a name with a lone surrogate',
    commentBody({ author: { name: 'T\uDC00' } }),
    'author.name',
    'Must be valid Unicode text',
  ],
  [
    'an invalid email',
    commentBody({ author: { name: 'T', email: 'not-an-email' } }),
    'author.email',
    'Not a valid email address',
  ],
  [
    'a javascript: website',
    commentBody({ author: { name: 'T', website: 'javascript:alert(1)' } }),
    'author.website',
    'Must be an http or https URL',
  ],
  [
    'a data: website',
    commentBody({ author: { name: 'T', website: 'data:text/html,<script>alert(1)</script>' } }),
    'author.website',
    'Must be an http or https URL',
  ],
  ['an empty body', commentBody({ body: ' \n ' }), 'body', 'Required'],
  ['a body of 10001 code points', commentBody({ body: 'a'.repeat(10001) }), 'body', 'At most 10000 characters'],
  [
    'a body with a NUL character',
    commentBody({ body: 'hello\u0000world' }),
    'body',
    'Control characters are not allowed',
  ],
  ['an invalid post id', commentBody({ post: '../etc/passwd' }), 'post', expect.stringContaining('post id')],
  ['a post id with a comma', commentBody({ post: 'a,b' }), 'post', expect.stringContaining('post id')],
  ['a post id with //', commentBody({ post: 'a//b' }), 'post', expect.stringContaining('post id')],
  ['a malformed parentId', commentBody({ parentId: 'nope' }), 'parentId', 'Not a comment id'],
  ['an unknown field', commentBody({ admin: true }), 'admin', 'Unknown field'],
  ['a number as the body', commentBody({ body: 42 }), 'body', expect.any(String)],
  ['an unknown field named toString', commentBody({ toString: 'x' }), 'toString', 'Unknown field'],
  ['an unknown field named constructor', commentBody({ constructor: 'x' }), 'constructor', 'Unknown field'],
  [
    'a body of white space and invisible characters only',
    commentBody({ body: ' \u200B\u200D\n\uFEFF\u2060 \u3164' }),
    'body',
    'Must contain visible characters',
  ],
  [
    'a name of zero-width characters only',
    commentBody({ author: { name: '\u200B\u200C\u200D' } }),
    'author.name',
    'Must contain visible characters',
  ],
  [
    'a website with a user name and password',
    commentBody({ author: { name: 'T', website: 'https://user:pass@example.org/' } }),
    'author.website',
    'Must not contain a user name or password',
  ],
  [
    'a website on an IPv4 literal',
    commentBody({ author: { name: 'T', website: 'http://203.0.113.9/' } }),
    'author.website',
    'Must use a host name, not an IP address',
  ],
  [
    'a website on an IPv4 literal in decimal',
    commentBody({ author: { name: 'T', website: 'http://3405803785/' } }),
    'author.website',
    'Must use a host name, not an IP address',
  ],
  [
    'a website on an IPv6 literal',
    commentBody({ author: { name: 'T', website: 'http://[::1]/' } }),
    'author.website',
    'Must use a host name, not an IP address',
  ],
  [
    'a website on localhost',
    commentBody({ author: { name: 'T', website: 'http://LocalHost:8080/x' } }),
    'author.website',
    'Must be a public host name',
  ],
  ['a non-boolean notifyReplies', commentBody({ notifyReplies: 'yes' }), 'notifyReplies', expect.any(String)],
])('%s is refused with 400 validation_failed naming the field', async (_name, body, field, reason) => {
  const error = await refused(400, 'validation_failed', body);
  expect(error.fields).toEqual(expect.objectContaining({ [field]: reason }));
});

test('a parentId that names no approved comment of the post is refused with 400', async () => {
  const error = await refused(400, 'validation_failed', commentBody({ parentId: '01JD3ZZZZZZZZZZZZZZZZZZZZZ' }));
  expect(error.fields).toEqual({ parentId: 'Must be an approved comment of the same post' });
});

test('an unknown field named __proto__ is refused with 400 naming it', async () => {
  const text = JSON.stringify(commentBody()).replace(/^\{/, '{"__proto__":{"x":1},');
  const error = await refused(400, 'validation_failed', text);
  expect(Object.keys(error.fields)).toEqual(['__proto__']);
  expect(error.fields.__proto__).toBe('Unknown field');
});

test.each([
  ['an invalid byte', Buffer.from([0xff])],
  ['an overlong encoding of "/"', Buffer.from([0xc0, 0xaf])],
  ['a truncated sequence', Buffer.from([0xe2, 0x82])],
])('a JSON body with %s (not valid UTF-8) is refused with 400 invalid_json', async (_name, bad) => {
  const [head, tail] = JSON.stringify(commentBody({ body: 'MARK' })).split('MARK');
  const error = await refused(
    400,
    'invalid_json',
    Buffer.concat([Buffer.from(`${head}bad `), bad, Buffer.from(` text${tail}`)]),
  );
  expect(error.message).toContain('UTF-8');
});

test('malformed JSON is refused with 400 invalid_json', async () => {
  await refused(400, 'invalid_json', '{"post": "a",');
});

test('a JSON body that is not an object is refused with 400 invalid_json', async () => {
  await refused(400, 'invalid_json', '[1,2,3]');
});

test('a body that is not application/json is refused with 415', async () => {
  await refused(415, 'unsupported_media_type', 'post=a&body=b', {
    'content-type': 'application/x-www-form-urlencoded',
  });
});

test('a JSON body in a charset other than UTF-8 is refused with 415', async () => {
  await refused(415, 'unsupported_media_type', JSON.stringify(commentBody()), {
    'content-type': 'application/json; charset=iso-8859-1',
  });
});

test('a body over 32 KiB is refused with 413 before it is parsed', async () => {
  await refused(413, 'payload_too_large', JSON.stringify(commentBody({ body: 'x'.repeat(33 * 1024) })));
});

test('an Idempotency-Key longer than 128 characters is refused with 400', async () => {
  const error = await refused(400, 'validation_failed', commentBody(), { 'idempotency-key': 'k'.repeat(129) });
  expect(error.fields).toEqual({ 'Idempotency-Key': expect.any(String) });
});

test('Markdown built to make rendering slow is refused with 400 rather than rendered', async () => {
  const error = await refused(400, 'validation_failed', commentBody({ body: '>'.repeat(5000) + ' deep' }));
  expect(Object.keys(error.fields)).toEqual(['body']);
});

test('error responses carry nosniff and are never cached', async () => {
  const response = await api.request('POST', '/v1/comments', { body: '{' });
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(response.text).not.toMatch(/at \w+ \(|\.ts:\d+/);
});

test('an unknown route answers 404 in the error shape', async () => {
  const response = await api.request('GET', '/v1/nothing-here');
  expectError(response, 404, 'not_found');
});

test('the post id charset of docs/api.md is accepted, e.g. a Blogger-style slug', async () => {
  const response = await api.request('POST', '/v1/comments', { body: commentBody({ post: 'Aa0/_.~-x' }) });
  expect(response.status).toBe(201);
});
