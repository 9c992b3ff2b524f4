/**
 * Notifications, deployed: created only when `mailFrom` is set.
 *
 * - the notifier on the table's stream, behind the filter of shared/notify/stream-filter.ts (the
 *   one declaration), retried a bounded number of times with the batch bisected, failed records'
 *   positions sent to an encrypted queue whose messages raise an alarm;
 * - SES (constructs/mail-sending.ts) and the bounce/complaint handler;
 * - a schedule that sends the digests whose window opened;
 * - with `webhookUrl`, a signing secret generated at deploy and given to the notifier only.
 */
import { CfnOutput, Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { eventFunction, type EventFunctionName } from '../../../shared/event-functions';
import { lambdaFilterCriteria } from '../../../shared/notify/stream-filter';
import { acknowledgeNotificationFindings } from '../nag-notifications';
import { HandlerFunction } from './handler-function';
import { MailSending } from './mail-sending';
import { tableWithStream } from './table-stream';

/** Stream retries per batch (bisected on error) before a record's position goes to the queue. */
export const STREAM_RETRY_ATTEMPTS = 3;
/** Older changes are not worth a mail any more (the stream keeps 24 hours). */
export const STREAM_MAX_RECORD_AGE = Duration.hours(6);

export interface NotificationsProps {
  readonly table: dynamodb.ITableV2;
  /** The stream of a retained table (`existingTableStreamArn`), when `table` was imported by name. */
  readonly streamArn?: string;
  readonly hmacSecret: secretsmanager.ISecret;
  readonly userPool: cognito.IUserPool;
  /** The API's base URL, for the links in mails. */
  readonly publicApiUrl: string;
  readonly mailFrom: string;
  readonly webhook?: { readonly url: string; readonly format: string };
  /** Every function's settings (functionEnvironment). */
  readonly environment: Record<string, string>;
  readonly memorySize: number;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** The alarm topic, when alarms are on. */
  readonly alarmTopic?: sns.ITopic;
}

export class Notifications extends Construct {
  readonly mail: MailSending;
  readonly failures: sqs.Queue;
  readonly notifier: HandlerFunction;
  readonly sesEvents: HandlerFunction;
  readonly digest: HandlerFunction;
  /** Each of EVENT_FUNCTIONS by name, for its alarms (Alarms.watchEventFunctions). */
  readonly eventFunctions: Readonly<Record<Exclude<EventFunctionName, 'HeldExpiry'>, lambda.IFunction>>;
  readonly webhookSecret: secretsmanager.Secret | undefined;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    this.mail = new MailSending(this, 'Mail', { mailFrom: props.mailFrom });

    // Positions of stream records that kept failing, and bounce events that could not be handled.
    this.failures = new sqs.Queue(this, 'Failures', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    const common = {
      tableArn: props.table.tableArn,
      memorySize: props.memorySize,
      logRetention: props.logRetention,
    };
    const mailEnvironment = {
      ...props.environment,
      SECRET_ARN: props.hmacSecret.secretArn,
      MAIL_FROM: props.mailFrom,
      SES_CONFIGURATION_SET: this.mail.configurationSet.configurationSetName,
      PUBLIC_API_URL: props.publicApiUrl,
      USER_POOL_ID: props.userPool.userPoolId,
    };

    this.webhookSecret = props.webhook
      ? new secretsmanager.Secret(this, 'WebhookSecret', {
          description: 'Parley webhook signing key: the receiver verifies with whsec_ followed by this value',
          // 64 letters and digits are valid base64 (48 bytes), the key format Standard Webhooks uses.
          generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
          removalPolicy: props.removalPolicy,
        })
      : undefined;

    this.notifier = new HandlerFunction(this, 'Notifier', {
      ...common,
      entry: eventFunction('Notifier').entry,
      description: 'Parley notifier: table stream to moderator digests, reply notifications and webhooks',
      // The stores of shared/notify/* (markers, digests, subscribers, budget) and comment reads.
      tableActions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'],
      secrets: this.webhookSecret ? [props.hmacSecret, this.webhookSecret] : [props.hmacSecret],
      environment: {
        ...mailEnvironment,
        ...(props.webhook && this.webhookSecret
          ? {
              WEBHOOK_URL: props.webhook.url,
              WEBHOOK_FORMAT: props.webhook.format,
              WEBHOOK_SECRET_ARN: this.webhookSecret.secretArn,
            }
          : {}),
      },
      // A batch of 10 may each wait for a webhook's attempts (3 × 4 s plus backoff).
      timeout: Duration.minutes(3),
    });
    const streamTable = tableWithStream(this, props.table, props.streamArn, 'Notifications');
    this.notifier.fn.addEventSource(
      new DynamoEventSource(streamTable, {
        // New changes only: a first deployment must not mail about the last 24 hours.
        startingPosition: lambda.StartingPosition.LATEST,
        batchSize: 10,
        retryAttempts: STREAM_RETRY_ATTEMPTS,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        maxRecordAge: STREAM_MAX_RECORD_AGE,
        parallelizationFactor: 1,
        onFailure: new SqsDlq(this.failures),
        filters: lambdaFilterCriteria().Filters.map((filter) => ({ pattern: filter.Pattern })),
      }),
    );

    this.sesEvents = new HandlerFunction(this, 'SesEvents', {
      ...common,
      entry: eventFunction('SesEvents').entry,
      description: 'Parley: SES bounces and complaints stop subscriptions',
      tableActions: ['UpdateItem'],
      secrets: [props.hmacSecret],
      environment: { ...props.environment, SECRET_ARN: props.hmacSecret.secretArn },
      timeout: Duration.seconds(30),
      async: { retryAttempts: 2, onFailure: new destinations.SqsDestination(this.failures) },
    });
    this.mail.routeEventsTo(this.sesEvents.fn, this.failures);

    this.digest = new HandlerFunction(this, 'Digest', {
      ...common,
      entry: eventFunction('Digest').entry,
      description: 'Parley: sends the moderator digests whose window opened',
      tableActions: ['GetItem', 'UpdateItem', 'Query'],
      secrets: [props.hmacSecret],
      environment: mailEnvironment,
      timeout: Duration.minutes(1),
      // The next minute's run is the retry.
      async: { retryAttempts: 0 },
    });
    new events.Rule(this, 'DigestSchedule', {
      description: 'Parley: flush moderator digests every minute',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(this.digest.fn, { retryAttempts: 0 })],
    });

    this.eventFunctions = { Notifier: this.notifier.fn, SesEvents: this.sesEvents.fn, Digest: this.digest.fn };

    for (const handler of [this.notifier, this.digest]) {
      this.mail.grantSend(handler.role);
      handler.role.addToPolicy(
        new iam.PolicyStatement({ actions: ['cognito-idp:ListUsersInGroup'], resources: [props.userPool.userPoolArn] }),
      );
    }

    const alarm = new cloudwatch.Alarm(this, 'FailuresAlarm', {
      metric: this.failures.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: 'Notifications failed after their retries: see the Failures queue (README, Notifications).',
    });
    if (props.alarmTopic) {
      alarm.addAlarmAction(new actions.SnsAction(props.alarmTopic));
      alarm.addOkAction(new actions.SnsAction(props.alarmTopic));
    }

    // Stack-level outputs, so their names stay readable (DkimRecord1, not a hashed construct path).
    const stack = Stack.of(this);
    this.mail.dkimRecords().forEach((record, index) => {
      new CfnOutput(stack, `DkimRecord${index + 1}`, {
        value: record,
        description: `DKIM record ${index + 1} of 3 for ${this.mail.address}: add it to the DNS of the domain`,
      });
    });
    new CfnOutput(stack, 'NotificationFailuresQueueUrl', {
      value: this.failures.queueUrl,
      description: 'Notifications that failed after their retries (the alarm watches it)',
    });
    if (this.webhookSecret)
      new CfnOutput(stack, 'WebhookSecretArn', {
        value: this.webhookSecret.secretArn,
        description: 'The webhook signing key: whsec_ + (aws secretsmanager get-secret-value --secret-id <arn>)',
      });

    acknowledgeNotificationFindings(this);
  }
}
