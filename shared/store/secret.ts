/**
 * The deployment's HMAC key (IP and email hashes, cursors, edit tokens).
 * Locally it is `PARLEY_SECRET`; deployed, the Secrets Manager secret named by `SECRET_ARN`,
 * fetched once per container. A failed fetch is not cached, so the next request tries again,
 * and the request that saw it is answered 503 like any other store outage.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AppError } from '../errors';

export type SecretFetcher = (secretArn: string) => Promise<string>;

const fromSecretsManager: SecretFetcher = async (secretArn) => {
  // Short timeouts, as for DynamoDB: a stalled fetch must become a prompt 503, not a Lambda timeout.
  const client = new SecretsManagerClient({
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 2000, throwOnRequestTimeout: true },
  });
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (!SecretString) throw new Error('The HMAC secret has no string value');
  return SecretString;
};

/** A getter that caches one successful fetch per process and never caches a failure. */
export const cachedSecret = (fetchSecret: SecretFetcher) => {
  let pending: Promise<string> | undefined;
  return async (): Promise<string> => {
    const local = process.env.PARLEY_SECRET;
    if (local) return local;
    const secretArn = process.env.SECRET_ARN;
    if (!secretArn) throw new Error('Neither PARLEY_SECRET nor SECRET_ARN is set');
    if (!pending) {
      const attempt = fetchSecret(secretArn).catch(() => {
        throw new AppError('unavailable', 'The service is starting up; try again shortly', undefined, 2);
      });
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = undefined;
      });
    }
    return pending;
  };
};

// Pure: bundles of functions that never read the secret drop the Secrets Manager client.
export const getSecret = /* @__PURE__ */ cachedSecret(fromSecretsManager);
