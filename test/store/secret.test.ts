import { AppError } from '../../shared/errors';
import { cachedSecret } from '../../shared/store/secret';

/** The caching rules of the HMAC secret, with a plain function standing in for the Secrets Manager read. */
const saved = { ...process.env };
beforeEach(() => {
  delete process.env.PARLEY_SECRET;
  process.env.SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:parley-AbCdEf';
});
afterAll(() => {
  process.env = saved;
});

const counting = (answers: (() => Promise<string>)[]) => {
  const calls: string[] = [];
  const fetcher = (arn: string) => {
    calls.push(arn);
    return answers[calls.length - 1]!();
  };
  return { calls, getSecret: cachedSecret(fetcher) };
};

test('PARLEY_SECRET is used as is, without fetching', async () => {
  process.env.PARLEY_SECRET = 'local-secret';
  const { calls, getSecret } = counting([]);
  await expect(getSecret()).resolves.toBe('local-secret');
  expect(calls).toEqual([]);
});

test('the secret named by SECRET_ARN is fetched once and then served from the cache', async () => {
  const { calls, getSecret } = counting([async () => 'deployed-secret']);
  expect(await Promise.all([getSecret(), getSecret(), getSecret()])).toEqual([
    'deployed-secret',
    'deployed-secret',
    'deployed-secret',
  ]);
  await expect(getSecret()).resolves.toBe('deployed-secret');
  expect(calls).toEqual([process.env.SECRET_ARN]);
});

test('a failed fetch answers 503 unavailable and is not cached: the next call tries again', async () => {
  const { calls, getSecret } = counting([async () => Promise.reject(new Error('throttled')), async () => 'second-try']);
  const failure = await getSecret().catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(AppError);
  expect((failure as AppError).kind).toBe('unavailable');
  await expect(getSecret()).resolves.toBe('second-try');
  expect(calls).toHaveLength(2);
});

test('without PARLEY_SECRET and SECRET_ARN it fails clearly', async () => {
  delete process.env.SECRET_ARN;
  await expect(counting([]).getSecret()).rejects.toThrow('Neither PARLEY_SECRET nor SECRET_ARN is set');
});
