/**
 * The webhook settings of the notifier, read from its environment (the stack sets them only on
 * the notifier): WEBHOOK_URL, WEBHOOK_FORMAT, and the signing secret, either WEBHOOK_SECRET
 * (locally) or the Secrets Manager secret named by WEBHOOK_SECRET_ARN (deployed).
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { WebhookFormat } from './webhook-sender';

export interface WebhookConfig {
  readonly url: string;
  readonly format: WebhookFormat;
  readonly secret: () => Promise<string>;
}

const FORMATS: readonly WebhookFormat[] = ['standard', 'slack', 'discord'];

/** Caches one successful fetch per container; a failure is not cached, so the retried batch fetches again. */
const secretFromArn = (secretArn: string): (() => Promise<string>) => {
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= (async () => {
      const client = new SecretsManagerClient({
        maxAttempts: 3,
        requestHandler: { connectionTimeout: 1000, requestTimeout: 2000, throwOnRequestTimeout: true },
      });
      const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
      if (!SecretString) throw new Error('The webhook secret has no string value');
      return SecretString;
    })().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
};

/** Undefined when no webhook is configured. */
export const webhookConfig = (env: NodeJS.ProcessEnv = process.env): WebhookConfig | undefined => {
  const url = env.WEBHOOK_URL;
  if (!url) return undefined;
  const format = (env.WEBHOOK_FORMAT || 'standard') as WebhookFormat;
  if (!FORMATS.includes(format))
    throw new Error(`Setting WEBHOOK_FORMAT must be ${FORMATS.join(', ')}, got "${format}"`);
  const local = env.WEBHOOK_SECRET;
  const arn = env.WEBHOOK_SECRET_ARN;
  if (!local && !arn) throw new Error('WEBHOOK_URL is set but neither WEBHOOK_SECRET nor WEBHOOK_SECRET_ARN is');
  return { url, format, secret: local ? async () => local : secretFromArn(arn as string) };
};
