/**
 * Local users standing in for the Cognito user pool: one JSON file in the data dir, read afresh on
 * every lookup so that `npm run moderator:local` takes effect on a running server without restart.
 * Passwords are kept as scrypt hashes (node:crypto), never in clear.
 */
import { randomBytes, randomUUID, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { MODERATORS_GROUP } from '../../../shared/http/require-moderator';

const ACCOUNTS_FILE = 'oidc-accounts.json';
/** Local only: printed at start and written in the README. */
export const DEFAULT_MODERATOR = { email: 'alice@example.org', password: 'parley-local' } as const;

export interface LocalAccount {
  /** Stable UUID, as Cognito's `sub`; with email sign-in Cognito's username is this UUID too. */
  readonly sub: string;
  readonly email: string;
  readonly groups: readonly string[];
}

interface StoredAccount extends LocalAccount {
  readonly passwordHash: string;
}

interface AccountsFile {
  readonly accounts: StoredAccount[];
}

export class AccountError extends Error {
  override name = 'AccountError';
}

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

const scryptAsync = (password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password, salt, SCRYPT.keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** `scrypt$N$r$p$salt$hash`: the parameters travel with the hash so they can be raised later. */
const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
};

const passwordMatches = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, N, r, p, salt = '', hash = ''] = stored.split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), {
    N: Number(N),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};

/** Cognito matches email sign-in case-insensitively; so does the local store. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

const fileOf = (dataDir: string): string => path.resolve(dataDir, ACCOUNTS_FILE);

/** `undefined` when the store was never created (a fresh data dir). */
const readStore = async (dataDir: string): Promise<AccountsFile | undefined> => {
  try {
    return JSON.parse(await fs.readFile(fileOf(dataDir), 'utf8')) as AccountsFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/** Written aside and renamed into place, so a reader never sees half a file. */
const writeStore = async (dataDir: string, store: AccountsFile): Promise<void> => {
  const file = fileOf(dataDir);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await fs.writeFile(temp, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(temp, file);
};

const publicView = ({ sub, email, groups }: StoredAccount): LocalAccount => ({ sub, email, groups: [...groups] });

export interface AddAccountInput {
  readonly email: string;
  readonly password: string;
  readonly groups: readonly string[];
}

/** Adds a user, or for an existing email replaces password and groups while keeping its `sub`. */
export const addAccount = async (dataDir: string, input: AddAccountInput): Promise<LocalAccount> => {
  const email = normalizeEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new AccountError(`"${input.email}" is not an email address`);
  if (input.password.length < 8) throw new AccountError('the password must be at least 8 characters');
  const store = (await readStore(dataDir)) ?? { accounts: [] };
  const existing = store.accounts.find((account) => account.email === email);
  const account: StoredAccount = {
    sub: existing?.sub ?? randomUUID(),
    email,
    groups: [...new Set(input.groups)],
    passwordHash: await hashPassword(input.password),
  };
  await writeStore(dataDir, { accounts: [...store.accounts.filter((a) => a.email !== email), account] });
  return publicView(account);
};

/** Returns false when there was no such user. */
export const removeAccount = async (dataDir: string, email: string): Promise<boolean> => {
  const store = await readStore(dataDir);
  const wanted = normalizeEmail(email);
  if (!store?.accounts.some((account) => account.email === wanted)) return false;
  await writeStore(dataDir, { accounts: store.accounts.filter((account) => account.email !== wanted) });
  return true;
};

export const listAccounts = async (dataDir: string): Promise<LocalAccount[]> =>
  ((await readStore(dataDir))?.accounts ?? []).map(publicView);

export const findAccountBySub = async (dataDir: string, sub: string): Promise<LocalAccount | undefined> => {
  const found = (await readStore(dataDir))?.accounts.find((account) => account.sub === sub);
  return found && publicView(found);
};

export const findAccountByEmail = async (dataDir: string, email: string): Promise<LocalAccount | undefined> => {
  const wanted = normalizeEmail(email);
  const found = (await readStore(dataDir))?.accounts.find((account) => account.email === wanted);
  return found && publicView(found);
};

// Hashed against for unknown emails, so a wrong email costs as much time as a wrong password.
const DECOY_HASH = hashPassword(randomUUID());

/** The account whose email and password these are, or undefined. */
export const authenticate = async (
  dataDir: string,
  email: string,
  password: string,
): Promise<LocalAccount | undefined> => {
  const wanted = normalizeEmail(email);
  const found = (await readStore(dataDir))?.accounts.find((account) => account.email === wanted);
  const matches = await passwordMatches(password, found?.passwordHash ?? (await DECOY_HASH));
  return found && matches ? publicView(found) : undefined;
};

/**
 * Seeds alice@example.org / parley-local as a moderator when the store does not exist yet (first
 * start). A store that exists is left alone, so removing alice sticks across restarts.
 */
export const ensureDefaultModerator = async (dataDir: string): Promise<LocalAccount | undefined> => {
  if (await readStore(dataDir)) return undefined;
  return addAccount(dataDir, { ...DEFAULT_MODERATOR, groups: [MODERATORS_GROUP] });
};
