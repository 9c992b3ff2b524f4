/** The notifier's dependencies from the environment, as the Lambda functions use them. */
import { config } from '../config';
import { sesMailer } from '../mail/ses-mailer';
import { getSecret } from '../store/secret';
import { MODERATORS_GROUP } from '../http/require-moderator';
import { cognitoModeratorDirectory } from './cognito-moderator-directory';
import { listModeratorDirectory, type ModeratorDirectory } from './moderator-directory';
import type { NotifierDeps } from './notifier-deps';
import { webhookConfig } from './webhook-config';
import { webhookSender } from './webhook-sender';

/** Deployed, Cognito's moderators group (USER_POOL_ID is set on the notifier); locally MODERATOR_EMAILS. */
const moderatorDirectory = (moderatorEmails: string, env = process.env): ModeratorDirectory =>
  env.USER_POOL_ID
    ? cognitoModeratorDirectory({ userPoolId: env.USER_POOL_ID, groupName: MODERATORS_GROUP })
    : listModeratorDirectory(moderatorEmails);

export const defaultNotifierDeps = (): NotifierDeps => {
  const settings = config();
  const { siteTitle, siteUrl } = settings;
  const webhook = webhookConfig();
  return {
    mailer: sesMailer({
      from: settings.mailFrom,
      endpoint: settings.sesEndpoint,
      // Deployed, the configuration set routes bounces and complaints to functions/ses-events.ts.
      configurationSetName: process.env.SES_CONFIGURATION_SET || undefined,
    }),
    moderators: moderatorDirectory(settings.moderatorEmails),
    settings,
    siteTitle,
    siteUrl,
    secret: getSecret,
    now: () => new Date(),
    log: (line) => console.log(line),
    webhook: webhook && webhookSender({ ...webhook, siteUrl }),
  };
};
