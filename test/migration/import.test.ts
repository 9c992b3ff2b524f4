import { IMPORTED_IDENTITY_ROOT } from '../../shared/migration/plan';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { authorHashes } from '../../shared/crypto';
import { startTestApi, type TestApi } from '../support/local-api';
import { tableSnapshot } from '../support/table-snapshot';
import { adminQueue, fixture, flatten, importFixture, thread } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const DISQUS_POST = '2020/05/hello-world';

describe('Disqus', () => {
  let report: Awaited<ReturnType<typeof importFixture>>;
  beforeAll(async () => {
    report = await importFixture(fixture('disqus.xml'));
  });

  test('keeps threads, maps statuses and reports every skip and the depth cap', async () => {
    expect(report.imported).toEqual({ total: 13, approved: 11, pending: 0, spam: 1, placeholder: 1 });
    expect(report.skipped).toEqual({ total: 2, byReason: { 'empty body': 1, 'deleted without replies': 1 } });
    expect(report.flattenedOverDepthCap).toBe(2);
    expect(report.posts).toBe(1);

    const page = await thread(api, DISQUS_POST);
    expect(page.total).toBe(11);
    const [first, removed, deep] = page.comments;
    expect(first.author.name).toBe('Zoë Ångström');
    expect(first.createdAt).toBe('2020-05-01T11:00:00.000Z');
    expect(first.replies.map((r: any) => r.author.name)).toEqual(['Bob']);
    expect(removed.deleted).toBe(true);
    expect(removed.replies[0].html).toContain('Answer under a removed comment');
    const levels = flatten([deep]);
    expect(Math.max(...levels.map((c) => c.depth))).toBe(5);
    expect(levels.filter((c) => c.depth === 5).map((c) => c.author.name)).toEqual(['Deep 5', 'Deep 6', 'Deep 7']);
  });

  test('converts HTML to Markdown and renders it like a posted comment: no raw HTML survives, text and entities do', async () => {
    const all = flatten((await thread(api, DISQUS_POST)).comments);
    for (const c of all) expect(c.html).not.toMatch(/<script|onerror|<img/i);
    const first = all[0];
    expect(first.html).toContain('<strong>Bold</strong>');
    expect(first.html).toContain('href="https://example.org"');
    expect(first.html).toContain('Ünïcödé — 日本語 &amp; entities');
  });

  test('hashes emails exactly as posted comments do, and files spam as spam', async () => {
    const spam = await adminQueue(api, 'spam');
    expect(spam.map((c) => c.body)).toContain('Buy cheap watches');
    const page = await thread(api, DISQUS_POST);
    expect(page.comments[0].author.avatar).toBe(
      authorHashes(process.env.PARLEY_SECRET!, 'zoë@example.com', IMPORTED_IDENTITY_ROOT).avatar,
    );
  });

  test('a second run of the same file writes nothing and moves no counter', async () => {
    const before = await tableSnapshot(api.tableName);
    const again = await importFixture(fixture('disqus.xml'));
    expect(again.alreadyPresent).toBe(13);
    expect(await tableSnapshot(api.tableName)).toEqual(before);
  });
});

test('WordPress: replies nest, pending goes to the queue, spam is spam, pingbacks and trash are skipped', async () => {
  const report = await importFixture(fixture('wordpress.xml'));
  expect(report.skipped.byReason).toEqual({ 'pingback or trackback': 1, 'deleted without replies': 1 });
  const page = await thread(api, '2019/03/cafe-notes');
  expect(page.total).toBe(2);
  expect(page.comments[0].author).toEqual(
    expect.objectContaining({ name: 'Renée', website: 'https://renee.example.fr/' }),
  );
  expect(page.comments[0].createdAt).toBe('2019-03-02T09:00:00.000Z');
  expect(page.comments[0].html).toContain('<em>emphasis</em>');
  expect(page.comments[0].html).not.toContain('<script');
  expect(page.comments[0].replies[0].author.name).toBe('Tomás');
  expect((await adminQueue(api, 'pending')).map((c) => c.body)).toContain('Please approve me');
  expect((await adminQueue(api, 'spam')).map((c) => c.body)).toContain('cheap pills');
});

