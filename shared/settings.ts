/**
 * Every Parley setting, declared once. From this table come the functions' run-time parsing
 * (shared/config.ts), the CDK context parsing and the functions' environment map
 * (infra/cdk/settings.ts), and, through `npm run settings:docs`, the README's settings tables and
 * cdk.json's context defaults (test/settings/settings-docs.test.ts fails when those are stale).
 *
 * `runtime` settings are the functions' own: an environment variable on every function and in
 * `npm start`. `deploy` settings only shape the stack (a few are also passed to the functions
 * for the record, like LOG_LEVEL, which Lambda's log format reads, not Parley).
 */
import {
  bool,
  choice,
  int,
  intOneOf,
  list,
  optionalHttpsUrl,
  optionalMailbox,
  optionalText,
  origins,
  regex,
  text,
  type Kind,
} from './setting-kinds';

export type ModerationPolicy = 'pre' | 'trusted' | 'post';
export type BlockedPosts = 'hold' | 'refuse';

export interface Setting<T = unknown, C = T> {
  readonly scope: 'runtime' | 'deploy';
  /** The environment variable the functions read. */
  readonly env?: string;
  /** The `cdk.json` / `-c key=value` key; none when the stack decides the value itself (TABLE_NAME). */
  readonly context?: string;
  /** The value in cdk.json, and at run time when the variable is unset unless `runtimeDefault` says otherwise. */
  readonly default: string | number | boolean;
  /** Run time, variable unset, when that differs from "the deployment's default". */
  readonly runtimeDefault?: T;
  readonly kind: Kind<T>;
  /** Stricter or differently shaped parsing of the context value (origins are validated at synth). */
  readonly contextKind?: Kind<C>;
  /** The functions get no variable for an empty value, so their own `runtimeDefault` applies. */
  readonly omitWhenEmpty?: boolean;
  /** One line for the README tables. */
  readonly doc: string;
  /** How the README shows the default, where the literal value says too little. */
  readonly defaultDoc?: string;
  /** The same for the CDK context table, where it differs from the run-time one. */
  readonly contextDefaultDoc?: string;
}

const setting = <T, C = T>(row: Setting<T, C>): Setting<T, C> => row;

const DEFAULT_BLOCKED_WORDS = ['viagra', 'cialis', 'casino bonus', 'payday loan', 'crypto giveaway', 'replica watches'];
/** Retention values CloudWatch Logs accepts. */
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const;

