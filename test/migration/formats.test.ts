import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importedCommentId } from '../../shared/migration/comment-ids';
import { detectFormat } from '../../shared/migration/detect';
import { postIdFromUrl, resolvePostId } from '../../shared/migration/post-ids';
import { startTestApi, type TestApi } from '../support/local-api';
import { adminQueue, fixture, importFixture, thread } from './helpers';

test('post ids come from the URL path without slashes, query, fragment or page extension', () => {
  expect(postIdFromUrl('https://x.blogspot.com/2011/11/cloud-blog-on-wired-site-time-to-value.html')).toBe(
    '2011/11/cloud-blog-on-wired-site-time-to-value',
  );
  expect(postIdFromUrl('https://wp.example.com/2019/03/cafe-notes/?replytocom=3#respond')).toBe('2019/03/cafe-notes');
  expect(postIdFromUrl('https://old.example.com/index.php')).toBe('index');
  expect(postIdFromUrl('https://example.com/')).toBeNull();
  expect(resolvePostId({ key: 'k', identifier: 'bad id!', url: null, title: null }, { kind: 'identifier' })).toBeNull();
});

test('imported ids keep the original time order and are the same on every run', () => {
  const early = importedCommentId('disqus', '2', '2010-01-01T00:00:00Z');
  const late = importedCommentId('disqus', '1', '2011-01-01T00:00:00Z');
  expect(early < late).toBe(true);
  expect(importedCommentId('disqus', '2', '2010-01-01T00:00:00Z')).toBe(early);
  expect(importedCommentId('wordpress', '2', '2010-01-01T00:00:00Z')).not.toBe(early);
});

test('formats are told apart by their first characters', async () => {
  const head = (name: string) => readFileSync(fixture(name), 'utf8');
  expect(detectFormat(head('disqus.xml'))).toBe('disqus');
  expect(detectFormat(head('wordpress.xml'))).toBe('wordpress');
  expect(detectFormat(head('blogger-classic.atom'))).toBe('blogger-classic');
  expect(detectFormat(head('blogger-takeout.atom'))).toBe('blogger-takeout');
  expect(detectFormat(head('remark42.jsonl'))).toBe('remark42');
  expect(detectFormat(head('waline.json'))).toBe('waline');
  expect(detectFormat(head('commento.json'))).toBe('commento');
  expect(detectFormat(head('artalk.artrans'))).toBe('artalk');
  expect(detectFormat('<html></html>')).toBeUndefined();
});

describe('into DynamoDB Local', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  test('Remark42 backup (gzipped): Markdown as written, replies nested, deleted without replies skipped', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-r42-'));
    const file = path.join(dir, 'backup.gz');
    writeFileSync(file, gzipSync(readFileSync(fixture('remark42.jsonl'))));
    const report = await importFixture(file);
    expect(report.format).toBe('remark42');
    expect(report.skipped.byReason).toEqual({ 'deleted without replies': 1 });
    const page = await thread(api, '2022/01/first-post');
    expect(page.total).toBe(2);
    expect(page.comments[0].html).toContain('<strong>Remark42</strong>');
    expect(page.comments[0].replies[0].author.name).toBe('Hugo');
  });

  test('Waline export: waiting is held, spam is spam, non-ASCII Markdown renders, script does not', async () => {
    const report = await importFixture(fixture('waline.json'));
    expect(report.imported).toEqual({ total: 4, approved: 2, pending: 1, spam: 1, placeholder: 0 });
    const page = await thread(api, '2023/05/waline-post');
    expect(page.comments[0].html).toContain('你好, <em>world</em>');
    expect(page.comments[0].replies[0].html).not.toContain('<script');
    expect((await adminQueue(api, 'pending')).map((c) => c.body)).toContain('held');
    expect((await adminQueue(api, 'spam')).map((c) => c.body)).toContain('buy now');
  });

  test('Commento export: commenters named, anonymous kept nameless, unapproved held, flagged is spam, deleted skipped', async () => {
    const report = await importFixture(fixture('commento.json'));
    expect(report.format).toBe('commento');
    expect(report.imported).toEqual({ total: 4, approved: 2, pending: 1, spam: 1, placeholder: 0 });
    expect(report.skipped.byReason).toEqual({ 'deleted without replies': 1 });
    const page = await thread(api, '2021/03/commento-post');
    expect(page.total).toBe(2);
    expect(page.comments[0].author).toMatchObject({ name: 'Ada', website: 'https://ada.example.org/' });
    expect(page.comments[0].html).toContain('<strong>Commento</strong>');
    expect(page.comments[0].replies[0].author.name).toBe('Anonymous');
    expect(page.comments[0].replies[0].html).toContain('ça marche');
    const held = (await adminQueue(api, 'pending')).find((c) => c.body === 'awaiting a moderator');
    expect(held).toMatchObject({ email: 'bert@example.org', author: expect.objectContaining({ website: null }) });
    expect((await adminQueue(api, 'spam')).map((c) => c.body)).toContain('cheap pills here');
  });

  test("Artalk's Artrans: Go-style dates with their zone, replies by rid, pending held, script not rendered", async () => {
    const report = await importFixture(fixture('artalk.artrans'));
    expect(report.format).toBe('artalk');
    expect(report.imported).toEqual({ total: 3, approved: 2, pending: 1, spam: 0, placeholder: 0 });
    const page = await thread(api, '2021/10/artalk-post');
    expect(page.comments[0].createdAt).toBe('2021-10-28T12:50:15.000Z');
    expect(page.comments[0].html).toContain('<strong>Artalk</strong>, 你好');
    expect(page.comments[0].replies[0].author.name).toBe('Sam');
    expect(page.comments[0].replies[0].html).not.toContain('<script');
    expect((await adminQueue(api, 'pending')).map((c) => c.body)).toContain('held for review');
  });
});