test('Blogger classic: a reply written before its parent and post still nests, under the post id of its URL path', async () => {
  const report = await importFixture(fixture('blogger-classic.atom'));
  expect(report.imported.approved).toBe(2);
  const page = await thread(api, '2011/11/cloud-blog-on-wired-site-time-to-value');
  expect(page.comments).toHaveLength(1);
  expect(page.comments[0].author.name).toBe('Ana');
  expect(page.comments[0].createdAt).toBe('2011-11-04T16:00:00.000Z');
  expect(page.comments[0].replies[0].author.name).toBe('Björn');
  expect(page.comments[0].replies[0].html).toContain('I answer Ana &amp; friends');
});

test('Blogger Takeout zip: __MACOSX entries are ignored, inReplyTo nests, non-ASCII text survives, PENDING is held', async () => {
  await importFixture(fixture('blogger-takeout.zip'));
  const page = await thread(api, '2021/02/takeout-post');
  expect(page.comments[0].author.name).toBe('Дмитрий');
  expect(page.comments[0].html).toContain('<strong>Привет</strong>');
  expect(page.comments[0].replies[0].author.name).toBe('Chloé');
  expect((await adminQueue(api, 'pending')).map((c) => c.body)).toContain('Waiting for a moderator');
});

test('a zip whose entry escapes the archive is refused', async () => {
  await expect(importFixture(fixture('escaping.zip'))).rejects.toThrow(/Refusing the zip/);
});

test('a truncated file names the line and column and writes nothing', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-import-'));
  const truncated = path.join(dir, 'truncated.xml');
  const whole = readFileSync(fixture('disqus.xml'), 'utf8').replaceAll('2020/05/hello-world', '2020/05/other');
  writeFileSync(truncated, whole.slice(0, Math.floor(whole.length * 0.8)));
  const before = await tableSnapshot(api.tableName);
  await expect(importFixture(truncated)).rejects.toThrow(/line \d+, column \d+/);
  expect(await tableSnapshot(api.tableName)).toEqual(before);
});

test('--dry-run reports the same as a real run and writes nothing', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-import-'));
  const copy = path.join(dir, 'w.xml');
  copyFileSync(fixture('wordpress.xml'), copy);
  writeFileSync(copy, readFileSync(copy, 'utf8').replaceAll('cafe-notes', 'dry-notes'));
  const before = await tableSnapshot(api.tableName);
  const dry = await importFixture(copy, { dryRun: true });
  expect(await tableSnapshot(api.tableName)).toEqual(before);
  const real = await importFixture(copy);
  expect({ ...dry, dryRun: false }).toEqual(
    expect.objectContaining({ imported: real.imported, skipped: real.skipped, posts: real.posts }),
  );
});

test('--post-ids identifier and map: use the source thread identifier or the CSV map', async () => {
  // Other source ids than the fixtures imported above: the same ids would be recognised as already imported.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-import-'));
  const copy = path.join(dir, 'd.xml');
  writeFileSync(
    copy,
    readFileSync(fixture('disqus.xml'), 'utf8')
      .replace('<id>post-42</id>', '<id>by-identifier</id>')
      .replaceAll('dsq:id="1', 'dsq:id="91'),
  );
  const byIdentifier = await importFixture(copy, { postIds: { kind: 'identifier' } });
  expect(byIdentifier.imported.approved).toBe(11);
  expect((await thread(api, 'by-identifier')).total).toBe(11);
  const takeout = path.join(dir, 'feed.atom');
  writeFileSync(takeout, readFileSync(fixture('blogger-takeout.atom'), 'utf8').replaceAll('.post-', '.post-8'));
  const mapped = await importFixture(takeout, {
    postIds: { kind: 'map', map: new Map([['/2021/02/takeout-post.html', 'mapped/post']]) },
  });
  expect(mapped.posts).toBe(1);
  expect((await thread(api, 'mapped/post')).total).toBe(2);
  expect((await adminQueue(api, 'pending')).filter((c) => c.post === 'mapped/post')).toHaveLength(1);
});