/** The functions' settings; each key is a field of `Config`. */
export const RUNTIME_SETTINGS = {
  tableName: setting({
    scope: 'runtime',
    env: 'TABLE_NAME',
    default: 'parley',
    kind: text,
    doc: 'The DynamoDB table. Deployed, the stack sets it to the table it created or was given (`existingTableName`).',
  }),
  dynamoEndpoint: setting({
    scope: 'runtime',
    env: 'DYNAMODB_ENDPOINT',
    default: '',
    kind: optionalText,
    doc: "Only set locally: DynamoDB Local's URL. Deployed, the SDK's regional endpoint is used.",
    defaultDoc: '*(none)*',
  }),
  storeTimeoutMillis: setting({
    scope: 'runtime',
    env: 'STORE_TIMEOUT_MS',
    context: 'storeTimeoutMillis',
    default: 1200,
    kind: int(100),
    doc: 'How long one DynamoDB request may take before the caller gets a prompt 503 instead of a hanging request.',
  }),
  allowedOrigins: setting({
    scope: 'runtime',
    env: 'ALLOWED_ORIGINS',
    context: 'allowedOrigins',
    default: '',
    kind: list(),
    contextKind: origins,
    doc: 'Comma-separated origins of your blog, e.g. `https://blog.example.org,https://www.example.org`: `https://`, no path, no trailing slash, no wildcard (`http://localhost:PORT` is accepted for testing). Browsers on any other origin are refused by CORS. **Set it** when deploying: with none, no browser can use the API.',
    defaultDoc: '*(empty)*; `npm start`: its own origin',
    contextDefaultDoc: '*(empty)*',
  }),
  moderation: setting<ModerationPolicy>({
    scope: 'runtime',
    env: 'MODERATION',
    context: 'moderation',
    default: 'pre',
    kind: choice<ModerationPolicy>(['pre', 'trusted', 'post'], 'pre, trusted or post'),
    doc: '`pre` holds every comment for a moderator; `trusted` publishes authors who already have an approved comment; `post` publishes everything (spam signals still hold).',
  }),
  blockedPosts: setting<BlockedPosts>({
    scope: 'runtime',
    env: 'BLOCKED_POSTS',
    context: 'blockedPosts',
    default: 'hold',
    kind: choice<BlockedPosts>(['hold', 'refuse'], 'hold or refuse'),
    doc: 'What happens to a comment from an author or client a moderator blocked: `hold` accepts it as usual but keeps it pending for a moderator (the sender is not told); `refuse` answers 403 `forbidden`.',
  }),
  editWindowSeconds: setting({
    scope: 'runtime',
    env: 'EDIT_WINDOW_SECONDS',
    context: 'editWindowSeconds',
    default: 900,
    kind: int(1),
    doc: 'How long an author may edit or delete their comment.',
  }),
  rateLimitMax: setting({
    scope: 'runtime',
    env: 'RATE_LIMIT_MAX',
    context: 'rateLimitMax',
    default: 10,
    kind: int(1),
    doc: 'Writes (post, edit, delete, react) one client may make per window.',
  }),
  reactions: setting({
    scope: 'runtime',
    env: 'REACTIONS',
    context: 'reactions',
    default: true,
    kind: bool,
    doc: 'Readers may react to approved comments (like, love, laugh, insightful); `false` turns reactions off site-wide. A moderator may also turn them off per post.',
  }),
  rateLimitWindowSeconds: setting({
    scope: 'runtime',
    env: 'RATE_LIMIT_WINDOW_SECONDS',
    context: 'rateLimitWindowSeconds',
    default: 60,
    kind: int(1),
    doc: 'The rate-limit window.',
  }),
  maxLinks: setting({
    scope: 'runtime',
    env: 'MAX_LINKS',
    context: 'maxLinks',
    default: 3,
    kind: int(0),
    doc: 'A comment with more links is held for a moderator.',
  }),
  blockedWords: setting<readonly string[], string>({
    scope: 'runtime',
    env: 'BLOCKED_WORDS',
    context: 'blockedWords',
    default: '',
    runtimeDefault: DEFAULT_BLOCKED_WORDS,
    kind: list({ lowerCase: true }),
    // Passed through as written: the functions parse it, and an empty value keeps their built-in list.
    contextKind: text,
    omitWhenEmpty: true,
    doc: 'Comma-separated words that mark a comment as spam (any letter case).',
    defaultDoc: `*(the built-in list: ${DEFAULT_BLOCKED_WORDS.join(', ')})*`,
  }),
  minSubmitMillis: setting({
    scope: 'runtime',
    env: 'MIN_SUBMIT_MILLIS',
    context: 'minSubmitMillis',
    default: 3000,
    kind: int(0),
    doc: "A form sent faster than this (the widget's `elapsedMs`) is held.",
  }),
  ownerName: setting({
    scope: 'runtime',
    env: 'OWNER_NAME',
    context: 'ownerName',
    default: 'The author',
    kind: text,
    doc: "The name moderators' replies from the console carry, with a Moderator badge; an anonymous comment using it is held (`impersonation`).",
  }),
  duplicateWindowSeconds: setting({
    scope: 'runtime',
    env: 'DUPLICATE_WINDOW_SECONDS',
    context: 'duplicateWindowSeconds',
    default: 86400,
    kind: int(1),
    doc: "How long a comment's text counts as recent: a duplicate within it is held.",
  }),
  siteTitle: setting({
    scope: 'runtime',
    env: 'SITE_TITLE',
    context: 'siteTitle',
    default: 'Comments',
    kind: text,
    doc: 'Title of the Atom feeds.',
  }),
  siteUrl: setting({
    scope: 'runtime',
    env: 'SITE_URL',
    context: 'siteUrl',
    default: '',
    runtimeDefault: 'http://localhost:8787/',
    kind: text,
    omitWhenEmpty: true,
    doc: 'Public URL of the blog, for feed links when a post has no URL of its own.',
    defaultDoc: '`http://localhost:8787/`; deployed: first allowed origin + `/`; `npm start`: its own origin + `/`',
    contextDefaultDoc: 'first allowed origin + `/`',
  }),
  postIdPattern: setting({
    scope: 'runtime',
    env: 'POST_ID_PATTERN',
    context: 'postIdPattern',
    default: '',
    kind: regex,
    doc: 'A regular expression (JavaScript syntax) the whole post id must match, e.g. `20\\d\\d/\\d\\d/[a-z0-9-]+`: a comment on any other id is refused with 404 `post_not_found`, so nobody can invent posts.',
    defaultDoc: '*(none: any valid id)*',
  }),
  pendingRetentionDays: setting({
    scope: 'runtime',
    env: 'PENDING_RETENTION_DAYS',
    context: 'pendingRetentionDays',
    default: 90,
    kind: int(1),
    doc: 'A comment left pending or spam (never approved) this long is deleted by DynamoDB TTL; approving it first keeps it.',
  }),
  notifyDigestSeconds: setting({
    scope: 'runtime',
    env: 'NOTIFY_DIGEST_SECONDS',
    context: 'notifyDigestSeconds',
    default: 600,
    kind: int(0),
    doc: 'At most one digest mail per moderator per this many seconds; `0` sends one mail per waiting comment at once.',
  }),
  mailFrom: setting({
    scope: 'runtime',
    env: 'MAIL_FROM',
    default: '',
    runtimeDefault: 'Parley <comments@localhost>',
    kind: text,
    omitWhenEmpty: true,
    doc: 'The From address of notification mails. Deployed, the stack sets it on the notifier from the `mailFrom` context key.',
    defaultDoc: '`Parley <comments@localhost>`',
  }),
  sesEndpoint: setting({
    scope: 'runtime',
    env: 'SES_ENDPOINT',
    default: '',
    kind: optionalText,
    doc: "Only set locally: the local SES's URL (`npm start` sets it). Deployed, the SDK's regional endpoint is used.",
    defaultDoc: '*(none)*',
  }),
  publicApiUrl: setting({
    scope: 'runtime',
    env: 'PUBLIC_API_URL',
    default: '',
    runtimeDefault: 'http://localhost:8787',
    kind: text,
    omitWhenEmpty: true,
    doc: "Base URL of the API, for the links in mails (action, confirm, unsubscribe, my data). Deployed, the stack sets it to the API's URL.",
    defaultDoc: '`http://localhost:8787`; `npm start`: its own URL',
  }),
  notifyConfirmPerHour: setting({
    scope: 'runtime',
    env: 'NOTIFY_CONFIRM_PER_HOUR',
    context: 'notifyConfirmPerHour',
    default: 50,
    kind: int(0),
    doc: 'Confirmation mails sent in all per clock hour; past it they are dropped (and counted), so nobody can mail-bomb through Parley.',
  }),
  notifyConfirmPerDay: setting({
    scope: 'runtime',
    env: 'NOTIFY_CONFIRM_PER_DAY',
    context: 'notifyConfirmPerDay',
    default: 300,
    kind: int(0),
    doc: 'Confirmation mails sent in all per UTC day.',
  }),
  moderatorEmails: setting({
    scope: 'runtime',
    env: 'MODERATOR_EMAILS',
    default: '',
    kind: text,
    doc: "Only used locally: the moderators who get digests, comma-separated `id=address` or `address` items (the id is the console's user name). Deployed, Cognito's moderators group says.",
    defaultDoc: '*(none)*',
  }),
  webhookUrl: setting({
    scope: 'runtime',
    env: 'WEBHOOK_URL',
    default: '',
    kind: text,
    omitWhenEmpty: true,
    doc: 'An HTTPS URL that receives a signed POST for each comment event; deployed, set on the notifier from the `webhookUrl` context key.',
    defaultDoc: '*(none)*',
  }),
};

