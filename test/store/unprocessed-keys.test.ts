import { postApproved } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';
import { db } from '../../shared/store/client';

/**
 * DynamoDB may answer a BatchGetItem with part of the keys left in UnprocessedKeys (throttling, a
 * 16 MB answer). Middleware on the handlers' own client moves one found item of the first answer
 * into UnprocessedKeys, as DynamoDB would; the store must ask again and answer in full.
 */
let api: TestApi;
let batchCalls = 0;
let holdBack = false;
const MIDDLEWARE = 'holdBackOneKey';

beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000' } });
  db().middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName !== 'BatchGetItemCommand') return result;
      batchCalls++;
      const output = result.output as {
        Responses?: Record<string, Record<string, unknown>[]>;
        UnprocessedKeys?: Record<string, { Keys: unknown[] }>;
      };
      const [table, items] = Object.entries(output.Responses ?? {})[0] ?? [];
      if (holdBack && table && items && items.length > 1) {
        holdBack = false;
        const held = items.pop()!;
        // UnprocessedKeys carries the requested key itself (the answer may not project the sort key).
        const requested = (args.input as { RequestItems: Record<string, { Keys: { pk: string }[] }> }).RequestItems[
          table
        ]!.Keys;
        output.UnprocessedKeys = { [table]: { Keys: requested.filter((key) => key.pk === held.pk) } };
      }
      return result;
    },
    { step: 'initialize', name: MIDDLEWARE },
  );
});
afterAll(async () => {
  db().middlewareStack.remove(MIDDLEWARE);
  await api.close();
});

test('counts stay exact when DynamoDB leaves keys unprocessed: the store asks again for them', async () => {
  await postApproved(api, { post: 'unprocessed/a' });
  await postApproved(api, { post: 'unprocessed/b' });
  await postApproved(api, { post: 'unprocessed/b' });
  batchCalls = 0;
  holdBack = true;
  const response = await api.request('GET', '/v1/counts?post=unprocessed/a&post=unprocessed/b&post=unprocessed/none');
  expect(response.status).toBe(200);
  expect(response.json.counts).toEqual({ 'unprocessed/a': 1, 'unprocessed/b': 2, 'unprocessed/none': 0 });
  expect(batchCalls).toBe(2);
});
