import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import os from 'node:os';
import path from 'node:path';
import { exportTable } from '../../infra/tools/export';
import { writeImportedPost } from '../../shared/store/import-writes';
import { expectStatus, moderate } from '../support/comments';
import { startTestApi } from '../support/local-api';
import { adminQueue, fixture, importFixture, thread } from './helpers';

const tempFile = (name: string, text: string): string => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'parley-export-')), name);
  writeFileSync(file, text);
  return file;
};

/** A table with every kind of comment, a moderation decision and a locked thread. */
const fillTable = async (api: Awaited<ReturnType<typeof startTestApi>>) => {
  await importFixture(fixture('disqus.xml'));
  await importFixture(fixture('wordpress.xml'));
  await importFixture(fixture('blogger-takeout.atom'));
  const pending = (await adminQueue(api, 'pending')).find((c) => c.body === 'Please approve me');
  await moderate(api, pending.id);
  await writeImportedPost({ id: 'locked/post', title: 'Closed', url: null, locked: true }, { retries: 0 });
  // Reactions from two readers on one comment, and a post whose reactions a moderator turned off.
  const first = (await thread(api, '2020/05/hello-world')).comments[0].id as string;
  for (const [kind, reader] of [
    ['like', '127.0.9.1'],
    ['like', '127.0.9.2'],
    ['insightful', '127.0.9.1'],
  ] as const)
    expectStatus(
      await api.request('PUT', `/v1/comments/${first}/reactions/${kind}?post=2020/05/hello-world`, {
        localAddress: reader,
        headers: { 'x-reader-key': `reader-key-${reader.replace(/\./g, '-')}` },
      }),
      200,
    );
  const token = await api.moderatorToken();
  expectStatus(
    await api.request('PUT', '/v1/admin/posts/reactions?post=2019/03/cafe-notes&enabled=false', {
      headers: { authorization: `Bearer ${token}` },
    }),
    200,
  );
};

test('export, import into an empty table and export again gives the same bytes', async () => {
  const source = await startTestApi();
  let first: string;
  try {
    await fillTable(source);
    first = await exportTable({ public: false });
  } finally {
    await source.close();
  }
  const doc = JSON.parse(first);
  expect(doc.comments.length).toBeGreaterThan(15);
  expect(doc.posts.find((p: any) => p.id === 'locked/post').locked).toBe(true);
  expect(doc.comments.some((c: any) => c.moderation.some((m: any) => m.action === 'approve'))).toBe(true);
  expect(doc.comments.filter((c: any) => c.reactions).map((c: any) => c.reactions)).toEqual([
    { like: 2, love: 0, laugh: 0, insightful: 1 },
  ]);
  expect(doc.posts.find((p: any) => p.id === '2019/03/cafe-notes').reactionsOff).toBe(true);

  const target = await startTestApi();
  try {
    const report = await importFixture(tempFile('export.json', first));
    expect(report.imported.total).toBe(doc.comments.length);
    expect(await exportTable({ public: false })).toBe(first);
    // Counters rebuilt by the import match the source's: the public thread counts agree.
    const counts = await target.request('GET', '/v1/counts?post=2020/05/hello-world&post=2019/03/cafe-notes');
    expect(counts.json.counts).toEqual({ '2020/05/hello-world': 11, '2019/03/cafe-notes': 3 });
  } finally {
    await target.close();
  }
});

test('--public leaves out emails, IP hashes, user agents and every comment that is not public', async () => {
  const api = await startTestApi();
  try {
    await fillTable(api);
    const full = await exportTable({ public: false });
    const text = await exportTable({ public: true });
    const doc = JSON.parse(text);
    expect(full).toMatch(/@example\.com/);
    expect(text).not.toMatch(/@/);
    expect(text).not.toContain('cheap pills');
    expect(text).not.toContain('Buy cheap watches');
    expect(text).not.toContain('Waiting for a moderator');
    for (const c of doc.comments) {
      expect(['approved', 'deleted']).toContain(c.status);
      expect(c).toEqual(expect.objectContaining({ authorEmail: null, ipHash: null, userAgent: null, authorKey: null }));
    }
    for (const hash of JSON.parse(full)
      .comments.map((c: any) => c.ipHash)
      .filter(Boolean))
      expect(text).not.toContain(hash);
  } finally {
    await api.close();
  }
});

test('both exports validate against docs/export.schema.json, and a document breaking it is caught', async () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync('docs/export.schema.json', 'utf8')));
  const api = await startTestApi();
  try {
    await fillTable(api);
    for (const publicOnly of [false, true]) {
      const doc = JSON.parse(await exportTable({ public: publicOnly }));
      expect({ publicOnly, errors: validate(doc) ? [] : validate.errors }).toEqual({ publicOnly, errors: [] });
    }
    // The validator is not vacuous: a comment with an unknown status fails it.
    const broken = JSON.parse(await exportTable({ public: false }));
    broken.comments[0].status = 'shadowbanned';
    expect(validate(broken)).toBe(false);
  } finally {
    await api.close();
  }
});