/** Settings of the deployment itself, read from CDK context only. */
export const DEPLOY_SETTINGS = {
  stage: setting({
    scope: 'deploy',
    context: 'stage',
    default: 'prod',
    kind: text,
    doc: '`dev` makes `cdk destroy` delete the table, the secret and the user pool (and turns off their deletion protection). Any other value keeps them.',
  }),
  logLevel: setting({
    scope: 'deploy',
    env: 'LOG_LEVEL',
    context: 'logLevel',
    default: 'INFO',
    kind: choice(LOG_LEVELS, `one of ${LOG_LEVELS.join(', ')}`, { upperCase: true }),
    doc: "`DEBUG`, `INFO`, `WARN`, `ERROR` or `SILENT` for the functions' logs.",
  }),
  throttleRateLimit: setting({
    scope: 'deploy',
    context: 'throttleRateLimit',
    default: 50,
    kind: int(1),
    doc: 'API stage throttling: steady requests per second (all clients together).',
  }),
  throttleBurstLimit: setting({
    scope: 'deploy',
    context: 'throttleBurstLimit',
    default: 100,
    kind: int(1),
    doc: 'API stage throttling: burst.',
  }),
  adminThrottleRateLimit: setting({
    scope: 'deploy',
    context: 'adminThrottleRateLimit',
    default: 10,
    kind: int(1),
    doc: "Throttling of each `/v1/admin/` route, apart from the stage: steady requests per second. A flood of reader traffic cannot use up the moderators' share, nor the other way round.",
  }),
  adminThrottleBurstLimit: setting({
    scope: 'deploy',
    context: 'adminThrottleBurstLimit',
    default: 20,
    kind: int(1),
    doc: 'Throttling of each `/v1/admin/` route: burst.',
  }),
  waf: setting({
    scope: 'deploy',
    context: 'waf',
    default: false,
    kind: bool,
    doc: 'Put an AWS WAF web ACL with a per-client rate rule on the CloudFront distribution (about 6 USD a month, see costs). WAF for CloudFront lives in us-east-1: with `true`, deploy the stack in us-east-1 (the deployment fails elsewhere).',
  }),
  wafRequestsPer5Minutes: setting({
    scope: 'deploy',
    context: 'wafRequestsPer5Minutes',
    default: 500,
    kind: int(10),
    doc: 'With `waf`: requests one client address may send in any 5 minutes before WAF blocks it (403) for a while.',
  }),
  logRetentionDays: setting({
    scope: 'deploy',
    context: 'logRetentionDays',
    default: 30,
    kind: intOneOf(RETENTION_DAYS),
    doc: "Retention of every function's and the API's access log group (a CloudWatch value: 1, 3, 5, 7, 14, 30, 60, 90, ...).",
  }),
  lambdaMemoryMb: setting({
    scope: 'deploy',
    context: 'lambdaMemoryMb',
    default: 256,
    kind: int(128),
    doc: 'Memory of each function (CPU scales with it).',
  }),
  alarms: setting({
    scope: 'deploy',
    context: 'alarms',
    default: true,
    kind: bool,
    doc: 'Create the CloudWatch alarms (see costs; `false` saves about 3.50 USD a month).',
  }),
  alarmEmail: setting({
    scope: 'deploy',
    context: 'alarmEmail',
    default: '',
    kind: optionalText,
    doc: 'Subscribe this address to the alarm topic (confirm the email AWS sends).',
    defaultDoc: '*(none)*',
  }),
  tableMaxWriteUnits: setting({
    scope: 'deploy',
    context: 'tableMaxWriteUnits',
    default: 500,
    kind: int(1),
    doc: "The table's on-demand maximum write request units per second (about 40 new comments a second); requests over it are throttled rather than billed, which caps a flood's cost at about 1.13 USD an hour.",
  }),
  tableMaxReadUnits: setting({
    scope: 'deploy',
    context: 'tableMaxReadUnits',
    default: 2000,
    kind: int(1),
    doc: "The table's on-demand maximum read request units per second (reads the API cache does not absorb); caps read spend at about 0.90 USD an hour.",
  }),
  spendAlarmCentsPerHour: setting({
    scope: 'deploy',
    context: 'spendAlarmCentsPerHour',
    default: 10,
    kind: int(1),
    doc: "Alarm when the table's consumed read and write units, priced on demand, exceed this many US cents in an hour (10: about 72 USD a month if it lasted).",
  }),
  existingTableName: setting({
    scope: 'deploy',
    context: 'existingTableName',
    default: '',
    kind: optionalText,
    doc: 'Use a table retained by an earlier deployment instead of creating one (see [Tearing down](#tearing-down-without-losing-the-comments)).',
    defaultDoc: '*(none)*',
  }),
  // notifications (AWS side): the stack turns these into the notifier's own environment, not every function's.
  mailFrom: setting({
    scope: 'deploy',
    context: 'mailFrom',
    default: '',
    kind: optionalMailbox,
    doc: 'Turns notifications on: the From address of every mail (`comments@blog.example.org` or `Blog <comments@blog.example.org>`). The stack verifies its domain in SES (Easy DKIM; add the CNAMEs it outputs) and creates the notifier. Empty: no notifier, no SES resources. See [Notifications](#notifications).',
    defaultDoc: '*(none: no notifications)*',
  }),
  webhookUrl: setting({
    scope: 'deploy',
    context: 'webhookUrl',
    default: '',
    kind: optionalHttpsUrl,
    doc: 'An https URL that receives `comment.pending` and `comment.approved` events, signed as Standard Webhooks with a secret generated at deploy. Needs `mailFrom`.',
    defaultDoc: '*(none)*',
  }),
  webhookFormat: setting({
    scope: 'deploy',
    context: 'webhookFormat',
    default: 'standard',
    kind: choice(['standard', 'slack', 'discord'] as const, 'standard, slack or discord'),
    doc: "The webhook body: `standard` (Parley's JSON event), `slack` (`{ text }`, a Slack incoming webhook) or `discord` (`{ content }`, a Discord webhook).",
  }),
  existingTableStreamArn: setting({
    scope: 'deploy',
    context: 'existingTableStreamArn',
    default: '',
    kind: optionalText,
    doc: "With `existingTableName` and `mailFrom`: the retained table's stream ARN (`aws dynamodb describe-table --query Table.LatestStreamArn`), which the notifier reads.",
    defaultDoc: '*(none)*',
  }),
  authDomainPrefix: setting({
    scope: 'deploy',
    context: 'authDomainPrefix',
    default: '',
    kind: optionalText,
    doc: "Prefix of the moderators' sign-in domain `PREFIX.auth.REGION.amazoncognito.com` (globally unique).",
    defaultDoc: '*(`parley-` + the stack name + a hash of account and region)*',
  }),
  passkeys: setting({
    scope: 'deploy',
    context: 'passkeys',
    default: false,
    kind: bool,
    doc: 'Let moderators sign in with a passkey (with user verification) as well as a password; needs the Essentials or Plus feature plan (Plus is used).',
  }),
};

export const ALL_SETTINGS: ReadonlyArray<readonly [string, Setting<unknown, unknown>]> = [
  ...Object.entries(RUNTIME_SETTINGS),
  ...Object.entries(DEPLOY_SETTINGS),
] as ReadonlyArray<readonly [string, Setting<unknown, unknown>]>;

/** The value a setting's text parses to at run time. */
export type RuntimeValue<S> = S extends Setting<infer T, unknown> ? T : never;
/** The value a setting's context text parses to at synth time. */
export type ContextValue<S> = S extends Setting<unknown, infer C> ? C : never;
