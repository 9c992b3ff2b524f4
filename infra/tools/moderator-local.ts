/**
 * `npm run moderator:local -- add|remove|list [EMAIL] [--password P] [--reader]`: manage the local
 * OpenID provider's users, the stand-in for `npm run moderator` against Cognito. Changes apply to
 * a running `npm start` at once (the store is read on every sign-in and refresh).
 * `--reader` adds a user outside the moderators group, to see what a non-moderator gets.
 */
import { localDataDir } from '../local/paths';
import { AccountError, addAccount, ensureDefaultModerator, listAccounts, removeAccount } from '../local/oidc/accounts';
import { MODERATORS_GROUP } from '../../shared/http/require-moderator';

const USAGE = 'usage: npm run moderator:local -- add EMAIL [--password P] [--reader] | remove EMAIL | list';
/** A password nobody has to think about locally; printed, since this store is for local use only. */
const DEFAULT_PASSWORD = 'parley-local';

const main = async (): Promise<void> => {
  const [command, ...rest] = process.argv.slice(2);
  let email: string | undefined;
  let password = DEFAULT_PASSWORD;
  let reader = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--password') password = rest[++i] ?? '';
    else if (arg === '--reader') reader = true;
    else if (arg?.startsWith('-') || email !== undefined)
      throw new AccountError(`unexpected argument "${arg}"\n${USAGE}`);
    else email = arg;
  }
  const dataDir = localDataDir();
  // Seeded here too, so that adding a user before the first `npm start` does not lose alice.
  await ensureDefaultModerator(dataDir);
  if (command === 'list') {
    for (const account of await listAccounts(dataDir))
      console.log(`${account.email}\t${account.groups.join(',') || '(no group)'}\t${account.sub}`);
    return;
  }
  if (!email) throw new AccountError(USAGE);
  if (command === 'add') {
    const account = await addAccount(dataDir, { email, password, groups: reader ? [] : [MODERATORS_GROUP] });
    console.log(
      `${account.email} can sign in locally with password "${password}" as ${reader ? 'a reader' : 'a moderator'}.`,
    );
  } else if (command === 'remove') {
    if (!(await removeAccount(dataDir, email))) throw new AccountError(`no local user ${email}`);
    console.log(`${email} removed; their refresh tokens stop working.`);
  } else throw new AccountError(USAGE);
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
