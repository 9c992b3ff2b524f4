/**
 * `npm run token -- alice` prints a moderator access token for the local server, signed by the
 * local OpenID provider's key with its issuer (http://127.0.0.1:OIDC_PORT), so the gateway accepts
 * it exactly as a signed-in token; `--reader` leaves out the moderators group. Only the token goes
 * to stdout, so `TOKEN=$(npm run -s token -- alice)` works. The browser console never needs one.
 */
import { MODERATORS_GROUP } from '../../shared/http/require-moderator';
import { mintLocalToken } from './oidc/mint-token';
import { localDataDir } from './paths';

const USAGE =
  'usage: npm run -s token -- <username> [--reader] [--email <local account to act as>] [--expires <seconds>]';

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  let username: string | undefined;
  let moderator = true;
  let email: string | undefined;
  let expiresInSeconds = 3600;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--reader') moderator = false;
    else if (arg === '--email') email = args[++i];
    else if (arg === '--expires') expiresInSeconds = Number(args[++i]);
    else if (arg === '--help' || arg === '-h') return void console.error(USAGE);
    else if (arg?.startsWith('-') || username !== undefined) throw new Error(`unexpected argument "${arg}"\n${USAGE}`);
    else username = arg;
  }
  if (!username) throw new Error(USAGE);
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1)
    throw new Error(`--expires takes a positive number of seconds\n${USAGE}`);

  // The issuer start.ts gives the provider: its default host and OIDC_PORT.
  const issuer = `http://127.0.0.1:${process.env.OIDC_PORT || 8788}`;
  const token = await mintLocalToken({
    dataDir: localDataDir(),
    issuer,
    username: email ?? username,
    groups: moderator ? [MODERATORS_GROUP] : [],
    expiresInSeconds,
  });
  process.stdout.write(`${token}\n`);
  console.error(
    `${moderator ? 'Moderator' : 'Reader'} token for "${username}", valid ${expiresInSeconds} s, signed with the key in ${localDataDir()}.\n` +
      `Use it as: curl -H "Authorization: Bearer $TOKEN" http://localhost:${process.env.PORT || 8787}/v1/admin/comments`,
  );
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
