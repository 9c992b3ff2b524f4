/**
 * The deployed moderator directory: the members of the user pool's moderators group, read with
 * ListUsersInGroup (the notifier's role may call it on this pool only). Only enabled users with a
 * verified email are listed: an unverified address may not be the moderator's own.
 */
import {
  CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Moderator, ModeratorDirectory } from './moderator-directory';

export interface CognitoDirectoryOptions {
  readonly userPoolId: string;
  readonly groupName: string;
  readonly client?: Pick<CognitoIdentityProviderClient, 'send'>;
}

const attribute = (user: UserType, name: string): string | undefined =>
  user.Attributes?.find((a) => a.Name === name)?.Value;

/**
 * The same id shared/http/require-moderator.ts gives the signed-in moderator (their username,
 * or their email when the username is the generated sub), so console preferences match.
 */
export const moderatorFromUser = (user: UserType): Moderator | undefined => {
  const email = attribute(user, 'email');
  if (!email || attribute(user, 'email_verified') !== 'true' || user.Enabled === false) return undefined;
  const sub = attribute(user, 'sub');
  const username = user.Username;
  return { id: username && username !== sub ? username : email, email };
};

export const cognitoModeratorDirectory = (options: CognitoDirectoryOptions): ModeratorDirectory => {
  const client =
    options.client ??
    new CognitoIdentityProviderClient({
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 1000, requestTimeout: 3000, throwOnRequestTimeout: true },
    });
  return {
    async list() {
      const moderators: Moderator[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(
          new ListUsersInGroupCommand({
            UserPoolId: options.userPoolId,
            GroupName: options.groupName,
            Limit: 60,
            NextToken: nextToken,
          }),
        );
        for (const user of page.Users ?? []) {
          const moderator = moderatorFromUser(user);
          if (moderator) moderators.push(moderator);
        }
        nextToken = page.NextToken;
      } while (nextToken);
      return moderators;
    },
  };
};
