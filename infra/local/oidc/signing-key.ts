/**
 * The local OpenID provider's one signing key, kept in the data dir as a private JWK so that tokens
 * (and the JWKS a verifier cached) stay valid across restarts. `mintLocalToken` signs with it too,
 * so scripted tokens and signed-in tokens verify through the same JWKS.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export const SIGNING_ALG = 'RS256';
const KEY_FILE = 'oidc-signing-key.json';

/** A private RSA JWK with `kid`, `alg` and `use`, the shape oidc-provider's `jwks` option takes. */
export type PrivateSigningJwk = JWK & { kid: string; alg: typeof SIGNING_ALG; use: 'sig' };

const createKeyFile = async (file: string): Promise<void> => {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true, modulusLength: 2048 });
  const jwk: PrivateSigningJwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: SIGNING_ALG, use: 'sig' };
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written aside, then hard-linked into place: link fails if another process (the CLI, a second
  // server) won the race, and then that process's key is the one everybody uses.
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await fs.writeFile(temp, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' });
  try {
    await fs.link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.unlink(temp);
  }
};

/** Loads the key from `dataDir`, creating it on first use. */
export const loadSigningKey = async (dataDir: string): Promise<PrivateSigningJwk> => {
  const file = path.resolve(dataDir, KEY_FILE);
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as PrivateSigningJwk;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await createKeyFile(file);
  return JSON.parse(await fs.readFile(file, 'utf8')) as PrivateSigningJwk;
};

/** The public half, as published in the JWKS. */
export const publicJwkOf = (jwk: PrivateSigningJwk): JWK => {
  const { kid, alg, use, kty, n, e } = jwk;
  return { kid, alg, use, kty, n, e };
};
