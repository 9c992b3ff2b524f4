/**
 * The deployment's HMAC key (IP and email hashes, cursors, edit tokens).
 * Locally it is `PARLEY_SECRET`; deployed, the Secrets Manager secret named by `SECRET_ARN`,
 * fetched once per container. A failed fetch is not cached, so the next request tries again.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

let pending: Promise<string> | undefined;

const fetchSecret = async (secretArn: string): Promise<string> => {
  const client = new SecretsManagerClient({ maxAttempts: 3 });
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (!SecretString) throw new Error('The HMAC secret has no string value');
  return SecretString;
};

export async function getSecret(): Promise<string> {
  const local = process.env.PARLEY_SECRET;
  if (local) return local;
  const secretArn = process.env.SECRET_ARN;
  if (!secretArn) throw new Error('Neither PARLEY_SECRET nor SECRET_ARN is set');
  if (!pending) {
    const attempt = fetchSecret(secretArn);
    pending = attempt;
    attempt.catch(() => {
      if (pending === attempt) pending = undefined;
    });
  }
  return pending;
}

/** For tests: forget the cached secret. */
export const resetSecretCache = (): void => {
  pending = undefined;
};
