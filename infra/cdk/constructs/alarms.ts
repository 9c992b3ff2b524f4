/**
 * CloudWatch alarms, all sent to one SNS topic (subscribe an address with `-c alarmEmail=`).
 *
 * CloudWatch bills an alarm per metric it reads (0.10 USD a month each after the first 10), so
 * the route functions are watched through the API's own metrics (any 5xx, and the 5xx rate) and
 * Lambda's account-wide throttles, not one Errors and one Throttles metric per function: 8 alarm
 * metrics instead of about 80, the difference between about 1 and about 8 USD a month idle. The
 * function that failed is found in its logs, which carry the request id the 5xx answer names.
 *
 * The event functions (shared/event-functions.ts) are few and each fails differently (mail not
 * sent, bounces not recorded, digests late), so each has its own errors alarm, and the
 * stream-driven ones an alarm on how far behind the stream they are (`watchEventFunctions`).
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { EVENT_FUNCTIONS, type EventFunctionName } from '../../../shared/event-functions';

export interface AlarmsProps {
  readonly api: apigw.HttpApi;
  readonly table: dynamodb.ITableV2;
  readonly alarmEmail?: string;
  /** The table's hourly on-demand spend, in US cents, above which the spend alarm fires. */
  readonly spendCentsPerHour: number;
}

/** On-demand prices (us-east-1, per request unit, in cents) used by the spend alarm; bench/run.ts uses the same. */
const CENTS_PER_READ_UNIT = 0.125e-4;
const CENTS_PER_WRITE_UNIT = 0.625e-4;

const PERIOD = Duration.minutes(5);
/**
 * A healthy stream consumer reads a change within seconds; this far behind for two periods, its
 * batches keep failing or it is stuck, hours before records expire (STREAM_MAX_RECORD_AGE, 6 h)
 * and only their positions reach the failure queue.
 */
export const ITERATOR_AGE_ALARM = Duration.minutes(30);
/** The DynamoDB operations Parley's handlers call (transactions carry the ConditionCheckItem grants). */
const TABLE_OPERATIONS = [
  dynamodb.Operation.GET_ITEM,
  dynamodb.Operation.BATCH_GET_ITEM,
  dynamodb.Operation.QUERY,
  dynamodb.Operation.PUT_ITEM,
  dynamodb.Operation.UPDATE_ITEM,
  dynamodb.Operation.DELETE_ITEM,
  dynamodb.Operation.TRANSACT_WRITE_ITEMS,
];

export class Alarms extends Construct {
  readonly topic: sns.Topic;
  private readonly notify: actions.SnsAction;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Parley alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    this.notify = new actions.SnsAction(this.topic);

    // API: more than 5 % of requests answered 5xx over 3 of 3 five-minute periods (once there are at least 10 requests).
    const errors5xx = props.api.metricServerError({ period: PERIOD, statistic: 'Sum' });
    const count = props.api.metricCount({ period: PERIOD, statistic: 'Sum' });
    this.alarm('Api5xxRate', {
      metric: new cloudwatch.MathExpression({
        expression: 'IF(requests >= 10, 100 * errors / requests, 0)',
        usingMetrics: { errors: errors5xx, requests: count },
        period: PERIOD,
        label: 'API 5xx rate (%)',
      }),
      threshold: 5,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      alarmDescription: 'More than 5 % of API requests fail with a 5xx status.',
    });

    // Any 5xx at all: a route function that crashed or timed out is answered 5xx by API Gateway,
    // and every error a handler maps is answered by it, so one metric watches all route
    // functions (CloudWatch bills each metric an alarm reads: per-function alarms cost 74).
    this.alarm('Api5xxAny', {
      metric: errors5xx,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      alarmDescription:
        'The API answered a request with a 5xx status (a function failed, timed out or the store was unavailable).',
    });
    // Lambda throttles the region's functions from one concurrency pool: its account-wide metric
    // (no dimensions) covers every Parley function in one metric, other functions in the region too.
    this.alarm('LambdaThrottles', {
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Lambda',
        metricName: 'Throttles',
        period: PERIOD,
        statistic: 'Sum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      alarmDescription: 'Lambda throttled invocations in this region (Parley functions share the account concurrency).',
    });

    // DynamoDB: throttled reads or writes (table and indexes), and errors on DynamoDB's side.
    const tableMetric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: props.table.tableName },
        period: PERIOD,
        statistic: 'Sum',
      });
    this.alarm('DynamoThrottles', {
      metric: new cloudwatch.MathExpression({
        expression: 'reads + writes',
        usingMetrics: { reads: tableMetric('ReadThrottleEvents'), writes: tableMetric('WriteThrottleEvents') },
        period: PERIOD,
        label: 'DynamoDB throttle events',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      alarmDescription: 'DynamoDB throttled reads or writes of the Parley table.',
    });
    // Spend, not only failure: a flood of valid-looking writes fails nothing but costs money.
    const hourly = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: props.table.tableName },
        period: Duration.hours(1),
        statistic: 'Sum',
      });
    this.alarm('DynamoSpend', {
      metric: new cloudwatch.MathExpression({
        expression: `reads * ${CENTS_PER_READ_UNIT} + writes * ${CENTS_PER_WRITE_UNIT}`,
        usingMetrics: {
          reads: hourly('ConsumedReadCapacityUnits'),
          writes: hourly('ConsumedWriteCapacityUnits'),
        },
        period: Duration.hours(1),
        label: 'DynamoDB on-demand spend (US cents per hour)',
      }),
      threshold: props.spendCentsPerHour,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      alarmDescription: `The Parley table consumed more than ${props.spendCentsPerHour} US cents of on-demand capacity in an hour.`,
    });
    this.alarm('DynamoSystemErrors', {
      metric: props.table.metricSystemErrorsForOperations({
        operations: TABLE_OPERATIONS,
        period: PERIOD,
        statistic: 'Sum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      alarmDescription: 'DynamoDB answered requests for the Parley table with internal errors (HTTP 500).',
    });
  }

  /**
   * Errors of every event function, and for those a stream drives, how old the oldest record read
   * is. `functions` must name all of EVENT_FUNCTIONS (the type says so), so a new event function
   * cannot come without its alarms; `null` says it is not deployed in this configuration (the
   * notification functions without `mailFrom`).
   */
  watchEventFunctions(functions: Readonly<Record<EventFunctionName, IFunction | null>>): void {
    for (const { name, invocation } of EVENT_FUNCTIONS) {
      const fn = functions[name] as IFunction | null | undefined;
      if (fn === null) continue;
      if (!fn) throw new Error(`Event function ${name} has no function to alarm on (shared/event-functions.ts)`);
      this.alarm(`LambdaErrors${name}`, {
        metric: fn.metricErrors({ period: PERIOD, statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        alarmDescription: `The Parley ${name} function reported errors.`,
      });
      if (invocation === 'stream')
        this.alarm(`IteratorAge${name}`, {
          metric: fn.metric('IteratorAge', { period: PERIOD, statistic: 'Maximum' }),
          threshold: ITERATOR_AGE_ALARM.toMilliseconds(),
          evaluationPeriods: 2,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          alarmDescription: `The Parley ${name} function is more than ${ITERATOR_AGE_ALARM.toMinutes()} minutes behind its stream.`,
        });
    }
  }

  /** Every alarm tells the topic when it fires and when it is over; no data is no failure. */
  private alarm(alarmId: string, options: cloudwatch.AlarmProps): void {
    const created = new cloudwatch.Alarm(this, alarmId, {
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      ...options,
    });
    created.addAlarmAction(this.notify);
    created.addOkAction(this.notify);
  }
}
