import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { moveThreadStep } from '../../shared/usecases/move-thread';
import { expectStatus, moderate, post, postApproved, thread } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;
let auth: { authorization: string };
beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000' } });
  auth = { authorization: `Bearer ${await api.moderatorToken('alice')}` };
});
afterAll(() => api.close());

const page = async (p: string) => thread(api, `post=${encodeURIComponent(p)}&limit=100`);
const queue = async (p: string, status: string) =>
  expectStatus(
    await api.request('GET', `/v1/admin/comments?status=${status}&post=${encodeURIComponent(p)}`, { headers: auth }),
    200,
  ).json.comments.map((c: { id: string }) => c.id) as string[];
const move = (body: Record<string, unknown>) => api.request('POST', '/v1/admin/posts/move', { headers: auth, body });

/** Calls the route until it answers done, as the console and the CLI do. */
const moveAll = async (body: Record<string, unknown>): Promise<number> => {
  let moved = 0;
  for (let calls = 0; calls < 50; calls++) {
    const step = expectStatus(await move(body), 200).json;
    moved += step.moved;
    if (step.done) return moved;
  }
  throw new Error('the move never finished');
};

/** Seven comment items: replies three deep, a tombstone kept for its reply, a held and a rejected comment. */
const seedThread = async (p: string) => {
  const root = await postApproved(api, { post: p });
  const reply = await postApproved(api, { post: p, parentId: root });
  await postApproved(api, { post: p, parentId: reply });
  const doomed = await postApproved(api, { post: p });
  await postApproved(api, { post: p, parentId: doomed });
  expectStatus(await api.request('DELETE', `/v1/admin/comments/${doomed}`, { headers: auth }), 204);
  const held = (await post(api, { post: p })).comment.id;
  const rejected = (await post(api, { post: p })).comment.id;
  expectStatus(await moderate(api, rejected, 'reject'), 200);
  return { held, rejected };
};

test('a thread with nested replies reads the same under the new id, with exact counts on both posts and one audit entry', async () => {
  const { held, rejected } = await seedThread('move/old');
  const before = await page('move/old');
  expect(before.total).toBe(4);

  expect(await moveAll({ from: 'move/old', to: 'move/new' })).toBe(7);

  const after = await page('move/new');
  // The same comments, replies and order; only the post id they carry differs.
  expect(after.comments).toEqual(JSON.parse(JSON.stringify(before.comments).replaceAll('"move/old"', '"move/new"')));
  expect(after.total).toBe(4);
  const left = await page('move/old');
  expect([left.total, left.comments]).toEqual([0, []]);
  expect(await queue('move/new', 'pending')).toContain(held);
  expect(await queue('move/new', 'rejected')).toContain(rejected);
  expect(await queue('move/old', 'pending')).toEqual([]);
  const audit = expectStatus(await api.request('GET', '/v1/admin/audit?limit=100', { headers: auth }), 200).json;
  expect(
    audit.entries.filter((e: { action: string; post: string }) => e.action === 'move' && e.post === 'move/old'),
  ).toEqual([expect.objectContaining({ byName: 'alice', reason: 'to move/new', commentId: null })]);
  // Finished, the old id is free again: a later move from it finds nothing and says so.
  expect(expectStatus(await move({ from: 'move/old', to: 'move/other' }), 200).json).toMatchObject({
    moved: 0,
    done: true,
  });
});

test('a target that has comments is refused with 409 unless merge is asked, and merging adds the counts', async () => {
  await seedThread('merge/old');
  await postApproved(api, { post: 'merge/new' });
  const pendingOnly = (await post(api, { post: 'merge/empty-but-held' })).comment.id;
  expect(pendingOnly).toEqual(expect.any(String));

  expect(expectStatus(await move({ from: 'merge/old', to: 'merge/new' }), 409).json.error.code).toBe('conflict');
  expectStatus(await move({ from: 'merge/old', to: 'merge/empty-but-held' }), 409);
  expect((await page('merge/old')).total).toBe(4);

  await moveAll({ from: 'merge/old', to: 'merge/new', merge: true });
  expect((await page('merge/new')).total).toBe(5);
  expect((await page('merge/old')).total).toBe(0);
});

test('a move interrupted after a chunk, then called twice at once, resumes and moves nothing twice', async () => {
  await seedThread('resume/old');
  const by = { sub: 'alice', email: null, username: 'alice' };
  const first = await moveThreadStep({ from: 'resume/old', to: 'resume/new', merge: false }, by, 3);
  expect(first).toMatchObject({ moved: 3, done: false });
  const [oldTotal, newTotal] = [(await page('resume/old')).total, (await page('resume/new')).total];
  // Counts are exact between chunks too: the approved comments moved so far, no more.
  expect(oldTotal + newTotal).toBe(4);
  expect(newTotal).toBeGreaterThan(0);

  // Resuming is not a merge, although the target now has comments; a different target is refused meanwhile.
  expectStatus(await move({ from: 'resume/old', to: 'resume/elsewhere' }), 409);
  const racing = await Promise.all(
    [1, 2, 3].map(() => moveThreadStep({ from: 'resume/old', to: 'resume/new', merge: false }, by, 2)),
  );
  const rest = await moveAll({ from: 'resume/old', to: 'resume/new' });
  expect(first.moved + racing.reduce((n, s) => n + s.moved, 0) + rest).toBe(7);
  expect((await page('resume/new')).total).toBe(4);
  expect((await page('resume/old')).total).toBe(0);
});

test('moving a post to itself is a 400', async () => {
  expectStatus(await move({ from: 'same/post', to: 'same/post' }), 400);
});

test('npm run move-thread moves a whole thread, calling until done, and refuses an occupied target without --merge', async () => {
  await seedThread('cli/old');
  await postApproved(api, { post: 'cli/taken' });
  const cli = (...args: string[]) =>
    promisify(execFile)('node_modules/.bin/tsx', ['infra/tools/move-thread.ts', ...args], { env: process.env });
  await expect(cli('cli/old', 'cli/taken')).rejects.toMatchObject({ stderr: expect.stringContaining('has comments') });
  const { stdout } = await cli('cli/old', 'cli/new');
  expect(stdout).toContain('Moved 7 comments from "cli/old" to "cli/new"');
  expect([(await page('cli/new')).total, (await page('cli/old')).total]).toEqual([4, 0]);
});
