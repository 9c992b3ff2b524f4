/** Argument parsing of `npm run moderator` (the AWS calls themselves need a deployed stack). */
import { outputsFrom, parseInvocation, UsageError } from '../../infra/tools/moderator-args';

const noFile = () => undefined;
const outputs = JSON.stringify({
  Parley: {
    ApiUrl: 'https://x.execute-api.eu-west-1.amazonaws.com/',
    UserPoolId: 'eu-west-1_Out',
    UserPoolClientId: 'client-out',
    Region: 'eu-west-1',
  },
});

test('add takes the email (lower-cased) and the user pool from --user-pool-id, the region from the pool id', () => {
  expect(parseInvocation(['add', 'Alice@Example.org', '--user-pool-id', 'eu-central-1_Abc'], {}, noFile)).toEqual({
    command: 'add',
    email: 'alice@example.org',
    userPoolId: 'eu-central-1_Abc',
    clientId: undefined,
    region: 'eu-central-1',
  });
});

test('flags win over the environment, which wins over the cdk outputs file', () => {
  const env = { PARLEY_USER_POOL_ID: 'us-east-1_Env', PARLEY_CLIENT_ID: 'client-env' };
  expect(
    parseInvocation(['token', 'a@example.org', '--user-pool-id=us-east-1_Flag'], env, () => outputs),
  ).toMatchObject({ userPoolId: 'us-east-1_Flag', clientId: 'client-env', region: 'eu-west-1' });
  expect(parseInvocation(['list'], {}, () => outputs)).toMatchObject({
    command: 'list',
    userPoolId: 'eu-west-1_Out',
    clientId: 'client-out',
  });
});

test('--outputs reads the named cdk deploy outputs file', () => {
  const files: Record<string, string> = { 'out.json': outputs };
  expect(parseInvocation(['remove', 'b@example.org', '--outputs', 'out.json'], {}, (f) => files[f])).toMatchObject({
    userPoolId: 'eu-west-1_Out',
  });
  expect(() => parseInvocation(['list', '--outputs', 'missing.json'], {}, (f) => files[f])).toThrow(UsageError);
});

test('mistakes are usage errors: unknown command, missing or bad email, no user pool, token without client', () => {
  const env = { PARLEY_USER_POOL_ID: 'us-east-1_X' };
  expect(() => parseInvocation([], env, noFile)).toThrow(UsageError);
  expect(() => parseInvocation(['promote', 'a@example.org'], env, noFile)).toThrow('Unknown command');
  expect(() => parseInvocation(['add'], env, noFile)).toThrow('needs an email');
  expect(() => parseInvocation(['add', 'not-an-email'], env, noFile)).toThrow('needs an email');
  expect(() => parseInvocation(['add', 'a@example.org', '--colour', 'red'], env, noFile)).toThrow('Unknown option');
  expect(() => parseInvocation(['list'], {}, noFile)).toThrow('No user pool');
  expect(() => parseInvocation(['token', 'a@example.org'], env, noFile)).toThrow('needs the app client');
});

test('the outputs file may hold several stacks: the one with a UserPoolId is used', () => {
  expect(outputsFrom(JSON.stringify({ Other: { Url: 'x' }, Parley: { UserPoolId: 'p' } }))).toEqual({
    UserPoolId: 'p',
  });
});
