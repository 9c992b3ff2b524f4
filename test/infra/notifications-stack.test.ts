/**
 * The deployed notifications in the synthesized template: synthesized with `mailFrom` and
 * `webhookUrl` set and once without, without bundling (the rules and assertions read the
 * template; the handlers' bundles are checked with the stack's own esbuild options at the end).
 */
import * as path from 'node:path';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { build } from 'esbuild';
import { lambdaBundling } from '../../infra/cdk/bundling';
import { STREAM_RETRY_ATTEMPTS } from '../../infra/cdk/constructs/notifications';
import { EVENT_FUNCTIONS } from '../../shared/event-functions';
import { lambdaFilterCriteria } from '../../shared/notify/stream-filter';
import { synthStack, type Resource } from '../support/cdk-synth';

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };

const synth = (context: Record<string, unknown>) => {
  const synthesized = synthStack(context);
  const { resources } = synthesized;
  const statementsOf = (roleId: string): Statement[] =>
    Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .filter((p) => (p.Properties.Roles as Array<{ Ref: string }>).some((ref) => ref.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
  const actionsOf = (roleId: string): string[] =>
    statementsOf(roleId)
      .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
      .sort();
  return { ...synthesized, statementsOf, actionsOf };
};

/** Resources of a type, leaving out the held-count keeper's (always deployed, see held-expiry-stack.test.ts). */
const ofType = (resources: Record<string, Resource>, type: string) =>
  Object.entries(resources).filter(
    ([, r]) => r.Type === type && !String(r.Metadata?.['aws:cdk:path'] ?? '').includes('/HeldExpiry/'),
  );

const NOTIFY_TYPES = [
  'AWS::SES::EmailIdentity',
  'AWS::SES::ConfigurationSet',
  'AWS::SES::ConfigurationSetEventDestination',
  'AWS::Lambda::EventSourceMapping',
  'AWS::SQS::Queue',
  'AWS::Events::Rule',
];

describe('without mailFrom', () => {
  const plain = synth({});

  test('no notifier, SES, queue or schedule is created, though the table keeps its stream', () => {
    for (const type of NOTIFY_TYPES) expect(ofType(plain.resources, type)).toEqual([]);
    plain.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(
      Object.values(plain.resources).filter((r) => r.Metadata?.['aws:cdk:path']?.includes('Notifications')),
    ).toEqual([]);
  });

  test('a webhookUrl without mailFrom is a synth error, not a silently dropped webhook', () => {
    const { stack } = synth({ webhookUrl: 'https://hooks.example.org/parley' });
    Annotations.fromStack(stack).hasError('/Parley', Match.stringLikeRegexp('webhookUrl needs mailFrom'));
  });
});

describe('with mailFrom and webhookUrl', () => {
  const full = synth({ mailFrom: 'Blog <comments@blog.example.org>', webhookUrl: 'https://hooks.example.org/parley' });
  const { template, resources, idAt, statementsOf, actionsOf } = full;
  const fn = (name: string) => idAt(`Parley/Notifications/${name}/Function/Resource`);
  const role = (name: string) => idAt(`Parley/Notifications/${name}/Role/Resource`);
  const queueId = idAt('Parley/Notifications/Failures/Resource');
  const tableId = idAt('Parley/Data/Table/Resource');

  test('the notifier hears the table stream through the filter of stream-filter.ts, with bounded, bisected retries', () => {
    expect(ofType(resources, 'AWS::Lambda::EventSourceMapping')).toHaveLength(1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fn('Notifier') },
      EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
      StartingPosition: 'LATEST',
      FilterCriteria: lambdaFilterCriteria(),
      MaximumRetryAttempts: STREAM_RETRY_ATTEMPTS,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRecordAgeInSeconds: Match.anyValue(),
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
  });

  test('the failure queue is encrypted, refuses plain HTTP and raises an alarm on the alarm topic', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Threshold: 1,
      AlarmActions: [{ Ref: idAt('Parley/Alarms/Topic/Resource') }],
    });
  });

  test('the mailFrom domain is an SES identity with Easy DKIM, and its DKIM CNAMEs are outputs', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'blog.example.org',
      DkimAttributes: { SigningEnabled: true },
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
    });
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const identityId = idAt('Parley/Notifications/Mail/Domain/Resource');
    expect(Object.keys(outputs).filter((key) => key.startsWith('DkimRecord'))).toEqual([
      'DkimRecord1',
      'DkimRecord2',
      'DkimRecord3',
    ]);
    expect(outputs.DkimRecord2!.Value).toEqual({
      'Fn::Join': [
        '',
        [
          { 'Fn::GetAtt': [identityId, 'DkimDNSTokenName2'] },
          ' CNAME ',
          { 'Fn::GetAtt': [identityId, 'DkimDNSTokenValue2'] },
        ],
      ],
    });
  });

  test('the configuration set suppresses bounces and complaints and sends both events to ses-events', () => {
    const setId = idAt('Parley/Notifications/Mail/ConfigurationSet/Resource');
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: setId },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        EventBridgeDestination: Match.anyValue(),
      },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ses'],
        detail: { mail: { tags: { 'ses:configuration-set': [{ Ref: setId }] } } },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fn('SesEvents'), 'Arn'] } })],
    });
  });

  test('a schedule runs the digest flush every minute', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fn('Digest'), 'Arn'] } })],
    });
  });

  test('only the notifier and the digest may send mail: from the identity and set, with the configured From address', () => {
    const senders = ofType(resources, 'AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes('ses:'))
      .flatMap(([, p]) => (p.Properties.Roles as Array<{ Ref: string }>).map((r) => r.Ref))
      .sort();
    expect(senders).toEqual([role('Digest'), role('Notifier')].sort());
    for (const name of ['Notifier', 'Digest']) {
      const ses = statementsOf(role(name)).filter((s) => JSON.stringify(s.Action).includes('ses:'));
      expect(ses).toHaveLength(1);
      expect(ses[0]!.Action).toBe('ses:SendEmail');
      expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'comments@blog.example.org' } });
      const targets = JSON.stringify(ses[0]!.Resource);
      expect(targets).toContain(':identity/');
      expect(targets).toContain(':configuration-set/');
      expect(ses[0]!.Resource).not.toContain('*');
    }
  });

  test("each handler's table actions are exactly what its store functions call", () => {
    const streamActions = ['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams'].map(
      (a) => `dynamodb:${a}`,
    );
    const dynamo = (name: string) =>
      actionsOf(role(name)).filter((a) => a.startsWith('dynamodb:') && !streamActions.includes(a));
    expect(dynamo('Notifier')).toEqual(
      ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'].sort(),
    );
    expect(dynamo('Digest')).toEqual(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(dynamo('SesEvents')).toEqual(['dynamodb:UpdateItem']);
    // Stream reads (granted with the mapping) only on the stream, and only to the notifier.
    const onStream = statementsOf(role('Notifier')).filter((s) =>
      [s.Action].flat().some((a) => streamActions.includes(a)),
    );
    expect(onStream.flatMap((s) => [s.Action].flat()).sort()).toEqual(streamActions);
    for (const s of onStream) expect(s.Resource).toEqual({ 'Fn::GetAtt': [tableId, 'StreamArn'] });
    for (const name of ['Digest', 'SesEvents'])
      expect(actionsOf(role(name)).filter((a) => streamActions.includes(a))).toEqual([]);
  });

  test('the moderators group is listed on the user pool only, by the functions that mail moderators', () => {
    const pool = { 'Fn::GetAtt': [idAt('Parley/Moderators/UserPool/Resource'), 'Arn'] };
    for (const name of ['Notifier', 'Digest'])
      expect(statementsOf(role(name)).filter((s) => JSON.stringify(s.Action).includes('cognito'))).toEqual([
        expect.objectContaining({ Action: 'cognito-idp:ListUsersInGroup', Resource: pool }),
      ]);
    expect(actionsOf(role('SesEvents')).filter((a) => a.startsWith('cognito'))).toEqual([]);
  });

  test('the webhook secret is generated at deploy and readable by the notifier alone, which gets the URL', () => {
    const secretId = idAt('Parley/Notifications/WebhookSecret/Resource');
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludePunctuation: true }),
    });
    const readers = ofType(resources, 'AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes(`"Ref":"${secretId}"`))
      .flatMap(([, p]) => (p.Properties.Roles as Array<{ Ref: string }>).map((r) => r.Ref));
    expect(readers).toEqual([role('Notifier')]);
    const env = (name: string) => resources[fn(name)]!.Properties.Environment.Variables as Record<string, unknown>;
    expect(env('Notifier')).toMatchObject({
      WEBHOOK_URL: 'https://hooks.example.org/parley',
      WEBHOOK_FORMAT: 'standard',
      WEBHOOK_SECRET_ARN: { Ref: secretId },
      MAIL_FROM: 'Blog <comments@blog.example.org>',
      USER_POOL_ID: { Ref: idAt('Parley/Moderators/UserPool/Resource') },
    });
    expect(Object.keys(env('Digest')).filter((k) => k.startsWith('WEBHOOK'))).toEqual([]);
  });

  test("links in mails start at the CloudFront distribution's address, not API Gateway's", () => {
    const distribution = idAt('Parley/Edge/Distribution/Resource');
    for (const name of ['Notifier', 'Digest']) {
      const url = resources[fn(name)]!.Properties.Environment.Variables.PUBLIC_API_URL;
      expect(url).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }]] });
    }
  });

  test('AwsSolutions checks find nothing unacknowledged in the notification resources', () => {
    const { violations } = new AwsSolutionsChecks().validateScope(full.stack);
    expect(
      violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`),
    ).toEqual([]);
  });
});

describe('on a retained table', () => {
  test('the notifier needs the stream ARN, and reads the one given', () => {
    expect(() => synth({ mailFrom: 'comments@blog.example.org', existingTableName: 'parley-old' })).toThrow(
      /existingTableStreamArn/,
    );
    const streamArn = 'arn:aws:dynamodb:eu-west-1:123456789012:table/parley-old/stream/2026-01-01T00:00:00.000';
    const { template } = synth({
      mailFrom: 'comments@blog.example.org',
      existingTableName: 'parley-old',
      existingTableStreamArn: streamArn,
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: streamArn });
  });
});

test('every event function bundles with the stack options', async () => {
  const options = lambdaBundling();
  for (const { entry } of EVENT_FUNCTIONS) {
    const result = await build({
      entryPoints: [path.join(__dirname, '..', '..', entry)],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      target: options.target,
      mainFields: options.mainFields,
      external: options.externalModules,
      minify: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]!.text).toContain('handler');
  }
});
