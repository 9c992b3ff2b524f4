/**
 * The client address behind CloudFront: the rate window (and ipHash) is keyed on the reader's
 * address from `CloudFront-Viewer-Address`, believed only with the origin secret CloudFront adds.
 * The local stand-in plays CloudFront in `edge` mode; without it, requests reach the API as they
 * would reach the execute-api URL directly.
 */
import { commentBody } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';

const ONE_PER_WINDOW = { RATE_LIMIT_MAX: '1', RATE_LIMIT_WINDOW_SECONDS: '3600' };

const postFrom = (api: TestApi, localAddress: string, headers: Record<string, string> = {}) =>
  api.request('POST', '/v1/comments', { body: commentBody(), localAddress, headers });

describe('through the edge (CloudFront in front)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ env: ONE_PER_WINDOW, edge: true });
  });
  afterAll(() => api.close());

  test('two readers behind the same edge server have a rate window each', async () => {
    expect((await postFrom(api, '127.0.0.2')).status).toBe(201);
    expect((await postFrom(api, '127.0.0.2')).status).toBe(429);
    // API Gateway sees the same edge address for both; only the viewer address tells them apart.
    expect((await postFrom(api, '127.0.0.3')).status).toBe(201);
  });

  test('a reader who sends their own CloudFront-Viewer-Address and X-Origin-Verify is still keyed on their address', async () => {
    expect((await postFrom(api, '127.0.0.4')).status).toBe(201);
    const forged = await postFrom(api, '127.0.0.4', {
      'CloudFront-Viewer-Address': '203.0.113.9:443',
      'X-Origin-Verify': 'a guess',
    });
    expect(forged.status).toBe(429);
  });

  test('the moderation queue tells readers apart by ipHash', async () => {
    const token = await api.moderatorToken();
    const queue = await api.request('GET', '/v1/admin/comments?status=pending', {
      headers: { authorization: `Bearer ${token}` },
    });
    const hashes = new Set(queue.json.comments.map((c: { ipHash: string }) => c.ipHash));
    expect(hashes.size).toBe(3);
  });
});

describe('straight to the API (the execute-api URL), bypassing the edge', () => {
  let api: TestApi;
  const originSecret = 'the-origin-secret-of-this-test';
  beforeAll(async () => {
    api = await startTestApi({ env: { ...ONE_PER_WINDOW, ORIGIN_VERIFY_SECRET: originSecret } });
  });
  afterAll(() => api.close());

  test('a forged CloudFront-Viewer-Address without the origin secret is ignored', async () => {
    expect((await postFrom(api, '127.0.0.5')).status).toBe(201);
    const forged = { 'CloudFront-Viewer-Address': '203.0.113.10:443' };
    expect((await postFrom(api, '127.0.0.5', forged)).status).toBe(429);
    expect((await postFrom(api, '127.0.0.5', { ...forged, 'X-Origin-Verify': 'wrong' })).status).toBe(429);
  });

  test('with the origin secret (as CloudFront sends it) the viewer address is the client', async () => {
    const edge = { 'CloudFront-Viewer-Address': '203.0.113.11:443', 'X-Origin-Verify': originSecret };
    expect((await postFrom(api, '127.0.0.6', edge)).status).toBe(201);
    expect((await postFrom(api, '127.0.0.6', edge)).status).toBe(429);
    expect((await postFrom(api, '127.0.0.6')).status).toBe(201); // its own address: another window
  });
});
