/**
 * The event functions' alarms (shared/event-functions.ts, infra/cdk/constructs/alarms.ts), in the
 * template synthesized with `mailFrom`: errors for each, stream lag for the stream-driven ones,
 * and the failure queue every on-failure destination leads to, all on the alarm topic.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarms, ITERATOR_AGE_ALARM } from '../../infra/cdk/constructs/alarms';
import { STREAM_MAX_RECORD_AGE } from '../../infra/cdk/constructs/notifications';
import { EVENT_FUNCTIONS } from '../../shared/event-functions';
import { synthStack } from '../support/cdk-synth';

const synth = (context: Record<string, unknown>) => {
  const synthesized = synthStack({ mailFrom: 'Blog <comments@blog.example.org>', ...context });
  const alarms = synthesized.ofType('AWS::CloudWatch::Alarm').map(([, r]) => r.Properties);
  return { ...synthesized, alarms };
};

const { idAt, ofType, alarms } = synth({});
const topic = { Ref: idAt('Parley/Alarms/Topic/Resource') };
/** The notification functions live in Notifications; the held-count keeper, deployed always, in its own construct. */
const fnId = (name: string) =>
  idAt(
    name === 'HeldExpiry'
      ? 'Parley/HeldExpiry/Handler/Function/Resource'
      : `Parley/Notifications/${name}/Function/Resource`,
  );
const alarmsOn = (metricName: string, functionId: string) =>
  alarms.filter(
    (a) =>
      a.Namespace === 'AWS/Lambda' &&
      a.MetricName === metricName &&
      JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: functionId } }]),
  );

test.each(EVENT_FUNCTIONS.map((f) => [f.name]))('%s has an errors alarm on the alarm topic', (name) => {
  const [alarm, ...more] = alarmsOn('Errors', fnId(name));
  expect(more).toEqual([]);
  expect(alarm).toMatchObject({
    Statistic: 'Sum',
    Period: 300,
    Threshold: 1,
    EvaluationPeriods: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
    AlarmActions: [topic],
    OKActions: [topic],
  });
});

test('every function a stream drives has an IteratorAge alarm, firing long before its records expire', () => {
  const mappings = ofType('AWS::Lambda::EventSourceMapping').map(([, r]) => r.Properties);
  const streamed = EVENT_FUNCTIONS.filter((f) => f.invocation === 'stream');
  expect(streamed.map((f) => fnId(f.name)).sort()).toEqual(mappings.map((m) => m.FunctionName.Ref).sort());
  for (const { name } of streamed) {
    expect(alarmsOn('IteratorAge', fnId(name))).toEqual([
      expect.objectContaining({
        Statistic: 'Maximum',
        Threshold: ITERATOR_AGE_ALARM.toMilliseconds(),
        EvaluationPeriods: 2,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [topic],
        OKActions: [topic],
      }),
    ]);
  }
  expect(ITERATOR_AGE_ALARM.toMilliseconds()).toBeLessThan(STREAM_MAX_RECORD_AGE.toMilliseconds() / 4);
  for (const { name } of EVENT_FUNCTIONS.filter((f) => f.invocation !== 'stream'))
    expect(alarmsOn('IteratorAge', fnId(name))).toEqual([]);
});

test('every on-failure destination (stream mapping, async invocation) is a queue whose messages raise an alarm', () => {
  const destinations = [
    ...ofType('AWS::Lambda::EventSourceMapping').map(([, r]) => r.Properties.DestinationConfig?.OnFailure?.Destination),
    ...ofType('AWS::Lambda::EventInvokeConfig').map(([, r]) => r.Properties.DestinationConfig?.OnFailure?.Destination),
  ].filter(Boolean);
  expect(destinations.length).toBeGreaterThanOrEqual(2);
  for (const destination of destinations) {
    const [queueId, attribute] = destination['Fn::GetAtt'];
    expect(attribute).toBe('Arn');
    const watched = alarms.filter(
      (a) =>
        a.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        JSON.stringify(a.Dimensions).includes(`"Fn::GetAtt":["${queueId}","QueueName"]`),
    );
    expect(watched).toEqual([expect.objectContaining({ Threshold: 1, AlarmActions: [topic], OKActions: [topic] })]);
  }
});

test('with alarms=false the event functions get no alarm (only the failure queue keeps its own, unwired)', () => {
  const off = synth({ alarms: false });
  expect(off.alarms.filter((a) => a.Namespace === 'AWS/Lambda')).toEqual([]);
  expect(off.alarms.every((a) => a.AlarmActions === undefined)).toBe(true);
});

test('a function missing for an event function is refused: by the type, and at synth', () => {
  const stack = new Stack(new App(), 'Bare');
  const alarms = new Alarms(stack, 'Alarms', {
    api: new HttpApi(stack, 'Api'),
    table: new dynamodb.TableV2(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } }),
    spendCentsPerHour: 10,
  });
  const fn = lambda.Function.fromFunctionName(stack, 'Fn', 'notifier');
  // @ts-expect-error every event function must be named (tsc checks this line)
  expect(() => alarms.watchEventFunctions({ Notifier: fn, SesEvents: fn })).toThrow(/Digest/);
});
