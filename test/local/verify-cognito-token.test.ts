/** verifyCognitoToken against tokens of a running local provider, and the forgeries the authorizer must refuse. */
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT, generateKeyPair, importJWK } from 'jose';
import { DEFAULT_MODERATOR } from '../../infra/local/oidc/accounts';
import { mintLocalToken } from '../../infra/local/oidc/mint-token';
import { type RunningOidcProvider } from '../../infra/local/oidc/provider';
import { verifyCognitoToken } from '../../infra/local/oidc/verify-token';
import { decodeJwt, signIn, READER, useLocalProvider } from '../support/oidc-client';

const local = useLocalProvider();
let dataDir: string;
let op: RunningOidcProvider;
let verifyOptions: ReturnType<typeof local>['verifyOptions'];
beforeAll(() => {
  ({ dataDir, op, verifyOptions } = local());
});

describe('verifyCognitoToken refuses what the JWT authorizer refuses', () => {
  const mint = (overrides: Partial<Parameters<typeof mintLocalToken>[0]> = {}) =>
    mintLocalToken({ dataDir, issuer: op.issuer, username: 'carol', groups: ['moderators'], ...overrides });

  test('a minted token from the provider key is accepted with its groups', async () => {
    await expect(verifyCognitoToken(await mint(), verifyOptions())).resolves.toMatchObject({
      token_use: 'access',
      client_id: op.clientId,
      'cognito:groups': ['moderators'],
    });
  });

  test('a token minted for a local user carries that user’s sub', async () => {
    const { tokens } = await signIn(op, READER.email, READER.password);
    const minted = decodeJwt(await mint({ username: READER.email, groups: [] }));
    expect(minted.sub).toBe(decodeJwt(tokens.id_token).sub);
  });

  test('a token signed by another key is refused', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const kid = ((await (await fetch(op.jwksUri)).json()) as { keys: { kid: string }[] }).keys[0]?.kid;
    const forged = await new SignJWT({ ...decodeJwt(await mint()) })
      .setProtectedHeader({ alg: 'RS256', kid })
      .sign(privateKey);
    await expect(verifyCognitoToken(forged, verifyOptions())).rejects.toThrow(/signature/);
  });

  test('a token from another issuer is refused', async () => {
    await expect(
      verifyCognitoToken(await mint({ issuer: 'https://elsewhere.example' }), verifyOptions()),
    ).rejects.toThrow(/"iss"/);
  });

  test('an access token for another client is refused', async () => {
    await expect(verifyCognitoToken(await mint({ clientId: 'someone-else' }), verifyOptions())).rejects.toThrow(
      /client_id/,
    );
  });

  test('an ID token for another audience is refused', async () => {
    const { tokens } = await signIn(op, DEFAULT_MODERATOR.email, DEFAULT_MODERATOR.password);
    await expect(
      verifyCognitoToken(tokens.id_token, { ...verifyOptions(), audience: ['another-client'] }),
    ).rejects.toThrow(/"aud"/);
  });

  test('a token whose token_use is neither id nor access is refused', async () => {
    const jwk = JSON.parse(fs.readFileSync(path.join(dataDir, 'oidc-signing-key.json'), 'utf8'));
    const refreshLike = await new SignJWT({ ...decodeJwt(await mint()), token_use: 'refresh' })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
      .sign(await importJWK(jwk, 'RS256'));
    await expect(verifyCognitoToken(refreshLike, verifyOptions())).rejects.toThrow(/token_use/);
  });

  test('an expired token is refused', async () => {
    await expect(verifyCognitoToken(await mint({ expiresInSeconds: -60 }), verifyOptions())).rejects.toThrow(/"exp"/);
  });
});
