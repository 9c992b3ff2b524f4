/**
 * The held-count keeper in the synthesized template: deployed with or without notifications, on
 * the table's stream behind the TTL-deletion filter, allowed only the two writes it makes.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { HELD_EXPIRY_FILTER_PATTERNS } from '../../shared/usecases/held-expiry';
import { synthStack } from '../support/cdk-synth';

const { template, resources, idAt } = synthStack({ alarmEmail: 'owner@blog.example.org' });

test('without notifications, the keeper alone hears the stream, filtered to TTL deletions of comments', () => {
  const fn = idAt('Parley/HeldExpiry/Handler/Function/Resource');
  template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
  template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
    FunctionName: { Ref: fn },
    EventSourceArn: { 'Fn::GetAtt': [idAt('Parley/Data/Table/Resource'), 'StreamArn'] },
    FilterCriteria: { Filters: HELD_EXPIRY_FILTER_PATTERNS.map((p) => ({ Pattern: JSON.stringify(p) })) },
    BisectBatchOnFunctionError: true,
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    DestinationConfig: {
      OnFailure: { Destination: { 'Fn::GetAtt': [idAt('Parley/HeldExpiry/Failures/Resource'), 'Arn'] } },
    },
  });
  expect(JSON.stringify(HELD_EXPIRY_FILTER_PATTERNS)).toContain('dynamodb.amazonaws.com');
});

test('its role may only read the stream and update and put items in the table (and write its logs)', () => {
  const role = idAt('Parley/HeldExpiry/Handler/Role/Resource');
  const actions = Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .filter((p) => (p.Properties.Roles as Array<{ Ref: string }>).some((ref) => ref.Ref === role))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>)
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
    .filter((a) => a.startsWith('dynamodb:'));
  expect(actions.sort()).toEqual([
    'dynamodb:DescribeStream',
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
    'dynamodb:ListStreams',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
  ]);
});

test('records it could not count raise the alarm through its queue', () => {
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    AlarmDescription: Match.stringLikeRegexp('held-count keeper'),
    Dimensions: [
      {
        Name: 'QueueName',
        Value: { 'Fn::GetAtt': [idAt('Parley/HeldExpiry/Failures/Resource'), 'QueueName'] },
      },
    ],
  });
});
