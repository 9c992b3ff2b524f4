import { AppError } from '../../shared/errors';
import type { ApiRequest } from '../../shared/http/api-request';
import { requireModerator } from '../../shared/http/require-moderator';

const request = (claims: Record<string, string> | undefined): ApiRequest => ({
  requestId: 'r',
  routeKey: 'GET /v1/admin/audit',
  pathParameters: {},
  query: {},
  headers: {},
  body: undefined,
  sourceIp: '127.0.0.1',
  userAgent: '',
  claims,
});
const sub = '0f4c9a8e-1b2c-4d3e-8f9a-0123456789ab';

test('API Gateway\'s flattened group claim "[a b]", a JSON array and a single name all admit a moderator', () => {
  for (const groups of ['[readers moderators]', '["moderators"]', 'moderators']) {
    expect(requireModerator(request({ sub, 'cognito:username': 'alice', 'cognito:groups': groups })).username).toBe(
      'alice',
    );
  }
});

test('a pool that signs in with email (username = sub) records the moderator by email', () => {
  expect(
    requireModerator(
      request({
        sub,
        'cognito:username': sub,
        email: 'alice@example.org',
        email_verified: 'true',
        'cognito:groups': '[moderators]',
      }),
    ).username,
  ).toBe('alice@example.org');
});

test('a token without the moderators group is 403, no verified claims at all is 401', () => {
  const kindOf = (claims: Record<string, string> | undefined) => {
    try {
      requireModerator(request(claims));
      return 'allowed';
    } catch (error) {
      return (error as AppError).kind;
    }
  };
  expect(kindOf({ sub, 'cognito:username': 'bob', 'cognito:groups': '[readers]' })).toBe('forbidden');
  expect(kindOf({ sub, 'cognito:username': 'bob' })).toBe('forbidden');
  expect(kindOf(undefined)).toBe('unauthorized');
});

describe('the moderator is identified by sub, with a verified email beside it', () => {
  const moderators = '[moderators]';
  const kindOf = (claims: Record<string, string>) => {
    try {
      requireModerator(request(claims));
      return 'allowed';
    } catch (error) {
      return `${(error as AppError).kind}: ${(error as AppError).message}`;
    }
  };

  test('an email the pool has not verified is refused with 403 saying so', () => {
    const unverified = { sub, 'cognito:username': sub, email: 'alice@example.org', 'cognito:groups': moderators };
    expect(kindOf(unverified)).toMatch(/^forbidden: Your email address is not verified/);
    expect(kindOf({ ...unverified, email_verified: 'false' })).toMatch(
      /^forbidden: Your email address is not verified/,
    );
    expect(kindOf({ ...unverified, email_verified: 'true' })).toBe('allowed');
  });

  test('a token without an email is identified by sub and username', () => {
    expect(requireModerator(request({ sub, 'cognito:username': 'alice', 'cognito:groups': moderators }))).toEqual({
      sub,
      email: null,
      username: 'alice',
    });
  });
});
