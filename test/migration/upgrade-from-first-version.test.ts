/**
 * The supported upgrade from a first-version table (README, "Upgrading a deployment from the
 * first version"): its items are exported as they are and imported into a table of this version.
 * First-version comment items carry no `emailKey`, no feed keys (approved comments sat in the
 * queue index under `approved`) and no expiry; after the import they are found by every index of
 * this version, their emails' keys are filled in, and every counter holds.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkInvariants, scanTable, tableClient } from '../../infra/local/inspect/table';
import { exportTable } from '../../infra/tools/export';
import { emailKeyOf } from '../../shared/crypto';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { expectStatus } from '../support/comments';
import { startTestApi } from '../support/local-api';
import { adminQueue, importFixture, thread } from './helpers';

const POST = '2010/03/first-version-post';

/** A comment item as the first version's toItem wrote it. */
const v1Comment = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  pk: `COMMENT#${id}`,
  sk: 'COMMENT',
  type: 'comment',
  id,
  post: POST,
  parentId: null,
  depth: 0,
  path: id,
  status,
  authorName: `Reader ${id.slice(-2)}`,
  authorEmail: `reader-${id.slice(-2).toLowerCase()}@example.org`,
  authorWebsite: null,
  avatar: 'v1-avatar',
  authorKey: 'v1-author-key',
  body: `Words of ${id}`,
  html: `<p>Words of ${id}</p>`,
  ipHash: 'v1-ip-hash',
  userAgent: 'agent',
  createdAt: '2010-03-04T10:00:00.000Z',
  editedAt: null,
  editableUntil: '2010-03-04T10:15:00.000Z',
  editTokenHash: 'v1-token-hash',
  notifyReplies: false,
  spamScore: 0,
  spamReasons: [],
  moderation: [],
  version: 1,
  inThread: status === 'approved',
  queuePk: status,
  postQueuePk: `${POST}#${status}`,
  queueSk: `2010-03-04T10:00:00.000Z#${id}`,
  ...(status === 'approved' ? { threadPk: POST, threadSk: id, threadNewestSk: id } : {}),
  ...extra,
});

test('a first-version table exported and imported into this version is found by every index, with its emails keyed', async () => {
  const source = await startTestApi();
  let exported: string;
  try {
    await tableClient(process.env.DYNAMODB_ENDPOINT!).send(
      new BatchWriteCommand({
        RequestItems: {
          [source.tableName]: [
            v1Comment('01AAAAAAAAAAAAAAAAAAAAAA01', 'approved'),
            v1Comment('01AAAAAAAAAAAAAAAAAAAAAA02', 'approved', {
              parentId: '01AAAAAAAAAAAAAAAAAAAAAA01',
              depth: 1,
              path: '01AAAAAAAAAAAAAAAAAAAAAA01#01AAAAAAAAAAAAAAAAAAAAAA02',
              threadSk: '01AAAAAAAAAAAAAAAAAAAAAA01#01AAAAAAAAAAAAAAAAAAAAAA02',
              threadNewestSk: '01AAAAAAAAAAAAAAAAAAAAAA01#01AAAAAAAAAAAAAAAAAAAAAA02',
            }),
            v1Comment('01AAAAAAAAAAAAAAAAAAAAAA03', 'pending'),
            {
              pk: `POST#${POST}`,
              sk: 'POST',
              post: POST,
              threadPk: POST,
              threadSk: '!',
              threadNewestSk: '!',
              total: 2,
            },
          ].map((Item) => ({ PutRequest: { Item } })),
        },
      }),
    );
    exported = await exportTable({ public: false });
  } finally {
    await source.close();
  }

  const target = await startTestApi();
  try {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'parley-v1-')), 'v1.json');
    writeFileSync(file, exported);
    expect((await importFixture(file)).imported.total).toBe(3);

    const page = await thread(target, POST);
    expect(page.total).toBe(2);
    expect(page.comments[0].replies.map((r: { id: string }) => r.id)).toEqual(['01AAAAAAAAAAAAAAAAAAAAAA02']);
    const feed = expectStatus(await target.request('GET', `/v1/feed?post=${encodeURIComponent(POST)}`), 200).text;
    expect(feed).toContain('Words of 01AAAAAAAAAAAAAAAAAAAAAA01');
    expect((await adminQueue(target, 'pending')).map((c) => c.id)).toEqual(['01AAAAAAAAAAAAAAAAAAAAAA03']);

    const items = await scanTable(process.env.DYNAMODB_ENDPOINT!, target.tableName);
    for (const c of items.filter((i) => i.type === 'comment')) {
      expect(c.emailKey).toBe(emailKeyOf(process.env.PARLEY_SECRET!, String(c.authorEmail)));
      expect(c.status === 'approved' ? c.feedPk : c.queuePk).toBe(c.status);
    }
    expect(await checkInvariants(process.env.DYNAMODB_ENDPOINT!, target.tableName)).toEqual([]);
  } finally {
    await target.close();
  }
});
