/** The notifier's dependencies from the environment, as the Lambda functions use them. */
import { config } from '../config';
import { sesMailer } from '../mail/ses-mailer';
import { getSecret } from '../store/secret';
import { listModeratorDirectory } from './moderator-directory';
import type { NotifierDeps } from './notifier-deps';

export const defaultNotifierDeps = (): NotifierDeps => {
  const settings = config();
  const { siteTitle, siteUrl } = settings;
  return {
    mailer: sesMailer({ from: settings.mailFrom, endpoint: settings.sesEndpoint }),
    // Deployed: Cognito's moderators group, once wired; until then MODERATOR_EMAILS.
    moderators: listModeratorDirectory(settings.moderatorEmails),
    settings,
    siteTitle,
    siteUrl,
    secret: getSecret,
    now: () => new Date(),
    log: (line) => console.log(line),
  };
};
