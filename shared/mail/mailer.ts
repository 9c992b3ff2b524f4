/** The one thing the notifier needs from a mail service. */
import type { MailContent } from '../domain/notifications/mail-content';

export interface OutgoingMail extends MailContent {
  readonly to: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ readonly messageId: string | undefined }>;
}
