/** getSecret(): PARLEY_SECRET locally; deployed, one Secrets Manager read per container, retried after a failure. */
const send = jest.fn();
// doMock + require: the esbuild transform does not hoist jest.mock above imports.
jest.doMock('@aws-sdk/client-secrets-manager', () => ({
  SecretsManagerClient: jest.fn(() => ({ send })),
  GetSecretValueCommand: jest.fn((input: unknown) => ({ input })),
}));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getSecret, resetSecretCache } = require('../shared/store/secret') as typeof import('../shared/store/secret');

const saved = { ...process.env };
beforeEach(() => {
  resetSecretCache();
  send.mockReset();
  delete process.env.PARLEY_SECRET;
  process.env.SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:parley-AbCdEf';
});
afterAll(() => {
  process.env = saved;
});

test('PARLEY_SECRET is used as is, without calling Secrets Manager', async () => {
  process.env.PARLEY_SECRET = 'local-secret';
  await expect(getSecret()).resolves.toBe('local-secret');
  expect(send).not.toHaveBeenCalled();
});

test('the secret named by SECRET_ARN is read once and then served from the cache', async () => {
  send.mockResolvedValue({ SecretString: 'deployed-secret' });
  const results = await Promise.all([getSecret(), getSecret(), getSecret()]);
  expect(results).toEqual(['deployed-secret', 'deployed-secret', 'deployed-secret']);
  await expect(getSecret()).resolves.toBe('deployed-secret');
  expect(send).toHaveBeenCalledTimes(1);
  expect(send.mock.calls[0][0].input).toEqual({ SecretId: process.env.SECRET_ARN });
});

test('a failed read is not cached: the next call tries again', async () => {
  send.mockRejectedValueOnce(new Error('throttled')).mockResolvedValueOnce({ SecretString: 'second-try' });
  await expect(getSecret()).rejects.toThrow('throttled');
  await expect(getSecret()).resolves.toBe('second-try');
  expect(send).toHaveBeenCalledTimes(2);
});

test('without PARLEY_SECRET and SECRET_ARN it fails clearly', async () => {
  delete process.env.SECRET_ARN;
  await expect(getSecret()).rejects.toThrow('Neither PARLEY_SECRET nor SECRET_ARN is set');
});
