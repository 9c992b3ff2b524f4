/**
 * The synthesized CloudFormation template of the Parley stack. The production template is
 * synthesized once (with real esbuild bundling of every function) and shared; variants that
 * only change settings are synthesized without bundling.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ParleyStack } from '../../infra/cdk/parley-stack';
import { readSettings } from '../../infra/cdk/settings';
import { lambdaBundling } from '../../infra/cdk/bundling';
import { HASHED_CACHE_CONTROL, STABLE_CACHE_CONTROL, STABLE_WIDGET_FILES } from '../../web/cache-policy';
import { CORS_POLICY } from '../../shared/http/cors-policy';
import { routes, routeKey, type Route } from '../../shared/routes';
import { ALL_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/store/table-definition';

type Resources = Record<
  string,
  {
    Type: string;
    Properties: Record<string, any>;
    DeletionPolicy?: string;
    UpdateReplacePolicy?: string;
    Metadata?: Record<string, any>;
  }
>;

const ORIGINS = 'https://blog.example.org,https://www.example.org';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cdk-'));
const widgetDir = path.join(tmp, 'widget');
fs.mkdirSync(widgetDir);
for (const name of ['embed.js', 'count.js', 'widget.3f9a1c2e.js'])
  fs.writeFileSync(path.join(widgetDir, name), '/* placeholder */\n');

