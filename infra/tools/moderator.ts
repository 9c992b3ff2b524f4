/**
 * `npm run moderator -- add|remove|list|token ...`: manage the deployed stack's moderators in
 * Cognito and get an ID token for curl. See moderator-args.ts for where the user pool comes from.
 * Messages go to stderr; `token` prints only the token to stdout, so TOKEN=$(npm run -s moderator -- token me@example.org).
 */
import * as readline from 'node:readline';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminUserGlobalSignOutCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  ListUsersInGroupCommand,
  RespondToAuthChallengeCommand,
  UsernameExistsException,
  VerifySoftwareTokenCommand,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { MODERATORS_GROUP } from '../../shared/http/require-moderator';
import { parseInvocation, USAGE, UsageError, type Invocation } from './moderator-args';

const say = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

/** Reads a line from the terminal; hidden input for secrets. Environment variables win, for scripts. */
const ask = async (question: string, envName: string, hidden = false): Promise<string> => {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY)
    throw new UsageError(`${question.replace(/: $/, '')}: set ${envName} (no terminal to ask on)`);
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  if (hidden) {
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.startsWith(question)) process.stderr.write(question);
    };
  }
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  if (hidden) process.stderr.write('\n');
  return answer.trim();
};

const add = async (cognito: CognitoIdentityProviderClient, inv: Invocation, email: string): Promise<void> => {
  try {
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: inv.userPoolId,
        Username: email,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    );
    say(`Invited ${email}: Cognito emails a temporary password, valid 7 days.`);
  } catch (error) {
    if (!(error instanceof UsernameExistsException)) throw error;
    say(`${email} already has an account.`);
  }
  await cognito.send(
    new AdminAddUserToGroupCommand({ UserPoolId: inv.userPoolId, Username: email, GroupName: MODERATORS_GROUP }),
  );
  say(`${email} is in "${MODERATORS_GROUP}". First sign-in: npm run moderator -- token ${email}`);
};

const remove = async (cognito: CognitoIdentityProviderClient, inv: Invocation, email: string): Promise<void> => {
  await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: inv.userPoolId, Username: email }));
  await cognito.send(new AdminDeleteUserCommand({ UserPoolId: inv.userPoolId, Username: email }));
  say(`Deleted ${email}. ID tokens already issued stay valid until they expire (at most 1 hour).`);
};

const list = async (cognito: CognitoIdentityProviderClient, inv: Invocation): Promise<void> => {
  let NextToken: string | undefined;
  do {
    const page = await cognito.send(
      new ListUsersInGroupCommand({ UserPoolId: inv.userPoolId, GroupName: MODERATORS_GROUP, NextToken }),
    );
    for (const user of page.Users ?? []) {
      const email = user.Attributes?.find((a) => a.Name === 'email')?.Value ?? user.Username;
      process.stdout.write(`${email}\t${user.UserStatus ?? ''}\t${user.Enabled ? 'enabled' : 'disabled'}\n`);
    }
    NextToken = page.NextToken;
  } while (NextToken);
};

/** USER_PASSWORD_AUTH, then whatever Cognito asks: a new password (first sign-in), TOTP setup, a TOTP code. */
const token = async (cognito: CognitoIdentityProviderClient, inv: Invocation, email: string): Promise<void> => {
  const ClientId = inv.clientId!;
  let step: InitiateAuthCommandOutput = await cognito.send(
    new InitiateAuthCommand({
      ClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: await ask('Password: ', 'PARLEY_PASSWORD', true) },
    }),
  );
  for (let round = 0; !step.AuthenticationResult && round < 5; round++) {
    const { ChallengeName, Session } = step;
    const respond = (responses: Record<string, string>) =>
      cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId,
          ChallengeName,
          Session,
          ChallengeResponses: { USERNAME: email, ...responses },
        }),
      );
    if (ChallengeName === 'NEW_PASSWORD_REQUIRED') {
      say('First sign-in: choose your own password (14+ characters, upper and lower case, digit, symbol).');
      step = await respond({ NEW_PASSWORD: await ask('New password: ', 'PARLEY_NEW_PASSWORD', true) });
    } else if (ChallengeName === 'MFA_SETUP') {
      const { SecretCode, Session: setupSession } = await cognito.send(new AssociateSoftwareTokenCommand({ Session }));
      say(`Add this key to your authenticator app: ${SecretCode}`);
      say(`(or the URI otpauth://totp/Parley:${encodeURIComponent(email)}?secret=${SecretCode}&issuer=Parley)`);
      const verified = await cognito.send(
        new VerifySoftwareTokenCommand({
          Session: setupSession,
          UserCode: await ask('Code from the app: ', 'PARLEY_TOTP'),
        }),
      );
      if (verified.Status !== 'SUCCESS') throw new Error('The code was not accepted; run the command again.');
      step = await cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId,
          ChallengeName,
          Session: verified.Session,
          ChallengeResponses: { USERNAME: email },
        }),
      );
    } else if (ChallengeName === 'SOFTWARE_TOKEN_MFA') {
      step = await respond({ SOFTWARE_TOKEN_MFA_CODE: await ask('Code from the app: ', 'PARLEY_TOTP') });
    } else {
      throw new Error(`Cognito asked for ${ChallengeName ?? 'nothing'}, which this tool does not handle.`);
    }
  }
  const idToken = step.AuthenticationResult?.IdToken;
  if (!idToken) throw new Error('Signed in without an ID token.');
  say(`ID token of ${email}, valid ${Math.round((step.AuthenticationResult?.ExpiresIn ?? 3600) / 60)} minutes:`);
  process.stdout.write(`${idToken}\n`);
};

const main = async (): Promise<void> => {
  const inv = parseInvocation(process.argv.slice(2));
  const cognito = new CognitoIdentityProviderClient({ region: inv.region });
  if (inv.command === 'list') return list(cognito, inv);
  const email = inv.email!;
  if (inv.command === 'add') return add(cognito, inv, email);
  if (inv.command === 'remove') return remove(cognito, inv, email);
  return token(cognito, inv, email);
};

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    say(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    say(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    process.exitCode = 1;
  }
});
