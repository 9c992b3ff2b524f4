import { expectStatus, post } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';
import { routes, type TableAction } from '../../shared/routes';
import { db } from '../../shared/store/client';
import { signToken } from '../../shared/domain/notifications/tokens';
import { emailHash } from '../../shared/notify/reply-notifications';

/**
 * Deployed, each function's role allows only the DynamoDB actions its route-table entry lists.
 * Locally nothing enforces that, so this test records what every handler really asks of DynamoDB
 * (transaction items count as the item actions IAM checks) while each route is exercised, and
 * compares it with the route table.
 */
let api: TestApi;
let used = new Set<TableAction>();
/** Index names the Queries read; `(table)` for a Query on the base table. */
let queried = new Set<string>();
const MIDDLEWARE = 'recordActions';

const TRANSACT_ACTIONS: Record<string, TableAction> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
};

beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000', MODERATION: 'trusted' } });
  db().middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName).replace(/Command$/, '');
      if (operation === 'TransactWriteItems') {
        for (const item of (args.input as { TransactItems: Record<string, unknown>[] }).TransactItems) {
          for (const kind of Object.keys(item)) used.add(TRANSACT_ACTIONS[kind]!);
        }
      } else {
        used.add(operation as TableAction);
        if (operation === 'Query') queried.add((args.input as { IndexName?: string }).IndexName ?? '(table)');
      }
      return next(args);
    },
    { step: 'initialize', name: MIDDLEWARE },
  );
});
afterAll(async () => {
  db().middlewareStack.remove(MIDDLEWARE);
  await api.close();
});

const usedBy = async (call: () => Promise<unknown>): Promise<{ actions: TableAction[]; indexes: string[] }> => {
  used = new Set();
  queried = new Set();
  await call();
  return { actions: [...used], indexes: [...queried] };
};