const synth = (context: Record<string, unknown>, options: { bundle?: boolean; widget?: string } = {}) => {
  const app = new App({
    outdir: fs.mkdtempSync(path.join(tmp, 'out-')),
    context: {
      'aws:cdk:enable-path-metadata': true,
      'aws:cdk:enable-asset-metadata': true,
      allowedOrigins: ORIGINS,
      ...context,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const stack = new ParleyStack(app, 'Parley', {
    settings: readSettings(app.node),
    widgetDir: options.widget ?? path.join(tmp, 'absent'),
  });
  const template = Template.fromStack(stack);
  return { app, stack, template, resources: template.toJSON().Resources as Resources };
};

const prod = synth({}, { bundle: true, widget: widgetDir });
const { template, resources } = prod;

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const logicalIdAt = (cdkPath: string): string => {
  const found = Object.entries(resources).find(([, r]) => r.Metadata?.['aws:cdk:path'] === cdkPath);
  if (!found) throw new Error(`No resource at ${cdkPath}`);
  return found[0];
};
const functionOf = (route: Route) => logicalIdAt(`Parley/${route.name}/Function/Resource`);
const roleOf = (route: Route) => logicalIdAt(`Parley/${route.name}/Role/Resource`);
const statementsOf = (roleId: string): Array<{ Action: string | string[]; Resource: unknown }> =>
  ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
const actionsOf = (route: Route): string[] =>
  statementsOf(roleOf(route))
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
    .sort();
const routeNamed = (name: string): Route => {
  const route = routes.find((r) => r.name === name);
  if (!route) throw new Error(`No route ${name}`);
  return route;
};
const tableId = ofType('AWS::DynamoDB::GlobalTable')[0]![0];
const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
const indexArn = (name: string) => ({ 'Fn::Join': ['', [tableArn, `/index/${name}`]] });
const expectedActions = (route: Route) =>
  [
    ...route.tableAccess.map((a) => `dynamodb:${a}`),
    'logs:CreateLogStream',
    'logs:PutLogEvents',
    ...(route.usesSecret ? ['secretsmanager:GetSecretValue'] : []),
  ].sort();

describe('API routes', () => {
  test('there is exactly one API route per route-table entry, each integrated with its own function', () => {
    const apiRoutes = ofType('AWS::ApiGatewayV2::Route');
    expect(apiRoutes.map(([, r]) => r.Properties.RouteKey).sort()).toEqual(routes.map(routeKey).sort());
    const targets = new Set<string>();
    for (const route of routes) {
      const [, apiRoute] = apiRoutes.find(([, r]) => r.Properties.RouteKey === routeKey(route))!;
      const integrationId = apiRoute.Properties.Target['Fn::Join'][1][1].Ref as string;
      const integration = resources[integrationId]!;
      expect(integration.Properties.IntegrationUri).toEqual({ 'Fn::GetAtt': [functionOf(route), 'Arn'] });
      targets.add(functionOf(route));
    }
    expect(targets.size).toBe(routes.length);
    expect(ofType('AWS::Lambda::Function').filter(([id]) => targets.has(id))).toHaveLength(routes.length);
  });

  test('the JWT authorizer of the user pool guards every moderator route and no public route', () => {
    const [[authorizerId, authorizer]] = ofType('AWS::ApiGatewayV2::Authorizer') as [[string, Resources[string]]];
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(authorizer.Properties.JwtConfiguration.Audience).toEqual([
      { Ref: logicalIdAt('Parley/Moderators/UserPool/ToolingClient/Resource') },
      { Ref: logicalIdAt('Parley/Moderators/UserPool/ConsoleClient/Resource') },
    ]);
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toContain(
      logicalIdAt('Parley/Moderators/UserPool/Resource'),
    );
    for (const route of routes) {
      const [, apiRoute] = ofType('AWS::ApiGatewayV2::Route').find(
        ([, r]) => r.Properties.RouteKey === routeKey(route),
      )!;
      if (route.auth === 'moderator') {
        expect({
          key: routeKey(route),
          type: apiRoute.Properties.AuthorizationType,
          id: apiRoute.Properties.AuthorizerId,
        }).toEqual({ key: routeKey(route), type: 'JWT', id: { Ref: authorizerId } });
      } else {
        expect({
          key: routeKey(route),
          type: apiRoute.Properties.AuthorizationType,
          id: apiRoute.Properties.AuthorizerId,
        }).toEqual({ key: routeKey(route), type: 'NONE', id: undefined });
      }
    }
  });

  test('CORS allows only the origins from the allowedOrigins context, with the shared CORS policy', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['https://blog.example.org', 'https://www.example.org'],
        AllowMethods: [...CORS_POLICY.allowMethods],
        AllowHeaders: [...CORS_POLICY.allowHeaders],
        ExposeHeaders: [...CORS_POLICY.exposeHeaders],
        MaxAge: CORS_POLICY.maxAgeSeconds,
      },
    });
  });

  test('without allowedOrigins the API answers no CORS preflight at all', () => {
    const { template: closed } = synth({ allowedOrigins: '', alarms: false });
    closed.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
  });

  test('an allowedOrigins entry that is not a bare https origin is refused at synth', () => {
    for (const bad of [
      'https://blog.example.org/',
      'http://blog.example.org',
      '*',
      'https://blog.example.org/path',
      'https://*.example.org',
    ]) {
      expect(() => synth({ allowedOrigins: bad, alarms: false })).toThrow(/allowedOrigins/);
    }
  });

  test('the stage is throttled from context and writes JSON access logs without client addresses to a log group with retention', () => {
    const custom = synth({ throttleRateLimit: 7, throttleBurstLimit: 11, alarms: false }).template;
    custom.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 7, ThrottlingBurstLimit: 11 },
    });
    const [[, stage]] = ofType('AWS::ApiGatewayV2::Stage') as [[string, Resources[string]]];
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
      routeKey: '$context.routeKey',
    });
    expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/sourceIp|userAgent/);
    const logGroupId = stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    expect(resources[logGroupId]!.Properties.RetentionInDays).toBe(30);
  });
});

