/**
 * `npm run oidc:local` runs the local OpenID provider on its own, until `npm start` starts it
 * (these lines are what start.ts will call). Ctrl-C stops it.
 */
import { localDataDir } from '../paths';
import { DEFAULT_MODERATOR, ensureDefaultModerator } from './accounts';
import { startOidcProvider } from './provider';

const main = async (): Promise<void> => {
  const dataDir = localDataDir();
  await ensureDefaultModerator(dataDir);
  const apiPort = Number(process.env.PORT || 8787);
  const op = await startOidcProvider({
    port: Number(process.env.OIDC_PORT || 8788),
    dataDir,
    consoleRedirectUris: [`http://localhost:${apiPort}/admin/`, `http://127.0.0.1:${apiPort}/admin/`],
  });
  console.log(`Local OpenID provider: ${op.issuer} (client id ${op.clientId}, JWKS ${op.jwksUri})`);
  console.log(`Local moderator (local only): ${DEFAULT_MODERATOR.email} / ${DEFAULT_MODERATOR.password}`);
  const stop = (): void => void op.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
