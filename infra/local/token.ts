/**
 * `npm run token -- alice` prints a moderator ID token for the local server; `--reader` leaves out
 * the moderators group. Only the token goes to stdout, so `TOKEN=$(npm run -s token -- alice)` works.
 */
import { issueToken } from './jwt';
import { localDataDir } from './paths';

const USAGE = 'usage: npm run -s token -- <username> [--reader] [--email <address>] [--expires <seconds>]';

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

  const token = await issueToken({ username, moderator, email, expiresInSeconds });
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
