import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DEFAULT_MODERATOR,
  addAccount,
  authenticate,
  ensureDefaultModerator,
  listAccounts,
  removeAccount,
} from '../../infra/local/oidc/accounts';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-accounts-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

test('the first start seeds alice as a moderator who signs in with the documented password', async () => {
  await ensureDefaultModerator(dataDir);
  expect(await listAccounts(dataDir)).toEqual([
    { sub: expect.stringMatching(/^[0-9a-f-]{36}$/), email: 'alice@example.org', groups: ['moderators'] },
  ]);
  await expect(authenticate(dataDir, DEFAULT_MODERATOR.email, DEFAULT_MODERATOR.password)).resolves.toMatchObject({
    email: 'alice@example.org',
  });
});

test('a removed alice is not seeded again on the next start', async () => {
  await ensureDefaultModerator(dataDir);
  expect(await removeAccount(dataDir, 'ALICE@example.org')).toBe(true);
  await ensureDefaultModerator(dataDir);
  expect(await listAccounts(dataDir)).toEqual([]);
});

test('the store keeps a scrypt hash, never the password itself', async () => {
  await addAccount(dataDir, { email: 'bob@example.org', password: 'bob-secret-pw', groups: [] });
  const stored = fs.readFileSync(path.join(dataDir, 'oidc-accounts.json'), 'utf8');
  expect(stored).not.toContain('bob-secret-pw');
  expect(stored).toMatch(/"passwordHash": "scrypt\$16384\$8\$1\$/);
});

test('adding an existing email again changes password and groups but keeps the sub', async () => {
  const first = await addAccount(dataDir, { email: 'Bob@Example.org', password: 'first-password', groups: [] });
  const second = await addAccount(dataDir, {
    email: 'bob@example.org',
    password: 'second-password',
    groups: ['moderators'],
  });
  expect(second).toEqual({ sub: first.sub, email: 'bob@example.org', groups: ['moderators'] });
  await expect(authenticate(dataDir, 'bob@example.org', 'first-password')).resolves.toBeUndefined();
  await expect(authenticate(dataDir, 'BOB@example.org', 'second-password')).resolves.toMatchObject({ sub: first.sub });
});

test('an unknown email and a wrong password are both refused', async () => {
  await ensureDefaultModerator(dataDir);
  await expect(authenticate(dataDir, 'nobody@example.org', DEFAULT_MODERATOR.password)).resolves.toBeUndefined();
  await expect(authenticate(dataDir, DEFAULT_MODERATOR.email, 'parley-locaL')).resolves.toBeUndefined();
});

test('a malformed email or a short password is refused when adding', async () => {
  await expect(addAccount(dataDir, { email: 'not-an-email', password: 'long-enough', groups: [] })).rejects.toThrow(
    /not an email/,
  );
  await expect(addAccount(dataDir, { email: 'c@example.org', password: 'short', groups: [] })).rejects.toThrow(/8/);
});
