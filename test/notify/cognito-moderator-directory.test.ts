/**
 * The Cognito moderator directory over a stand-in for ListUsersInGroup that serves the pages a
 * real pool would (the SDK command's input is checked, so a wrong pool or group fails here).
 */
import { ListUsersInGroupCommand, type UserType } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoModeratorDirectory } from '../../shared/notify/cognito-moderator-directory';

const user = (username: string, attrs: Record<string, string>, enabled = true): UserType => ({
  Username: username,
  Enabled: enabled,
  Attributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
});

const pool = (pages: UserType[][]) => {
  const calls: Array<{ UserPoolId?: string; GroupName?: string; NextToken?: string }> = [];
  const client = {
    send: async (command: unknown) => {
      if (!(command instanceof ListUsersInGroupCommand)) throw new Error('unexpected command');
      calls.push(command.input);
      const index = command.input.NextToken ? Number(command.input.NextToken) : 0;
      return { Users: pages[index], NextToken: index + 1 < pages.length ? String(index + 1) : undefined };
    },
  };
  return { client: client as never, calls };
};

test('lists the verified, enabled members of the moderators group across every page', async () => {
  const { client, calls } = pool([
    [
      user('0f1e-sub', { sub: '0f1e-sub', email: 'ada@example.org', email_verified: 'true' }),
      user('bob', { sub: 'b-sub', email: 'bob@example.org', email_verified: 'true' }),
    ],
    [user('c-sub', { sub: 'c-sub', email: 'cy@example.org', email_verified: 'true' })],
  ]);
  const directory = cognitoModeratorDirectory({ userPoolId: 'eu-west-1_pool', groupName: 'moderators', client });
  expect(await directory.list()).toEqual([
    // A generated username (the sub) is not an id a moderator knows: the email is, as at sign-in.
    { id: 'ada@example.org', email: 'ada@example.org' },
    { id: 'bob', email: 'bob@example.org' },
    { id: 'cy@example.org', email: 'cy@example.org' },
  ]);
  expect(calls.map((c) => [c.UserPoolId, c.GroupName, c.NextToken])).toEqual([
    ['eu-west-1_pool', 'moderators', undefined],
    ['eu-west-1_pool', 'moderators', '1'],
  ]);
});

test('leaves out members whose email is unverified or missing, and disabled users', async () => {
  const { client } = pool([
    [
      user('u1', { sub: 's1', email: 'unverified@example.org', email_verified: 'false' }),
      user('u2', { sub: 's2' }),
      user('u3', { sub: 's3', email: 'gone@example.org', email_verified: 'true' }, false),
      user('u4', { sub: 's4', email: 'ok@example.org', email_verified: 'true' }),
    ],
  ]);
  const directory = cognitoModeratorDirectory({ userPoolId: 'p', groupName: 'moderators', client });
  expect(await directory.list()).toEqual([{ id: 'u4', email: 'ok@example.org' }]);
});
