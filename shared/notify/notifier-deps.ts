/** What the notifier's use cases need from outside: mail, the moderators, settings, the secret, a clock. */
import type { Mailer } from '../mail/mailer';
import type { ModeratorDirectory } from './moderator-directory';
import type { Config } from '../config';

/** The run-time settings the notifier reads (rows of shared/settings/). */
export type NotifySettings = Pick<
  Config,
  | 'notifyDigestSeconds'
  | 'mailFrom'
  | 'sesEndpoint'
  | 'publicApiUrl'
  | 'notifyConfirmPerHour'
  | 'notifyConfirmPerDay'
  | 'moderatorEmails'
  | 'rateLimitMax'
  | 'rateLimitWindowSeconds'
>;
import type { WebhookSender } from './webhook-sender';

export interface NotifierDeps {
  readonly mailer: Mailer;
  readonly moderators: ModeratorDirectory;
  readonly settings: NotifySettings;
  readonly siteTitle: string;
  readonly siteUrl: string;
  readonly secret: () => Promise<string>;
  readonly now: () => Date;
  /** Present when a webhook URL is configured. */
  readonly webhook?: WebhookSender;
  /** Never given an address or an IP hash: only ids and counts. */
  readonly log: (line: string) => void;
}

export const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);
