import { expectStatus, post, postApproved, thread } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';

/** The HTML view of a thread, through the local API: what a static site generator fetches. */
let api: TestApi;
const P = 'html/view';

beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000' } });
});
afterAll(() => api.close());

const view = (query: string, headers: Record<string, string> = {}) =>
  api.request('GET', `/v1/comments.html?${query}`, { headers });

test('the HTML view holds each approved comment as schema.org Comment microdata, with the same safe HTML as the JSON', async () => {
  const root = await postApproved(api, {
    post: P,
    author: { name: '<b>Mallory</b> & "co"', website: 'https://mallory.example/' },
    body: 'Hello <script>alert(1)</script> *world*',
  });
  await postApproved(api, { post: P, parentId: root, author: { name: 'Replier' }, body: 'A reply' });
  const held = (await post(api, { post: P, body: 'Not approved yet' })).comment.id;

  const res = expectStatus(await view(`post=${P}`), 200);
  const json = await thread(api, `post=${P}`);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(res.headers['cache-control']).toBe(
    (await api.request('GET', `/v1/comments?post=${P}`)).headers['cache-control'],
  );
  expect(res.headers.vary).toBe('accept-language');
  const html = res.text;
  expect(html.match(/itemtype="https:\/\/schema.org\/Comment"/g)).toHaveLength(2);
  expect(html).toContain(`<div class="parley-body" itemprop="text">${json.comments[0].html}</div>`);
  expect(html).toContain('itemprop="dateCreated" datetime="' + json.comments[0].createdAt + '"');
  expect(html).toContain('&lt;b&gt;Mallory&lt;/b&gt; &amp; &quot;co&quot;');
  expect(html).not.toContain('<script');
  expect(html).not.toContain(held);
  expect(html).toContain('data-parley-rendered');
  expect(html).toContain(`data-newest="${json.comments[0].replies[0].createdAt}"`);
  expect(html).toContain('<h2 class="parley-title" id="parley-title" tabindex="-1">2 comments</h2>');
});

test('the HTML view speaks ?lang=, else the Accept-Language, else English', async () => {
  await postApproved(api, { post: 'html/lang' });
  expect(expectStatus(await view('post=html/lang&lang=de-AT'), 200).text).toContain('1 Kommentar');
  const fr = await view('post=html/lang', { 'accept-language': 'xx, fr-CH;q=0.9, de;q=0.5' });
  expect(fr.text).toContain('1 commentaire');
  expect(fr.text).toContain('lang="fr"');
  expect((await view('post=html/lang&lang=tlh')).text).toContain('1 comment<');
  const ar = (await view('post=html/lang&lang=ar')).text;
  expect(ar).toContain('dir="rtl"');
});

test('a reader without JavaScript is told commenting needs it, with a link to the post page when given', async () => {
  const html = (await view(`post=html/empty&href=${encodeURIComponent('https://blog.example/p#parley')}`)).text;
  expect(html).toContain('No comments yet.');
  expect(html).toContain('Commenting needs JavaScript. <a href="https://blog.example/p#parley">');
});

test('bad parameters are a 400 JSON error', async () => {
  const res = expectStatus(await view('post=html/x&href=javascript:alert(1)'), 400);
  expect(res.json.error.code).toBe('validation_failed');
  expect(expectStatus(await view('limit=5'), 400).headers['content-type']).toMatch(/json/);
});
