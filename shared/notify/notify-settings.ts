/**
 * Notification settings, read from the environment. Kept apart from shared/config.ts for now; they
 * join the other run-time settings later.
 */
export interface NotifySettings {
  /** At most one digest per moderator per this many seconds; 0: one mail per comment. */
  readonly digestSeconds: number;
  /** The From address (deployed: an address of the SES-verified `mailFrom` domain). */
  readonly mailFrom: string;
  /** Only set locally: the SES endpoint (aws-ses-v2-local). */
  readonly sesEndpoint: string | undefined;
  /** Base URL of the API, for the links in mails (action, confirm, unsubscribe, data). */
  readonly publicApiUrl: string;
  /** Confirmation mails sent in all, per clock hour and per UTC day; past that they are dropped and counted. */
  readonly confirmPerHour: number;
  readonly confirmPerDay: number;
  /** Local moderator directory: `id=address` or `address` items, comma-separated. */
  readonly moderatorEmails: string;
}

const intFrom = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`Setting ${name} must be an integer >= 0, got "${raw}"`);
  return value;
};

export const notifySettings = (env: NodeJS.ProcessEnv = process.env): NotifySettings => ({
  digestSeconds: intFrom(env, 'NOTIFY_DIGEST_SECONDS', 600),
  mailFrom: env.MAIL_FROM ?? 'Parley <comments@localhost>',
  sesEndpoint: env.SES_ENDPOINT || undefined,
  publicApiUrl: (env.PUBLIC_API_URL ?? 'http://localhost:8787').replace(/\/+$/, ''),
  confirmPerHour: intFrom(env, 'NOTIFY_CONFIRM_PER_HOUR', 50),
  confirmPerDay: intFrom(env, 'NOTIFY_CONFIRM_PER_DAY', 300),
  moderatorEmails: env.MODERATOR_EMAILS ?? '',
});

/** The paths the (future) notification routes answer; mails link to them. */
export const notifyLinks = (apiUrl: string) => ({
  action: (token: string) => `${apiUrl}/v1/notify/action?token=${encodeURIComponent(token)}`,
  confirm: (token: string) => `${apiUrl}/v1/notify/confirm?token=${encodeURIComponent(token)}`,
  unsubscribe: (token: string) => `${apiUrl}/v1/notify/unsubscribe?token=${encodeURIComponent(token)}`,
  myData: (token: string) => `${apiUrl}/v1/notify/my-data?token=${encodeURIComponent(token)}`,
});