describe('functions', () => {
  test('every function is bundled by esbuild into a minified ESM file for Node 22 on arm64, without source maps', () => {
    for (const route of routes) {
      const fn = resources[functionOf(route)]!;
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
      });
      const assetDir = path.join(prod.app.outdir, fn.Metadata!['aws:asset:path']);
      expect(fs.readdirSync(assetDir)).toEqual(['index.mjs']);
      const code = fs.readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
      expect(code).toContain('handler');
      expect(code).not.toContain('sourceMappingURL');
      // Minified: long lines (only the legal comments esbuild keeps at the end are short).
      expect(code.length / code.split('\n').length).toBeGreaterThan(200);
    }
  });

  test('a bundle reaches the modules it leaves out only through dynamic import(), never statically', () => {
    for (const route of routes) {
      const fn = resources[functionOf(route)]!;
      const code = fs.readFileSync(path.join(prod.app.outdir, fn.Metadata!['aws:asset:path'], 'index.mjs'), 'utf8');
      for (const name of lambdaBundling().externalModules ?? []) {
        const quoted = new RegExp(`(.{0,7})["']${name.replace(/[/*]/g, '\\$&')}["']`, 'g');
        for (const [, before] of code.matchAll(quoted))
          expect({ name, before }).toEqual({ name, before: expect.stringMatching(/import\($/) });
      }
      expect(code).not.toMatch(/\bfrom\s*["']@aws-sdk\//);
    }
  });

  test('every function gets the run-time settings, and SECRET_ARN only when its route uses the secret', () => {
    const secretId = ofType('AWS::SecretsManager::Secret')[0]![0];
    for (const route of routes) {
      const variables = resources[functionOf(route)]!.Properties.Environment.Variables;
      expect(variables).toMatchObject({
        TABLE_NAME: { Ref: tableId },
        ALLOWED_ORIGINS: ORIGINS,
        MODERATION: 'pre',
        EDIT_WINDOW_SECONDS: '900',
        RATE_LIMIT_MAX: '10',
        RATE_LIMIT_WINDOW_SECONDS: '60',
        MAX_LINKS: '3',
        MIN_SUBMIT_MILLIS: '3000',
        DUPLICATE_WINDOW_SECONDS: '86400',
        SITE_TITLE: 'Comments',
        SITE_URL: 'https://blog.example.org/',
        SERVICE_NAME: 'parley',
        LOG_LEVEL: 'INFO',
      });
      expect(variables.SECRET_ARN).toEqual(route.usesSecret ? { Ref: secretId } : undefined);
    }
  });

  test('settings from context reach the functions', () => {
    const { resources: custom } = synth({
      moderation: 'trusted',
      editWindowSeconds: 600,
      siteTitle: 'My blog',
      logLevel: 'debug',
      alarms: false,
    });
    const fn = Object.values(custom).find(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['aws:cdk:path'] === 'Parley/Health/Function/Resource',
    )!;
    expect(fn.Properties.Environment.Variables).toMatchObject({
      MODERATION: 'trusted',
      EDIT_WINDOW_SECONDS: '600',
      SITE_TITLE: 'My blog',
      LOG_LEVEL: 'DEBUG',
    });
    // Structured logs come from Lambda's JSON log format, filtered at the context's level.
    expect(fn.Properties.LoggingConfig).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG' });
  });

  test('every function logs to its own log group with retention', () => {
    const groups = new Set<string>();
    for (const route of routes) {
      const groupId = resources[functionOf(route)]!.Properties.LoggingConfig.LogGroup.Ref as string;
      expect(resources[groupId]!.Properties.RetentionInDays).toBe(30);
      groups.add(groupId);
    }
    expect(groups.size).toBe(routes.length);
  });
});

describe('least privilege', () => {
  test('the public read function ListComments may query only the two thread indexes, and get items from the table', () => {
    const route = routeNamed('ListComments');
    expect(actionsOf(route)).toEqual(expectedActions(route));
    const query = statementsOf(roleOf(route)).find((s) => JSON.stringify(s.Action).includes('dynamodb:Query'))!;
    expect(query.Action).toBe('dynamodb:Query');
    // Not the base table, and not the queue indexes, which carry emails and IP hashes.
    expect(query.Resource).toEqual([indexArn('thread'), indexArn('threadNewest')]);
    const get = statementsOf(roleOf(route)).find((s) => JSON.stringify(s.Action).includes('dynamodb:GetItem'))!;
    expect(get.Resource).toEqual(tableArn);
  });

  test('every Query grant names exactly the indexes of its route, or the base table when it lists none', () => {
    for (const route of routes.filter((r) => r.tableAccess.includes('Query'))) {
      const query = statementsOf(roleOf(route)).find((s) => JSON.stringify(s.Action).includes('dynamodb:Query'))!;
      const expected = route.indexes.length > 0 ? route.indexes.map((name) => indexArn(name)) : [tableArn];
      // A policy statement holds a lone resource as itself, not as a list of one.
      const resource = [query.Resource].flat();
      expect({ route: route.name, resource }).toEqual({ route: route.name, resource: expected });
    }
  });

  test('the public write function PostComment gets exactly its listed actions, on the table only', () => {
    const route = routeNamed('PostComment');
    expect(actionsOf(route)).toEqual(expectedActions(route));
    for (const statement of statementsOf(roleOf(route)).filter((s) => JSON.stringify(s.Action).includes('dynamodb:'))) {
      expect(statement.Resource).toEqual(tableArn);
    }
  });

  test('the moderator function AdminApprove gets exactly its listed actions and cannot read the secret', () => {
    const route = routeNamed('AdminApprove');
    expect(actionsOf(route)).toEqual(expectedActions(route));
    expect(actionsOf(route)).not.toContain('secretsmanager:GetSecretValue');
  });

  test('no function role has a wildcard action, a wildcard resource or a managed policy', () => {
    for (const route of routes) {
      expect(actionsOf(route).filter((a) => a.includes('*'))).toEqual([]);
      expect(JSON.stringify(statementsOf(roleOf(route)).map((s) => s.Resource))).not.toMatch(/"\*"|\/\*"/);
      expect(resources[roleOf(route)]!.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  test('only the functions whose route uses the secret may read it, and the secret is generated at deploy time', () => {
    const readers = ofType('AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes('secretsmanager:'))
      .flatMap(([, p]) => (p.Properties.Roles as Array<{ Ref: string }>).map((r) => r.Ref))
      .sort();
    expect(readers).toEqual(
      routes
        .filter((r) => r.usesSecret)
        .map(roleOf)
        .sort(),
    );
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
      SecretString: Match.absent(),
    });
  });
});

describe('table', () => {
  test('keys, indexes, projections and TTL come from the table definition, billed on demand', () => {
    const table = resources[tableId]!.Properties;
    expect(table.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.KeySchema).toEqual([
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
    expect(table.GlobalSecondaryIndexes.map((i: { IndexName: string }) => i.IndexName).sort()).toEqual(
      ALL_INDEXES.map((i) => i.indexName).sort(),
    );
    for (const index of ALL_INDEXES) {
      const gsi = table.GlobalSecondaryIndexes.find((i: { IndexName: string }) => i.IndexName === index.indexName);
      expect(gsi.KeySchema).toEqual([
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ]);
      expect(gsi.Projection).toEqual(
        index.projection === 'ALL' || index.projection === 'KEYS_ONLY'
          ? { ProjectionType: index.projection }
          : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection] },
      );
    }
  });

  test('on-demand maximum throughput caps what a flood can cost, from context', () => {
    const json = JSON.stringify(resources[tableId]!.Properties);
    expect(json).toContain('"MaxReadRequestUnits":2000');
    expect(json).toContain('"MaxWriteRequestUnits":500');
    const custom = synth({ tableMaxWriteUnits: 40, tableMaxReadUnits: 90, alarms: false }).resources;
    const table = Object.values(custom).find((r: any) => r.Type === 'AWS::DynamoDB::GlobalTable') as any;
    expect(JSON.stringify(table.Properties)).toContain('"MaxWriteRequestUnits":40');
    expect(JSON.stringify(table.Properties)).toContain('"MaxReadRequestUnits":90');
  });

  test('by default the table is retained on stack deletion, deletion-protected and has point-in-time recovery', () => {
    const table = resources[tableId]!;
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties.Replicas[0]).toMatchObject({
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    expect(table.Properties.TableName).toBeUndefined();
  });

  test('stage=dev opts into deleting the table with the stack, without deletion protection', () => {
    const dev = synth({ stage: 'dev', alarms: false }).resources;
    const [, table] = Object.entries(dev).find(([, r]) => r.Type === 'AWS::DynamoDB::GlobalTable')!;
    expect(table.DeletionPolicy).toBe('Delete');
    expect(table.Properties.Replicas[0].DeletionProtectionEnabled).toBe(false);
    expect(table.Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  test('re-attaching a retained table without its stream ARN is refused at synth: the held counts depend on it', () => {
    expect(() => synth({ existingTableName: 'Parley-DataTableFDBAD0F2-1ABC', alarms: false })).toThrow(
      /existingTableStreamArn/,
    );
  });

  test('existingTableName re-attaches a retained table instead of creating one', () => {
    const { template: attached } = synth({
      existingTableName: 'Parley-DataTableFDBAD0F2-1ABC',
      existingTableStreamArn:
        'arn:aws:dynamodb:us-east-1:123456789012:table/Parley-DataTableFDBAD0F2-1ABC/stream/2026-01-01T00:00:00.000',
      alarms: false,
    });
    attached.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    attached.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ TABLE_NAME: 'Parley-DataTableFDBAD0F2-1ABC' }) },
    });
  });

  test('no resource of the stack has a physical name', () => {
    const nameProperty: Record<string, string> = {
      'AWS::DynamoDB::GlobalTable': 'TableName',
      'AWS::Lambda::Function': 'FunctionName',
      'AWS::IAM::Role': 'RoleName',
      'AWS::Logs::LogGroup': 'LogGroupName',
      'AWS::S3::Bucket': 'BucketName',
      'AWS::Cognito::UserPool': 'UserPoolName',
      'AWS::SNS::Topic': 'TopicName',
      'AWS::CloudWatch::Alarm': 'AlarmName',
      'AWS::SecretsManager::Secret': 'Name',
    };
    const named = Object.entries(resources).filter(
      ([, r]) => nameProperty[r.Type] && r.Properties?.[nameProperty[r.Type]!] !== undefined,
    );
    expect(Object.values(resources).filter((r) => nameProperty[r.Type])).not.toHaveLength(0);
    expect(named.map(([id]) => id)).toEqual([]);
  });
});

describe('moderators', () => {
  test('by default the user pool and the HMAC secret are kept when the stack is deleted', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
  });

  test('the user pool has no self sign-up, signs in by email, requires a strong password and MFA, and has a moderators group', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      UsernameAttributes: ['email'],
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'moderators' });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
    });
  });
});