test('every route asks DynamoDB for exactly the actions its route-table entry grants, no more and none in vain', async () => {
  const auth = { authorization: `Bearer ${await api.moderatorToken()}` };
  const P = 'iam/post';
  const seen: Record<string, TableAction[]> = {};
  const seenIndexes: Record<string, string[]> = {};
  const record = async (name: string, call: () => Promise<unknown>) => {
    const { actions, indexes } = await usedBy(call);
    seen[name] = [...new Set([...(seen[name] ?? []), ...actions])];
    seenIndexes[name] = [...new Set([...(seenIndexes[name] ?? []), ...indexes])];
  };

  // Paths through each handler: first and later pages, replies, duplicates, replays, trusted authors, erasure with and without a tombstone.
  let parent = '';
  await record('PostComment', async () => {
    parent = (await post(api, { post: P, author: { name: 'A', email: 'a@example.org' } })).comment.id;
  });
  await record('AdminApprove', () => api.request('POST', `/v1/admin/comments/${parent}/approve`, { headers: auth }));
  let mine = { comment: { id: '' }, editToken: '' };
  await record('PostComment', async () => {
    mine = await post(api, { post: P, parentId: parent, author: { name: 'A', email: 'a@example.org' } });
  });
  await record('PostComment', () =>
    api.request('POST', '/v1/comments', {
      body: { post: P, author: { name: 'B' }, body: 'same words', elapsedMs: 60000 },
      headers: { 'idempotency-key': 'iam-1' },
    }),
  );
  await record('PostComment', () =>
    api.request('POST', '/v1/comments', {
      body: { post: P, author: { name: 'B' }, body: 'same words', elapsedMs: 60000 },
      headers: { 'idempotency-key': 'iam-1' },
    }),
  );
  await record('PostComment', () =>
    api.request('POST', '/v1/comments', {
      body: { post: P, author: { name: 'C' }, body: 'same words', elapsedMs: 60000 },
    }),
  );
  await record('EditComment', () =>
    api.request('PATCH', `/v1/comments/${mine.comment.id}`, {
      body: { body: 'edited' },
      headers: { 'x-edit-token': mine.editToken },
    }),
  );
  await record('DeleteComment', () =>
    api.request('DELETE', `/v1/comments/${mine.comment.id}`, { headers: { 'x-edit-token': mine.editToken } }),
  );
  const second = (await post(api, { post: P })).comment.id;
  expectStatus(await api.request('POST', `/v1/admin/comments/${second}/approve`, { headers: auth }), 200);
  const first = expectStatus(await api.request('GET', `/v1/comments?post=${P}&limit=1`), 200).json;
  expect(first.nextCursor).toEqual(expect.any(String));
  await record('ListComments', () => api.request('GET', `/v1/comments?post=${P}&limit=1`));
  await record('ListComments', () => api.request('GET', `/v1/comments?post=${P}&sort=newest`));
  await record('ListComments', () =>
    api.request('GET', `/v1/comments?post=${P}&limit=1&cursor=${encodeURIComponent(first.nextCursor)}`),
  );
  await record('GetThreadHtml', () => api.request('GET', `/v1/comments.html?post=${P}&limit=1`));
  const reader = { 'x-reader-key': 'iam-reader-key-0001' };
  const reaction = `/v1/comments/${parent}/reactions/like?post=${encodeURIComponent(P)}`;
  await record('AddReaction', () => api.request('PUT', reaction, { headers: reader }));
  await record('AddReaction', () => api.request('PUT', reaction, { headers: reader }));
  await record('RemoveReaction', () => api.request('DELETE', reaction, { headers: reader }));
  await record('AdminPostReactions', () =>
    api.request('PUT', `/v1/admin/posts/reactions?post=${P}&enabled=false`, { headers: auth }),
  );
  await record('AdminPostReactions', () =>
    api.request('PUT', `/v1/admin/posts/reactions?post=${P}&enabled=true`, { headers: auth }),
  );
  await record('GetCounts', () => api.request('GET', `/v1/counts?post=${P}&post=other`));
  await record('GetFeed', () => api.request('GET', `/v1/feed?post=${P}`));
  await record('GetFeed', () => api.request('GET', '/v1/feed'));
  await record('Health', () => api.request('GET', '/v1/health'));
  await record('AdminListComments', () => api.request('GET', '/v1/admin/comments?status=pending', { headers: auth }));
  await record('AdminListComments', () =>
    api.request('GET', `/v1/admin/comments?status=approved&post=${P}`, { headers: auth }),
  );
  await record('AdminListComments', () => api.request('GET', '/v1/admin/comments?status=approved', { headers: auth }));
  await record('AdminListComments', () =>
    api.request('GET', `/v1/admin/comments?status=pending&post=${P}`, { headers: auth }),
  );
  // Approved first, so that rejecting it moves the counters (trust no longer follows a typed email).
  const pending = (await post(api, { post: P })).comment.id;
  expectStatus(await api.request('POST', `/v1/admin/comments/${pending}/approve`, { headers: auth }), 200);
  await record('AdminReject', () => api.request('POST', `/v1/admin/comments/${pending}/reject`, { headers: auth }));
  await record('AdminSpam', () => api.request('POST', `/v1/admin/comments/${pending}/spam`, { headers: auth }));
  await record('AdminSpam', () => api.request('POST', `/v1/admin/comments/${second}/spam`, { headers: auth }));
  const bulk = [(await post(api, { post: P })).comment.id, (await post(api, { post: P })).comment.id];
  await record('AdminBulkModerate', () =>
    api.request('POST', '/v1/admin/moderation', { headers: auth, body: { action: 'approve', ids: bulk } }),
  );
  await record('AdminReply', () =>
    api.request('POST', `/v1/admin/comments/${bulk[0]}/reply`, { headers: auth, body: { body: 'Thanks!' } }),
  );
  const heldBack = (await post(api, { post: P, author: { name: 'Newcomer' } })).comment.id;
  await record('AdminBulkModerate', () =>
    api.request('POST', '/v1/admin/moderation', {
      headers: auth,
      body: { action: 'delete', ids: [...bulk, heldBack] },
    }),
  );
  const neverApproved = (await post(api, { post: P })).comment.id;
  await record('AdminEraseComment', () =>
    api.request('DELETE', `/v1/admin/comments/${neverApproved}`, { headers: auth }),
  );
  await record('AdminEraseComment', () => api.request('DELETE', `/v1/admin/comments/${parent}`, { headers: auth }));
  await record('AdminLockPost', () => api.request('PUT', `/v1/admin/posts/lock?post=${P}`, { headers: auth }));
  await record('AdminUnlockPost', () => api.request('DELETE', `/v1/admin/posts/lock?post=${P}`, { headers: auth }));
  const blockable = (await post(api, { post: P })).comment.id;
  await record('AdminBlock', () =>
    api.request('POST', `/v1/admin/comments/${blockable}/block`, {
      headers: auth,
      body: { target: 'author', days: 1, reason: 'test' },
    }),
  );
  await record('AdminUnblock', () =>
    api.request('DELETE', `/v1/admin/comments/${blockable}/block?target=author`, { headers: auth }),
  );
  await record('AdminPostMeta', () =>
    api.request('PUT', `/v1/admin/posts/meta?post=${P}`, { headers: auth, body: { title: 'Named', url: null } }),
  );
  await record('AdminAudit', () => api.request('GET', '/v1/admin/audit', { headers: auth }));
  await record('AdminGetMailSettings', () => api.request('GET', '/v1/admin/me/notifications', { headers: auth }));
  await record('AdminSetMailSettings', () =>
    api.request('PUT', '/v1/admin/me/notifications', { headers: auth, body: { mode: 'digest' } }),
  );

  // The mail links' pages and their POSTs, with tokens signed as the notifier signs them.
  const secret = process.env.PARLEY_SECRET ?? '';
  const now = Math.floor(Date.now() / 1000);
  const toModerate = (await post(api, { post: P })).comment.id;
  const action = signToken(secret, 'moderator-action', { sub: toModerate, by: 'alice', action: 'approve' }, 600, now);
  const form = (fields: Record<string, string>) => ({
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  await record('NotifyActionPage', () => api.request('GET', `/v1/notify/action?token=${action}`));
  await record('NotifyAction', () => api.request('POST', '/v1/notify/action', form({ token: action })));
  await record('NotifyAction', () => api.request('POST', '/v1/notify/action', form({ token: action })));
  const subscriber = emailHash(secret, 'iam-reader@example.org');
  await record('NotifySubscribe', () =>
    api.request('POST', '/v1/notify/subscribe', { body: { email: 'iam-reader@example.org' } }),
  );
  const confirm = signToken(secret, 'confirm', { sub: subscriber }, 600, now);
  await record('NotifyConfirmPage', () => api.request('GET', `/v1/notify/confirm?token=${confirm}`));
  await record('NotifyConfirm', () => api.request('POST', '/v1/notify/confirm', form({ token: confirm })));
  // An approved comment (its erasure moves counters) and a never-approved one (deleted outright).
  const mineAuthor = { name: 'Mia', email: 'mia@example.org' };
  const approvedMine = (await post(api, { post: P, author: mineAuthor })).comment.id;
  await post(api, { post: P, author: mineAuthor });
  expectStatus(await api.request('POST', `/v1/admin/comments/${approvedMine}/approve`, { headers: auth }), 200);
  const mineToken = signToken(secret, 'my-data', { sub: emailHash(secret, 'mia@example.org') }, 600, now);
  await record('NotifyMyDataLink', () =>
    api.request('POST', '/v1/notify/my-data-link', { body: { email: 'mia@example.org' } }),
  );
  await record('NotifyMyDataLink', () =>
    api.request('POST', '/v1/notify/my-data-link', { body: { email: 'iam-reader@example.org' } }),
  );
  await record('NotifyMyDataPage', () => api.request('GET', `/v1/notify/my-data?token=${mineToken}`));
  await record('NotifyMyDataDownload', () =>
    api.request('POST', '/v1/notify/my-data/download', form({ token: mineToken })),
  );
  await record('NotifyMyDataErase', () => api.request('POST', '/v1/notify/my-data/erase', form({ token: mineToken })));
  const stop = signToken(secret, 'unsubscribe', { sub: subscriber }, 600, now);
  await record('NotifyUnsubscribePage', () => api.request('GET', `/v1/notify/unsubscribe?token=${stop}`));
  await record('NotifyUnsubscribe', () =>
    api.request('POST', `/v1/notify/unsubscribe?token=${stop}`, form({ 'List-Unsubscribe': 'One-Click' })),
  );
  await record('AdminMoveThread', async () => {
    const body = { from: P, to: 'iam/moved' };
    while (!expectStatus(await api.request('POST', '/v1/admin/posts/move', { headers: auth, body }), 200).json.done);
  });

  expect(Object.keys(seen).sort()).toEqual(routes.map((r) => r.name).sort());
  for (const route of routes) {
    const beyond = seen[route.name]!.filter((action) => !route.tableAccess.includes(action));
    const unused = route.tableAccess.filter((action) => !seen[route.name]!.includes(action));
    // Granted and used agree both ways: no missing permission, and none granted in vain.
    expect({ route: route.name, beyond, unused }).toEqual({ route: route.name, beyond: [], unused: [] });
    // Queries read exactly the indexes the route lists (or the base table when it lists none).
    const granted = route.tableAccess.includes('Query')
      ? route.indexes.length > 0
        ? [...route.indexes]
        : ['(table)']
      : [];
    expect({ route: route.name, indexes: [...seenIndexes[route.name]!].sort() }).toEqual({
      route: route.name,
      indexes: granted.sort(),
    });
  }
});
