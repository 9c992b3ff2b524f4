/**
 * The held-count keeper, deployed always (not only with notifications): a function on the table's
 * stream that sees only TTL's deletions of comments (shared/usecases/held-expiry.ts declares the
 * filter), so each post's count of held comments stays exact when unapproved comments expire.
 * Failed records are retried with the batch bisected; positions that keep failing go to an
 * encrypted queue, which raises the alarm when alarms are on.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { eventFunction } from '../../../shared/event-functions';
import { HELD_EXPIRY_FILTER_PATTERNS } from '../../../shared/usecases/held-expiry';
import { NODE22_REASON } from '../nag-suppressions';
import { HandlerFunction } from './handler-function';
import { tableWithStream } from './table-stream';

export interface HeldExpiryProps {
  readonly table: dynamodb.ITableV2;
  /** The stream of a retained table (`existingTableStreamArn`), when `table` was imported by name. */
  readonly streamArn?: string;
  readonly environment: Record<string, string>;
  readonly memorySize: number;
  readonly logRetention: logs.RetentionDays;
  readonly alarmTopic?: sns.ITopic;
}

export class HeldExpiry extends Construct {
  readonly handler: HandlerFunction;
  readonly failures: sqs.Queue;

  constructor(scope: Construct, id: string, props: HeldExpiryProps) {
    super(scope, id);
    this.failures = new sqs.Queue(this, 'Failures', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.handler = new HandlerFunction(this, 'Handler', {
      entry: eventFunction('HeldExpiry').entry,
      description: "Parley: takes comments TTL deleted unapproved off their post's held count",
      tableArn: props.table.tableArn,
      // One transaction: the post item's count (UpdateItem) and the once-only marker (PutItem).
      tableActions: ['PutItem', 'UpdateItem'],
      secrets: [],
      environment: props.environment,
      memorySize: props.memorySize,
      logRetention: props.logRetention,
      timeout: Duration.seconds(30),
    });
    const streamTable = tableWithStream(this, props.table, props.streamArn, 'The held-count keeper and its caps');
    this.handler.fn.addEventSource(
      new DynamoEventSource(streamTable, {
        // TTL deletions only matter from now on; older ones were counted by the previous version.
        startingPosition: lambda.StartingPosition.LATEST,
        batchSize: 100,
        retryAttempts: 5,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        parallelizationFactor: 1,
        onFailure: new SqsDlq(this.failures),
        filters: HELD_EXPIRY_FILTER_PATTERNS.map((pattern) => ({ pattern: JSON.stringify(pattern) })),
      }),
    );
    Validations.of(this.handler.fn).acknowledge({ id: 'AwsSolutions-L1', reason: NODE22_REASON });
    Validations.of(this.failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the held-count keeper stream mapping; an alarm fires on its first message.',
    });
    if (props.alarmTopic) {
      const alarm = new cloudwatch.Alarm(this, 'FailedRecords', {
        alarmDescription: 'Parley: TTL deletions the held-count keeper could not count (see its queue)',
        metric: this.failures.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new actions.SnsAction(props.alarmTopic));
      alarm.addOkAction(new actions.SnsAction(props.alarmTopic));
    }
  }
}
