/**
 * The Mailer over SES v2. `Content.Simple` with its `Headers` list carries List-Unsubscribe
 * (RFC 8058); the same call goes to aws-ses-v2-local when an endpoint is given.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from './mailer';

export interface SesMailerOptions {
  readonly from: string;
  readonly endpoint?: string;
  /** SDK attempts per send (retries with backoff absorb throttling). */
  readonly maxAttempts?: number;
  readonly configurationSetName?: string;
}

export const sesMailer = (options: SesMailerOptions): Mailer => {
  const client = new SESv2Client({
    endpoint: options.endpoint,
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 5000, throwOnRequestTimeout: true },
  });
  return {
    async send(mail) {
      const result = await client.send(
        new SendEmailCommand({
          FromEmailAddress: options.from,
          Destination: { ToAddresses: [mail.to] },
          ConfigurationSetName: options.configurationSetName,
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
              Headers:
                mail.headers.length > 0 ? mail.headers.map((h) => ({ Name: h.name, Value: h.value })) : undefined,
            },
          },
        }),
      );
      return { messageId: result.MessageId };
    },
  };
};