describe('console sign-in', () => {
  test('moderators sign in on managed login (version 2) of a user pool domain', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 1);
  });

  test('the console client uses the authorization code flow only, without a secret, returning to /admin/ on the distribution', () => {
    const id = logicalIdAt('Parley/Moderators/UserPool/ConsoleClient/Resource');
    const client = resources[id]!.Properties;
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.GenerateSecret).toBe(false);
    expect(client.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    const distribution = ofType('AWS::CloudFront::Distribution')[0]![0];
    for (const urls of [client.CallbackURLs, client.LogoutURLs])
      expect(urls).toEqual([
        { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }, '/admin/']] },
      ]);
  });

  test('passkeys are a first factor only when the passkeys context says so, and then need user verification', () => {
    expect(
      template.toJSON().Resources[logicalIdAt('Parley/Moderators/UserPool/Resource')].Properties.Policies,
    ).not.toHaveProperty('SignInPolicy');
    synth({ passkeys: true }).template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: Match.objectLike({ SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } }),
      WebAuthnUserVerification: 'required',
      MfaConfiguration: 'ON',
    });
  });
});

describe('operations', () => {
  test('alarms watch the API 5xx rate and any 5xx, Lambda throttles and DynamoDB throttles and system errors, each within the 10-metric limit', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const metricNames = alarms.flatMap((a) =>
      [a.MetricName, ...(a.Metrics ?? []).map((m: any) => m.MetricStat?.Metric.MetricName)].filter(Boolean),
    );
    for (const name of [
      '5xx',
      'Count',
      'Throttles',
      'ReadThrottleEvents',
      'WriteThrottleEvents',
      'SystemErrors',
      'ConsumedReadCapacityUnits',
      'ConsumedWriteCapacityUnits',
    ])
      expect(metricNames).toContain(name);
    const spend = alarms.find((a) => JSON.stringify(a.Metrics ?? []).includes('ConsumedWriteCapacityUnits'));
    expect(spend?.Threshold).toBe(10);
    for (const alarm of alarms) {
      expect((alarm.Metrics ?? []).filter((m: any) => m.MetricStat).length).toBeLessThanOrEqual(10);
      expect(alarm.AlarmActions).toHaveLength(1);
    }
    // Every route function is watched through the API's 5xx (any one of them fires an alarm) and
    // Lambda's account-wide throttles: one metric each, not one per function.
    expect(alarms.some((a) => a.MetricName === '5xx' && a.Threshold === 1)).toBe(true);
    expect(alarms.some((a) => a.MetricName === 'Throttles' && a.Namespace === 'AWS/Lambda' && !a.Dimensions)).toBe(
      true,
    );
  });

  test('the alarms read few metrics, so they cost little while the blog is idle (CloudWatch bills each metric)', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const metrics = alarms.reduce((n, a) => n + (a.Metrics ? a.Metrics.filter((m: any) => m.MetricStat).length : 1), 0);
    expect(metrics).toBeLessThanOrEqual(25);
    expect(metrics).toBeLessThan(routes.length);
  });

  test('alarms=false creates no alarm', () => {
    synth({ alarms: false }).template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
  });

  test('outputs give the API URL, user pool, app client, region, table, secret and widget URL', () => {
    const outputs = Object.keys(template.toJSON().Outputs);
    expect(outputs).toEqual(
      expect.arrayContaining([
        'ApiUrl',
        'UserPoolId',
        'UserPoolClientId',
        'Region',
        'TableName',
        'SecretArn',
        'WidgetUrl',
      ]),
    );
  });
});

