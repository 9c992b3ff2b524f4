import { expectStatus, post } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000', MODERATION: 'post' } });
});
afterAll(() => api.close());

const entries = (atom: string): number => atom.split('<entry>').length - 1;

describe('the public feed', () => {
  test('lists the 50 newest comments even when each is as large as a comment may be', async () => {
    const feedPost = 'feed/large-comments';
    // 5,000 three-byte characters: 15 KB of text and 15 KB of HTML, the most a comment may store.
    for (let i = 0; i < 51; i++)
      await post(api, { post: feedPost, body: `${i} ${'€'.repeat(4990)}`, author: { name: `Reader ${i}` } });
    const perPost = expectStatus(await api.request('GET', `/v1/feed?post=${feedPost}`), 200).text;
    const site = expectStatus(await api.request('GET', '/v1/feed'), 200).text;
    expect(entries(perPost)).toBe(50);
    expect(entries(site)).toBe(50);
  });
});