describe('widget hosting', () => {
  test('the widget bucket is private, encrypted and SSL-only, read by CloudFront through Origin Access Control', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([Match.objectLike({ OriginAccessControlId: Match.anyValue() })]),
      }),
    });
  });

  test("hashed files are cached for a year and the stable names (embed.js, count.js, manifest.json, the console's page and config) for minutes, then invalidated", () => {
    const STABLE_FILES = [...STABLE_WIDGET_FILES, 'admin/index.html', 'admin/config.json'];
    const deployments = ofType('Custom::CDKBucketDeployment').map(([, d]) => d.Properties);
    const hashed = deployments.find((d) => d.SystemMetadata?.['cache-control'] === HASHED_CACHE_CONTROL)!;
    const stable = deployments.find((d) => d.SystemMetadata?.['cache-control'] === STABLE_CACHE_CONTROL)!;
    expect(STABLE_WIDGET_FILES).toEqual(expect.arrayContaining(['embed.js', 'count.js']));
    expect(hashed.Exclude).toEqual(STABLE_FILES);
    expect(hashed.Prune).toBe(true);
    expect(stable).toMatchObject({
      Exclude: ['*'],
      Include: STABLE_FILES,
      Prune: false,
      DistributionPaths: STABLE_FILES.map((f) => `/${f}`),
    });
  });

  test('without a built widget the stack serves none (the distribution serves the API alone)', () => {
    const { template: bare } = synth({ alarms: false });
    bare.resourceCountIs('AWS::CloudFront::Distribution', 1);
    bare.resourceCountIs('AWS::CloudFront::OriginAccessControl', 0);
    bare.resourceCountIs('AWS::S3::Bucket', 0);
    expect(Object.keys(bare.toJSON().Outputs)).not.toContain('WidgetUrl');
  });
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
